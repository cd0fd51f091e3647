/**
 * The first lines of a reply, as a chat line shows them: what the person wrote, without the
 * message they quote or their signature, as well as plain text allows.
 */

/** Lines kept, at most. */
const MAX_LINES = 5;
/** Characters kept, at most (a long first paragraph is cut with an ellipsis). */
const MAX_CHARS = 400;

/**
 * The attribution lines mail clients write in the five languages ("On … wrote:", "Il giorno …
 * ha scritto:", "Le … a écrit :", "Am … schrieb …:", "El … escribió:"). Gmail and others wrap a
 * long one ("On Mon, 30 Nov 2026 at 10:00 Ada Lovelace <ada@acme.example>" then "wrote:"), so a
 * line is also read joined with the next.
 */
const ATTRIBUTION: readonly RegExp[] = [
  /^on\b.*\bwrote:?$/i,
  /^il giorno\b.*\bha scritto:?$/i,
  /^(il )?.*\bha scritto:$/i,
  /^le\b.*\ba [ée]crit ?:?$/i,
  /^am\b.*\bschrieb\b.*:?$/i,
  /^el\b.*\bescribi[óo]:?$/i,
];

/**
 * Lines that start what a reply quotes: an attribution line, the separators of Outlook and
 * others, and a forwarded or replied-to header block.
 */
const QUOTE_STARTS: readonly RegExp[] = [
  ...ATTRIBUTION,
  /^-{2,}\s*(original message|messaggio originale|message d'origine|urspr[üu]ngliche nachricht|mensaje original|forwarded message|messaggio inoltrato)\s*-{2,}$/i,
  // A rule: Outlook's line of underscores, and an <hr> (Outlook on the web, Outlook desktop's
  // HTML) as mailparser writes it in text, a line of dashes.
  /^[-_=—–]{5,}$/,
  // Outlook's header block ("From: … Sent: … To: … Subject:"), in the five languages, and its
  // first line bare when a client put the name on the next line.
  /^(from|da|de|von|sent|inviato|envoy[ée]|gesendet|enviado)\s*:\s*\S/i,
  /^(from|da|de|von)\s*:$/i,
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
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((raw) => raw.replace(CONTROLS, '').trimEnd());
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (QUOTE_STARTS.some((pattern) => pattern.test(trimmed))) break;
    // A wrapped attribution: this line and the next read as one, ending with its colon.
    const joined = `${trimmed} ${lines[i + 1]?.trim() ?? ''}`;
    if (joined.endsWith(':') && ATTRIBUTION.some((pattern) => pattern.test(joined))) break;
    if (SIGNATURE_STARTS.some((pattern) => pattern.test(line) || pattern.test(trimmed))) break;
    if (trimmed.startsWith('>')) continue;
    if (trimmed === '') continue;
    kept.push(trimmed);
    if (kept.length === MAX_LINES) break;
  }
  const excerpt = kept.join('\n');
  return excerpt.length > MAX_CHARS ? `${excerpt.slice(0, MAX_CHARS - 1).trimEnd()}…` : excerpt;
}
