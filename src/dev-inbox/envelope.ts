/**
 * The RCPT TO addresses of a caught mail, from its stored `envelopeTo` (a JSON array of
 * strings), in the order the client gave them. A row that is not such an array (written by
 * hand, or damaged) has none: the headers still say who the mail was meant for.
 */
export function envelopeRecipients(envelopeTo: string): string[] {
  try {
    const parsed: unknown = JSON.parse(envelopeTo);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
