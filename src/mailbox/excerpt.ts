/**
 * The first lines of a reply, as a chat line shows them: what the person wrote, without the
 * message they quote or their signature, as well as plain text allows.
 */

/** Lines kept, at most. */
const MAX_LINES = 5;
/** Characters kept, at most (a long first paragraph is cut with an ellipsis). */
const MAX_CHARS = 400;

/**
 * Lines that start what a reply quotes: the attribution lines mail clients write in the five
 * languages ("On … wrote:", "Il giorno … ha scritto:", "Le … a écrit :", "Am … schrieb …:",
 * "El … escribió:"), the separators of Outlook and others, and a forwarded header block.
 */
const QUOTE_STARTS: readonly RegExp[] = [
  /^on\b.*\bwrote:?$/i,
  /^il giorno\b.*\bha scritto:?$/i,
  /^(il )?.*\bha scritto:$/i,
  /^le\b.*\ba [ée]crit ?:?$/i,
  /^am\b.*\bschrieb\b.*:?$/i,
  /^el\b.*\bescribi[óo]:?$/i,
  /^-{2,}\s*(original message|messaggio originale|message d'origine|urspr[üu]ngliche nachricht|mensaje original|forwarded message|messaggio inoltrato)\s*-{2,}$/i,
  /^_{10,}$/,
  /^(from|da|de|von|sent|inviato|envoy[ée]|gesendet|enviado)\s*:\s*\S/i,
];

/**
 * Lines that start a signature: the RFC 3676 §4.3 delimiter ("-- "), and the phone clients'
 * "Sent from my iPhone" in the five languages.
 */
const SIGNATURE_STARTS: readonly RegExp[] = [
  /^-- ?$/,
  /^(sent from my|inviato da|envoy[ée] de mon|von meinem .* gesendet|enviado desde mi)\b/i,
];

/** C0 and C1 controls but tab, and the bidirectional overrides: never shown in a chat line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The reply's own first lines from its plain text (the text part, or the html made text by the
 * caller): quoted lines (`>`), everything from an attribution line or a signature on, and blank
 * runs dropped; at most MAX_LINES lines and MAX_CHARS characters. Plain text, never markup: the
 * chat shows it as text (the web app escapes it; notifications are text).
 */
export function replyExcerpt(text: string): string {
  const kept: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(CONTROLS, '').trimEnd();
    const trimmed = line.trim();
    if (QUOTE_STARTS.some((pattern) => pattern.test(trimmed))) break;
    if (SIGNATURE_STARTS.some((pattern) => pattern.test(line) || pattern.test(trimmed))) break;
    if (trimmed.startsWith('>')) continue;
    if (trimmed === '') continue;
    kept.push(trimmed);
    if (kept.length === MAX_LINES) break;
  }
  const excerpt = kept.join('\n');
  return excerpt.length > MAX_CHARS ? `${excerpt.slice(0, MAX_CHARS - 1).trimEnd()}…` : excerpt;
}
