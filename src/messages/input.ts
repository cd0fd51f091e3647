import { fail } from '../errors.js';
import { type Address, checkAddress } from '../mail/index.js';

/** Files a message may carry (the API's schema and SMTP submission hold to it). */
export const MAX_MESSAGE_ATTACHMENTS = 100;
/** Characters an html or text body may have (the API's schema and SMTP submission hold to it). */
export const MAX_BODY_CHARS = 5_000_000;

export interface AddressInput {
  email: string;
  name?: string | null;
}

/** A message as the API composes it; absent fields keep their value on update. */
export interface MessageInput {
  to?: AddressInput[];
  cc?: AddressInput[];
  bcc?: AddressInput[];
  subject?: string;
  html?: string | null;
  text?: string | null;
  attachments?: string[];
  tracking?: { enabled?: boolean; attachmentLinkTtlDays?: number };
}

export function checkAddressList(field: string, list: readonly AddressInput[]): Address[] {
  return list.map((input, i) => {
    const checked = checkAddress(input);
    if (!checked.ok) fail('MB_ERR_VALIDATION', `${field}[${i}]: ${checked.reason}`);
    return checked.address;
  });
}

export interface ComposedContent {
  readonly to: Address[];
  readonly cc: Address[];
  readonly bcc: Address[];
  readonly subject: string;
  readonly html: string | null;
  readonly text: string | null;
}

/** What a message needs before it may be saved or sent: someone to send to, a subject, a body. */
export function checkComplete(content: ComposedContent): void {
  if (content.to.length + content.cc.length + content.bcc.length === 0) {
    fail('MB_ERR_VALIDATION', 'at least one recipient is needed in to, cc or bcc');
  }
  if (content.subject.trim() === '') fail('MB_ERR_VALIDATION', 'subject must not be empty');
  if (!content.html?.trim() && !content.text?.trim()) {
    fail('MB_ERR_VALIDATION', 'the message needs an html or a text body');
  }
}
