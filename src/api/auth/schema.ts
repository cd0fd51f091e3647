import { Type } from 'typebox';
import { UserView, WorkspaceView } from '../presenters/account-views.js';
import { Email, LanguageCode, NullableBoolean, SingleLine } from '../schemas.js';

// Length and commonness are the password rule's (src/accounts/password-rule.ts), refused as
// `weak_password` with the rule named, not as a schema error.
const Password = Type.String({
  minLength: 1,
  maxLength: 256,
  description: 'At least 10 characters, and not a common or breached password (weak_password)',
});
const Name = SingleLine({ minLength: 1, maxLength: 200, visible: true });

export const SignupBody = Type.Object(
  {
    email: Email,
    password: Password,
    name: Name,
    workspace: Type.Optional(
      SingleLine({
        minLength: 1,
        maxLength: 200,
        visible: true,
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

export const Membership = Type.Object({
  user: UserView,
  workspace: WorkspaceView,
  trackingDefault: Type.Boolean({
    description:
      'Whether the user’s new messages start with tracking on: their own default, else the workspace’s',
  }),
  maxAttachmentBytes: Type.Integer({
    description:
      'The largest attachment accepted, in bytes (MAX_ATTACHMENT_MB): the web app refuses a bigger file before uploading it',
  }),
});

export const ProfileBody = Type.Object(
  {
    name: Type.Optional(Name),
    language: Type.Optional(
      LanguageCode({
        description:
          'The language of notifications, and of the download block and notice in sent mail',
      }),
    ),
    trackingDefault: Type.Optional(
      NullableBoolean({
        description:
          'Whether one’s new messages start with tracking on; null follows the workspace’s setting',
      }),
    ),
  },
  { additionalProperties: false },
);

const CurrentPassword = Type.String({ minLength: 1, maxLength: 256 });

/**
 * A password change: DESIGN.md's contract names the fields `{current, password}`; the first
 * release named them `{currentPassword, newPassword}`, which clients (the web app among them)
 * send. Both are taken, one shape or the other, never a mix.
 */
export const ChangePasswordBody = Type.Union([
  Type.Object({ current: CurrentPassword, password: Password }, { additionalProperties: false }),
  Type.Object(
    { currentPassword: CurrentPassword, newPassword: Password },
    { additionalProperties: false },
  ),
]);

export const PasswordResetBody = Type.Object({ email: Email }, { additionalProperties: false });

/** The one answer to a reset request, whether the address has an account or not. */
export const PasswordResetAccepted = Type.Object({
  message: Type.Literal(
    'If an account has this address, a link to reset its password is on its way',
  ),
});

export const PasswordResetConfirmBody = Type.Object(
  {
    token: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The token from the reset link’s fragment (#token=…)',
    }),
    newPassword: Password,
  },
  { additionalProperties: false },
);
