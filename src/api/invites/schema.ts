import { Type } from 'typebox';
import { Email, Role, Timestamp } from '../schemas.js';

export const CreateInviteBody = Type.Object(
  { email: Email, role: Type.Optional(Role) },
  { additionalProperties: false },
);
export const CreatedInvite = Type.Object({
  token: Type.String(),
  url: Type.String({ description: 'The signup link to send to the invitee' }),
  expiresAt: Timestamp,
});
