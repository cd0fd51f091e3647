import { Type } from 'typebox';
import { Cursor, Id, NextCursor, RangeBound, Timestamp } from '../schemas.js';

const Day = (what: string) =>
  Type.Optional(Type.String({ format: 'date', description: `${what} (a UTC day, 2026-11-30)` }));

export const DailyQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 366,
      default: 30,
      description: 'How many UTC days, up to today (without `from`)',
    }),
  ),
  from: Day('The first day'),
  to: Day('The day after the last (exclusive, as every `to` of the API); default: tomorrow'),
});

const Reach = Type.Object({
  people: Type.Integer({ description: 'Distinct recipients, human or through an image proxy' }),
  machines: Type.Integer({ description: 'Distinct recipients whose event a machine made' }),
});

const Counts = {
  sent: Type.Integer({ description: 'Messages sent' }),
  opened: Reach,
  clicked: Reach,
  downloaded: Reach,
};

export const DailyStats = Type.Object({
  days: Type.Array(
    Type.Object({ date: Type.String({ format: 'date', description: 'The UTC day' }), ...Counts }),
  ),
  totals: Type.Object(Counts, {
    description: 'The whole window: a recipient who opened on two days counts once',
  }),
});

export const RatesQuery = Type.Object({
  by: Type.Optional(
    Type.Union([Type.Literal('message'), Type.Literal('sender')], {
      default: 'message',
      description: 'One row per message sent in the range, or per sender (a workspace member)',
    }),
  ),
  from: RangeBound('Messages sent at or after this'),
  to: RangeBound('Messages sent before this'),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Messages per page' }),
  ),
  cursor: Type.Optional(Cursor('The `cursor` of the page before (older messages; by=message)')),
});

const Rate = (what: string) =>
  Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
    description: `${what}, 0 to 1; null when there is nothing to divide by`,
  });

const CopyCounts = {
  recipients: Type.Integer({
    description: 'Recipient copies to people outside the workspace (copies to members never count)',
  }),
  tracked: Type.Integer({ description: '…of those, tracked per person' }),
  delivered: Type.Integer({
    description: '…of those, accepted by the relay: the open and click rates’ denominator',
  }),
  deliveredWithFiles: Type.Integer({
    description: '…of those, of messages with attachments: the download rate’s denominator',
  }),
  opened: Type.Integer({ description: 'Delivered copies a person opened (once however often)' }),
  clicked: Type.Integer({ description: 'Delivered copies a person clicked a link of' }),
  downloaded: Type.Integer({ description: 'Delivered copies a person downloaded a file of' }),
  rates: Type.Object({
    opened: Rate('opened / delivered'),
    clicked: Rate('clicked / delivered'),
    downloaded: Rate('downloaded / deliveredWithFiles'),
  }),
};

const MessageRatesView = Type.Object({
  id: Id,
  subject: Type.String(),
  sentAt: Timestamp,
  sender: Type.Object({ id: Id, name: Type.String() }),
  ...CopyCounts,
});

const SenderRatesView = Type.Object({
  id: Id,
  name: Type.String(),
  email: Type.String(),
  messages: Type.Integer({ description: 'Messages sent in the range' }),
  trackedMessages: Type.Integer({ description: '…of which with a copy tracked per person' }),
  ...CopyCounts,
});

export const Rates = Type.Object({
  messages: Type.Optional(
    Type.Array(MessageRatesView, { description: 'by=message, newest first' }),
  ),
  senders: Type.Optional(Type.Array(SenderRatesView, { description: 'by=sender, by name' })),
  cursor: NextCursor,
});
