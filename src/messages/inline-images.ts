/**
 * Attachments the html shows inline: an uploaded attachment referenced as `cid:<attachment id>`
 * (e.g. `<img src="cid:01j…">`) travels as an inline image of every copy, tracked or not, and
 * is neither listed in the download block nor attached as a file.
 */
export function inlineAttachmentIds(
  html: string | null,
  attachmentIds: readonly string[],
): Set<string> {
  const inline = new Set<string>();
  if (!html) return inline;
  const referenced = html.toLowerCase();
  for (const id of attachmentIds) {
    if (referenced.includes(`cid:${id.toLowerCase()}`)) inline.add(id);
  }
  return inline;
}
