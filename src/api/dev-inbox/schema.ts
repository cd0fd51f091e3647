import { Type } from 'typebox';
import { Id, Timestamp } from '../schemas.js';

export const DEFAULT_LIMIT = 100;

export const InboxQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 500,
      default: DEFAULT_LIMIT,
      description: 'How many mails, newest first',
    }),
  ),
});

export const InboxMail = Type.Object({
  id: Id,
  from: Type.String({ description: 'The From header as a mail client shows it (decoded)' }),
  to: Type.String({ description: 'The To header as a mail client shows it (decoded)' }),
  subject: Type.String(),
  receivedAt: Timestamp,
  mailFrom: Type.String({
    description: 'The SMTP envelope sender (MAIL FROM), empty for a null reverse path',
  }),
  rcpt: Type.Array(Type.String(), {
    description:
      'The SMTP envelope recipients (RCPT TO): who this copy was delivered to, a Bcc included',
  }),
});

export const InboxList = Type.Object({ messages: Type.Array(InboxMail) });

export const MailParams = Type.Object({ id: Id });

export const InlinePartParams = Type.Object({
  id: Id,
  cid: Type.String({
    minLength: 1,
    maxLength: 998,
    description: 'The Content-ID the HTML refers to as cid:…, without angle brackets',
  }),
});

export const AttachmentParams = Type.Object({
  id: Id,
  index: Type.Integer({ minimum: 0, maximum: 10_000, description: 'As listed on the mail page' }),
});

export const HtmlPage = Type.String({ description: 'An HTML page' });

/** Bytes sent as they are; the schema documents them, nothing serialises them. */
export const Bytes = (description: string) =>
  Type.Unsafe<Uint8Array>(Type.String({ format: 'binary', description }));
