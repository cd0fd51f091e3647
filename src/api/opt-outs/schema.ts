import { Type } from 'typebox';
import { Cursor, Id, NextCursor, Timestamp } from '../schemas.js';

export const OptOutView = Type.Object({
  id: Id,
  action: Type.Union([Type.Literal('opt_out'), Type.Literal('withdrawal')], {
    description: '`opt_out`: stop tracking me; `withdrawal`: track me again',
  }),
  email: Type.String({ description: 'The address as the copy was sent to it' }),
  at: Timestamp,
  messageId: Id,
  recipientId: Type.String({ description: 'The recipient copy whose privacy page was used' }),
  language: Type.String({ description: 'The language the page was shown in' }),
  wordingVersion: Type.String({
    description: 'The version of the page’s wording (`unrecorded` before the log existed)',
  }),
  pageText: Type.String({ description: 'The exact text of the page, as the recipient read it' }),
});

export const OptOutQuery = Type.Object({
  cursor: Type.Optional(Cursor('Continue after this id (newer ones)')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

export const OptOutPage = Type.Object({
  optOuts: Type.Array(OptOutView),
  cursor: NextCursor,
});

export const CsvFile = Type.String({ description: 'CSV (RFC 4180, UTF-8 with a BOM)' });
