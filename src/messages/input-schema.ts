import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { fail } from '../errors.js';
import { BAD_TEXT_REFUSAL, holdsBadText, SingleLine, singleLineRefusal } from '../mail/index.js';
import { MAX_BODY_CHARS } from './input.js';

/**
 * What a message's composed fields may hold, as schemas: `POST`/`PATCH /api/v1/messages` declare
 * them in their body schemas (the API validates with them and documents them), and
 * checkMessageContent holds any other way of composing (SMTP submission) to the very same ones.
 */

/** Addresses in each of to, cc and bcc (docs/limits.md). */
export const MAX_ADDRESSES = 500;

/** One recipient: an address of one line with nothing invisible, and an optional name. */
export const MessageAddress = Type.Object(
  {
    email: SingleLine({ minLength: 3, maxLength: 320, address: true }),
    name: Type.Optional(Type.Union([SingleLine({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const MessageAddressList = Type.Array(MessageAddress, { maxItems: MAX_ADDRESSES });
/** A subject: one line, at most a header line's 998 characters (RFC 5322 §2.1.1). */
export const MessageSubject = SingleLine({ maxLength: 998 });
/** An html or text body: at most MAX_BODY_CHARS characters, or null (none). */
export const MessageBody = Type.Union([Type.String({ maxLength: MAX_BODY_CHARS }), Type.Null()]);

const MessageContent = Type.Object({
  to: MessageAddressList,
  cc: MessageAddressList,
  bcc: MessageAddressList,
  subject: MessageSubject,
  html: MessageBody,
  text: MessageBody,
});

/** The composed fields of a message, as checkMessageContent reads them. */
export interface MessageContentInput {
  readonly to: readonly { email: string; name?: string | null }[];
  readonly cc: readonly { email: string; name?: string | null }[];
  readonly bcc: readonly { email: string; name?: string | null }[];
  readonly subject: string;
  readonly html: string | null;
  readonly text: string | null;
}

/**
 * Holds composed fields to the API's rules for them (the schemas above, and the NUL and lone
 * surrogate refusal every API request gets): `400 validation_failed` naming the first field
 * that breaks one (`to/2/name must not have more than 200 characters`), with the API's words
 * for a one-line field.
 */
export function checkMessageContent(content: MessageContentInput): void {
  // These fields only: a caller's object may carry more (a submitted mail's files).
  const { to, cc, bcc, subject, html, text } = content;
  const fields = { to, cc, bcc, subject, html, text };
  if (holdsBadText(fields)) fail('MB_ERR_VALIDATION', BAD_TEXT_REFUSAL);
  for (const error of Value.Errors(MessageContent, fields)) {
    const field = error.instancePath.replace(/^\//, '') || 'message';
    const pattern = (error.params as { pattern?: unknown }).pattern;
    const words = error.keyword === 'pattern' ? singleLineRefusal(field, pattern) : undefined;
    fail('MB_ERR_VALIDATION', words ?? `${field} ${error.message}`);
  }
}
