import { CheckField, FieldGroup, SelectField, TextField } from '../../components/field';
import { RelativeTime } from '../../components/relative-time';
import { useI18n } from '../../i18n/i18n';
import type { BodyOf } from '../../lib/api';
import type { WorkspaceSettings } from '../../lib/types';
import { SMTP_SECURITIES } from '../../lib/vocabulary';

type Security = (typeof SMTP_SECURITIES)[number];

/** The shared mailbox's fields of the workspace form (issue 17). */
export interface MailboxForm {
  useMailbox: boolean;
  mailboxHost: string;
  mailboxPort: string;
  mailboxSecurity: Security;
  mailboxUsername: string;
  mailboxPassword: string;
  mailboxSentFolder: string;
}

export function mailboxFormOf(s: WorkspaceSettings): MailboxForm {
  return {
    useMailbox: s.mailbox !== null,
    mailboxHost: s.mailbox?.host ?? '',
    mailboxPort: String(s.mailbox?.port ?? 993),
    mailboxSecurity: s.mailbox?.security ?? 'tls',
    mailboxUsername: s.mailbox?.username ?? '',
    mailboxPassword: '',
    mailboxSentFolder: s.mailbox?.sentFolder ?? '',
  };
}

type Patch = BodyOf<'PATCH /api/v1/workspace/settings'>;

/**
 * The mailbox part of a settings change, only when it changed: a saved mailbox is logged into
 * again, so saving another setting must not depend on the mailbox answering.
 */
export function mailboxPatchOf(form: MailboxForm, saved: MailboxForm): Pick<Patch, 'mailbox'> {
  const same = (Object.keys(form) as (keyof MailboxForm)[]).every((k) => form[k] === saved[k]);
  if (same) return {};
  if (!form.useMailbox) return { mailbox: null };
  return {
    mailbox: {
      host: form.mailboxHost.trim(),
      port: Number(form.mailboxPort),
      security: form.mailboxSecurity,
      username: form.mailboxUsername.trim(),
      // Empty keeps the stored password: it is never sent back to us.
      ...(form.mailboxPassword ? { password: form.mailboxPassword } : {}),
      sentFolder: form.mailboxSentFolder.trim() || null,
    },
  };
}

interface MailboxSectionProps<F extends MailboxForm> {
  readonly form: F;
  readonly set: <K extends keyof F>(key: K, value: F[K]) => void;
  readonly saved: WorkspaceSettings['mailbox'] | undefined;
}

/** The shared mailbox: where Sent copies go and replies are read, with its last status. */
export function MailboxSection<F extends MailboxForm>({
  form,
  set,
  saved,
}: MailboxSectionProps<F>) {
  const { t } = useI18n();
  const words = t.settings.mailbox;
  return (
    <FieldGroup legend={words.title} help={words.help}>
      <CheckField
        label={words.use}
        checked={form.useMailbox}
        onChange={(on) => set('useMailbox', on)}
      />
      {saved?.status && (
        <p className="small" data-testid="mailbox-status">
          <span className={`chip ${saved.status.ok ? 'chip-good' : 'chip-bad'}`}>
            {saved.status.ok ? words.ok : words.failing}
          </span>{' '}
          {saved.status.error && <span>{saved.status.error} · </span>}
          <span className="muted">
            {words.checked} <RelativeTime at={saved.status.checkedAt} />
          </span>
        </p>
      )}
      {form.useMailbox && (
        <div className="grid-2">
          <TextField
            id="ws-mailbox-host"
            label={words.host}
            required
            value={form.mailboxHost}
            onChange={(value) => set('mailboxHost', value)}
          />
          <TextField
            id="ws-mailbox-port"
            label={t.settings.port}
            type="number"
            min={1}
            max={65535}
            required
            value={form.mailboxPort}
            onChange={(value) => set('mailboxPort', value)}
          />
          <SelectField
            id="ws-mailbox-security"
            label={t.settings.security}
            value={form.mailboxSecurity}
            options={SMTP_SECURITIES.map((s) => [s, words.securityOptions[s]] as const)}
            onChange={(value) => set('mailboxSecurity', value)}
          />
          <TextField
            id="ws-mailbox-username"
            label={t.settings.username}
            autoComplete="off"
            required
            value={form.mailboxUsername}
            onChange={(value) => set('mailboxUsername', value)}
          />
          <TextField
            id="ws-mailbox-password"
            label={t.settings.password}
            hint={saved ? t.settings.passwordKept : undefined}
            hintId="ws-mailbox-password-kept"
            type="password"
            autoComplete="new-password"
            required={!saved}
            value={form.mailboxPassword}
            onChange={(value) => set('mailboxPassword', value)}
          />
          <TextField
            id="ws-mailbox-sent"
            label={words.sentFolder}
            hint={words.sentFolderHelp}
            hintId="ws-mailbox-sent-help"
            value={form.mailboxSentFolder}
            onChange={(value) => set('mailboxSentFolder', value)}
          />
        </div>
      )}
    </FieldGroup>
  );
}
