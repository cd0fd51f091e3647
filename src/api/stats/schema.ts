import { Type } from 'typebox';

export const DailyQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 366, default: 30, description: 'How many UTC days' }),
  ),
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
