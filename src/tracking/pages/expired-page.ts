import { escapeHtml } from '../../html/index.js';
import { formatLongDate, type Language, wording } from '../../i18n/index.js';
import { timeElement } from './format-time.js';
import { emailLink, quotedSubject, realEmail, realName, senderName } from './fragments.js';
import { renderLayout } from './layout.js';
import { mailtoUrl } from './mailto.js';
import { fromHeader } from './sender-header.js';
import type { PageSender, RenderedPage } from './types.js';

export interface ExpiredPageInput {
  language: Language;
  nonce: string;
  sender: PageSender;
  subject: string;
  /** `expired`: the links' time ran out; `revoked`: the sender withdrew the files. */
  reason: 'expired' | 'revoked';
  /** When the links expired, if known (said only for `expired`). */
  expiredAt?: Date;
  /** IANA zone the date is written in; UTC by default. */
  timeZone?: string;
}

/**
 * The 410 page: the files are gone, and the way to get them is to ask the sender, so the page
 * offers a reply to them with the subject filled in.
 */
export function renderExpiredPage(input: ExpiredPageInput): RenderedPage {
  const words = wording(input.language).pages;
  const subject = quotedSubject(input.subject, words);
  const revoked = input.reason === 'revoked';
  let body: string;
  if (revoked) {
    body = words.revokedBody(subject);
  } else {
    // An unknown or unreadable date is simply not said.
    const at = input.expiredAt;
    const date =
      at && !Number.isNaN(at.getTime())
        ? formatLongDate(at, input.language, input.timeZone)
        : undefined;
    body = words.expiredBody(
      subject,
      at && date ? { text: date, html: timeElement(at, date) } : undefined,
    );
  }
  const name = senderName(input.sender);
  const email = realEmail(input.sender);
  const reply = email === undefined ? undefined : mailtoUrl(email, input.subject, input.language);
  const main = [
    `<h1>${escapeHtml(revoked ? words.revokedHeading : words.expiredHeading)}</h1>`,
    `<p>${body}</p>`,
    `<p>${words.askSender(name)}</p>`,
    ...(reply && name
      ? [
          `<p class="actions"><a class="button" href="${escapeHtml(reply)}">${words.writeTo(name)}</a></p>`,
        ]
      : []),
    // Without a mail program set up a mailto link does nothing: the address is there to copy.
    ...(reply && email && realName(input.sender)
      ? [`<p class="muted">${words.senderAddress(emailLink(email, reply))}</p>`]
      : []),
  ].join('\n');
  return renderLayout({
    language: input.language,
    nonce: input.nonce,
    title: revoked ? words.revokedTitle : words.expiredTitle,
    header: fromHeader(input.sender, words),
    main,
  });
}
