import { Type } from 'typebox';
import { SMTP_SECURITIES, TRACKING_POLICIES } from '../../vocabulary.js';
import { Id, Literals, SingleLine } from '../schemas.js';

const Sender = Type.Object(
  {
    email: SingleLine({ maxLength: 320, address: true }),
    name: Type.Optional(SingleLine({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const Security = Literals(SMTP_SECURITIES, {
  description:
    'starttls: STARTTLS required (587); tls: implicit TLS (465); none: no encryption required',
});

const Policy = Literals(TRACKING_POLICIES, {
  description:
    'notice: every recipient tracked, with a notice and opt-out link in the mail; consent: only recipients with a recorded consent (/api/v1/consents) get a tracked copy; aggregate: one shared pixel per message, and only its total opens are stored — no per-recipient event or counter; off: no tracking. Each message keeps the policy in force when it was sent.',
});

const RelayView = Type.Object({
  host: Type.String(),
  port: Type.Integer(),
  security: Security,
  username: Type.Union([Type.String(), Type.Null()]),
  passwordSet: Type.Boolean({ description: 'The password itself is never returned' }),
  allowInvalidCertificate: Type.Boolean(),
});

const MailboxSecurity = Literals(SMTP_SECURITIES, {
  description:
    'tls: implicit TLS (993); starttls: STARTTLS required (143), a server without it is refused; none: no encryption (loopback and tests)',
});

const MailboxView = Type.Object({
  host: Type.String(),
  port: Type.Integer(),
  security: MailboxSecurity,
  username: Type.String(),
  passwordSet: Type.Boolean({ description: 'The password itself is never returned' }),
  sentFolder: Type.Union([Type.String(), Type.Null()], {
    description: 'null: the folder the server flags \\Sent (RFC 6154)',
  }),
  status: Type.Union(
    [
      Type.Object({
        ok: Type.Boolean(),
        error: Type.Union([Type.String(), Type.Null()], {
          description: 'What failed last: the login, the Sent append or the INBOX watch',
        }),
        checkedAt: Type.String({ format: 'date-time' }),
      }),
      Type.Null(),
    ],
    { description: 'The mailbox as last used; null before it was' },
  ),
});

export const SettingsView = Type.Object({
  defaultSender: Type.Union([
    Type.Object({ email: Type.String(), name: Type.Optional(Type.String()) }),
    Type.Null(),
  ]),
  smtpRelay: Type.Union([RelayView, Type.Null()]),
  mailbox: Type.Union([MailboxView, Type.Null()]),
  privacyNotice: Type.Object({
    enabled: Type.Boolean(),
    text: Type.Union([Type.String(), Type.Null()]),
  }),
  notifyOnMachineEvents: Type.Boolean(),
  internalNetworks: Type.Array(Type.String()),
  trackingPolicy: Policy,
  trackingDefault: Type.Boolean({
    description:
      'Whether new messages start with tracking on, for members who have not chosen for themselves (Settings → Profile)',
  }),
  doNotTrack: Type.Array(Type.String(), {
    description: 'Read-only here; managed at /api/v1/do-not-track',
  }),
});

export const SettingsPatchBody = Type.Object(
  {
    defaultSender: Type.Optional(Type.Union([Sender, Type.Null()])),
    smtpRelay: Type.Optional(
      Type.Union([
        Type.Object(
          {
            host: Type.String({ minLength: 1, maxLength: 253, pattern: '^[^\\s/:@]+$' }),
            port: Type.Integer({ minimum: 1, maximum: 65535 }),
            security: Security,
            username: Type.Optional(
              Type.Union([SingleLine({ maxLength: 320, address: true }), Type.Null()]),
            ),
            password: Type.Optional(
              Type.Union([Type.String({ maxLength: 1024 }), Type.Null()], {
                description: 'Write-only; absent keeps the stored one, null removes it',
              }),
            ),
            allowInvalidCertificate: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    mailbox: Type.Optional(
      Type.Union([
        Type.Object(
          {
            host: Type.String({ minLength: 1, maxLength: 253, pattern: '^[^\\s/:@]+$' }),
            port: Type.Integer({ minimum: 1, maximum: 65535 }),
            security: MailboxSecurity,
            username: SingleLine({ minLength: 1, maxLength: 320 }),
            password: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 1024,
                description:
                  'Write-only; absent keeps the stored one (same host and user only). Checked with a real IMAP login before it is saved',
              }),
            ),
            sentFolder: Type.Optional(
              Type.Union([SingleLine({ minLength: 1, maxLength: 200 }), Type.Null()]),
            ),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    privacyNotice: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean()),
          text: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
    ),
    notifyOnMachineEvents: Type.Optional(Type.Boolean()),
    internalNetworks: Type.Optional(Type.Array(SingleLine({ maxLength: 64 }), { maxItems: 200 })),
    trackingPolicy: Type.Optional(Policy),
    trackingDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const DoNotTrackList = Type.Object({
  entries: Type.Array(
    Type.Object({
      entry: Type.String(),
      source: Type.Union([Type.Literal('admin'), Type.Literal('opt_out')]),
      addedBy: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()], {
        description:
          'The admin who added it; null for a recipient’s own opt-out, or when that user is gone',
      }),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
export const DoNotTrackBody = Type.Object(
  {
    entry: SingleLine({
      address: true,
      minLength: 2,
      maxLength: 320,
      description: 'An address (mario@bank.it) or a whole domain (@bank.it)',
    }),
  },
  { additionalProperties: false },
);
export const DoNotTrackParams = Type.Object({
  entry: Type.String({ minLength: 2, maxLength: 320 }),
});
export const DoNotTrackEntry = Type.Object({ entry: Type.String() });
