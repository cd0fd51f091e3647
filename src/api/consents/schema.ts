import { Type } from 'typebox';
import { SingleLine, Timestamp } from '../schemas.js';

export const ConsentView = Type.Object({
  email: Type.String({ description: 'The address as it was given' }),
  addressKey: Type.String({
    description: 'The form every spelling of the address shares (NFC, case folding, IDNA)',
  }),
  source: Type.Union([Type.Literal('import'), Type.Literal('privacy_page')], {
    description: 'Imported by an admin, or given by the recipient on their privacy page',
  }),
  proof: Type.String({
    description: 'The admin’s proof, or what the privacy page said when the recipient consented',
  }),
  givenAt: Timestamp,
});

export const ConsentList = Type.Object({ consents: Type.Array(ConsentView) });

export const ConsentBody = Type.Object(
  {
    email: SingleLine({
      address: true,
      minLength: 3,
      maxLength: 320,
      description: 'Any spelling, IDN included',
    }),
    proof: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'How and when the recipient consented (a form, a signed paper…)',
    }),
  },
  { additionalProperties: false },
);

export const ConsentParams = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320 }),
});

export const ConsentLogEntry = Type.Object({
  email: Type.String({ description: 'The address as it was given' }),
  addressKey: Type.String(),
  action: Type.Union([Type.Literal('given'), Type.Literal('withdrawn')]),
  at: Timestamp,
  source: Type.Union(
    [Type.Literal('import'), Type.Literal('privacy_page'), Type.Literal('admin')],
    { description: 'Imported or withdrawn by an admin, or the recipient on their privacy page' },
  ),
  proof: Type.String({
    description: 'The admin’s proof, or the sentence and button the privacy page showed',
  }),
  recipientId: Type.Union([Type.String(), Type.Null()], {
    description: 'The copy whose privacy page was used',
  }),
});

export const ConsentLog = Type.Object({ entries: Type.Array(ConsentLogEntry) });
