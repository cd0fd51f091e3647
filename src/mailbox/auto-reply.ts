/**
 * Automatic replies — out-of-office notices, vacation responders — told apart from a person's
 * reply, so that they are labelled and never counted as replies.
 *
 * The headers first, as RFC 3834 §5 defines them: `Auto-Submitted` with any value but `no`
 * (`auto-replied`, `auto-generated`, `auto-notified`…). Then the de facto ones responders set
 * without it: `X-Autoreply`, `X-Autorespond` (any value; Zimbra, cPanel, some webmails) and
 * `Precedence: auto_reply`. Last the subjects the common responders write (Outlook's
 * "Automatic reply:", Gmail's vacation responder keeps the subject but sets Auto-Submitted) in
 * English, Italian, French, German and Spanish.
 */

/** Why a mail was taken for an automatic reply: the event's `reason`. */
export type AutoReplyReason = 'auto_submitted' | 'x_autoreply' | 'precedence' | 'subject';

/** The headers, by lower-case name, each header's first value as one unfolded string. */
export type HeaderLookup = (name: string) => string | undefined;

/**
 * Subjects of automatic replies, at the start of the subject (after any `Re:`/`AW:`/`R:`), case
 * and accents ignored: what Outlook, Exchange, Gmail, Thunderbird's filters and the Italian,
 * French, German and Spanish providers write.
 */
const SUBJECTS: readonly RegExp[] = [
  // English
  /^(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (the )?office|away from (the )?office|on vacation|on holiday|on leave)\b/,
  // Italian
  /^(risposta automatica|fuori sede|fuori ufficio|assente dall'ufficio|assenza|in ferie|sono in ferie)\b/,
  // French
  /^(reponse automatique|absent du bureau|absence du bureau|message d'absence|absence|en conge)\b/,
  // German
  /^(automatische antwort|abwesenheitsnotiz|abwesenheit|abwesend|ausser haus|ausser buro|nicht im buro)\b/,
  // Spanish
  /^(respuesta automatica|fuera de la oficina|fuera de oficina|ausente|ausencia|de vacaciones)\b/,
];

/** Reply and forward prefixes mail clients put before a subject, in the five languages. */
const PREFIX = /^\s*((re|r|aw|sv|rif|res|ref|antw|wg|fw|fwd|tr|rv)\s*(\[\d+\])?\s*:\s*)+/i;

/** The subject folded for matching: no accents, lower case, no reply prefixes, ß as ss. */
function foldSubject(subject: string): string {
  return subject
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[’`]/g, "'")
    .replace(PREFIX, '')
    .trim();
}

/** Whether a subject reads as an automatic reply's (see SUBJECTS). */
export function isAutoReplySubject(subject: string): boolean {
  const folded = foldSubject(subject);
  return SUBJECTS.some((pattern) => pattern.test(folded));
}

/**
 * Why this mail is an automatic reply (RFC 3834 headers, the de facto ones, the subject), or
 * undefined for a mail a person wrote.
 */
export function autoReplyReason(
  header: HeaderLookup,
  subject: string,
): AutoReplyReason | undefined {
  const submitted = header('auto-submitted')?.trim().toLowerCase();
  // RFC 3834 §5.1: "no" — or no field — means a person sent it; parameters may follow.
  if (submitted !== undefined && submitted !== '' && submitted.split(';')[0]!.trim() !== 'no') {
    return 'auto_submitted';
  }
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined) {
    return 'x_autoreply';
  }
  if (header('precedence')?.trim().toLowerCase() === 'auto_reply') return 'precedence';
  if (isAutoReplySubject(subject)) return 'subject';
  return undefined;
}
