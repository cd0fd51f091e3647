/**
 * A file name safe to store, show and send: the last path segment only, no control or
 * bidirectional-override characters, no leading dots, at most 200 characters (the extension
 * kept). Nothing left: "attachment".
 */
export function safeFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
    .replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/u, '');
  if (!cleaned) return 'attachment';
  const chars = [...cleaned];
  if (chars.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)].slice(0, 20).join('') : '';
  return chars.slice(0, 200 - [...extension].length).join('') + extension;
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The declared media type when it is one (parameters dropped), else application/octet-stream. */
export function safeContentType(raw: string | undefined): string {
  const type = raw?.split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPE.test(type) ? type : 'application/octet-stream';
}
