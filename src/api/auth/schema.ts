import { Type } from 'typebox';
import { UserView, WorkspaceView } from '../presenters/account-views.js';
import { Email, LanguageCode } from '../schemas.js';

const Password = Type.String({ minLength: 8, maxLength: 256 });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const SignupBody = Type.Object(
  {
    email: Email,
    password: Password,
    name: Name,
    workspace: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        pattern: '\\S',
        description: 'The new workspace’s name; required for the first signup',
      }),
    ),
    invite: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'The invite token from an admin' }),
    ),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const Membership = Type.Object({ user: UserView, workspace: WorkspaceView });

export const ProfileBody = Type.Object(
  {
    name: Type.Optional(Name),
    language: Type.Optional(
      LanguageCode({
        description:
          'The language of notifications, and of the download block and notice in sent mail',
      }),
    ),
  },
  { additionalProperties: false },
);
