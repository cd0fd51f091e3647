import { Type } from 'typebox';
import { Email, Id, LanguageCode, Role, Timestamp } from '../schemas.js';

// What the account presenters return, as schemas (a leaf: see message-views.ts).

export const UserView = Type.Object({
  id: Id,
  email: Email,
  name: Type.String(),
  role: Role,
  language: LanguageCode(),
  trackingDefault: Type.Union([Type.Boolean(), Type.Null()], {
    description:
      'The user’s own default for new messages’ tracking switch; null follows the workspace’s `trackingDefault`',
  }),
  createdAt: Timestamp,
});

export const WorkspaceView = Type.Object({ id: Id, name: Type.String(), createdAt: Timestamp });

export const ApiKeyView = Type.Object({
  id: Id,
  name: Type.String(),
  last4: Type.String({ description: 'The last four characters of the key, to recognise it' }),
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
});
