import { type FormEvent, useEffect, useState } from 'react';
import { Loading, Outcome } from '../../components/feedback';
import {
  CheckField,
  FieldGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { type BodyOf, call, request } from '../../lib/api';
import type { RelaySettings, WorkspaceSettings } from '../../lib/types';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { SMTP_SECURITIES } from '../../lib/vocabulary';
import { useMembership } from '../../session/session';
import {
  type MailboxForm,
  MailboxSection,
  mailboxFormOf,
  mailboxPatchOf,
} from './mailbox-settings';
import { TrackingPolicyField } from './tracking-policy-field';

interface Form extends MailboxForm {
  senderEmail: string;
  senderName: string;
  useRelay: boolean;
  host: string;
  port: string;
  security: RelaySettings['security'];
  username: string;
  password: string;
  allowInvalidCertificate: boolean;
  privacyEnabled: boolean;
  privacyText: string;
  machineEvents: boolean;
  internalNetworks: string;
  trackingPolicy: WorkspaceSettings['trackingPolicy'];
  trackingDefault: boolean;
}

function formOf(s: WorkspaceSettings): Form {
  return {
    senderEmail: s.defaultSender?.email ?? '',
    senderName: s.defaultSender?.name ?? '',
    useRelay: s.smtpRelay !== null,
    host: s.smtpRelay?.host ?? '',
    port: String(s.smtpRelay?.port ?? 587),
    security: s.smtpRelay?.security ?? 'starttls',
    username: s.smtpRelay?.username ?? '',
    password: '',
    allowInvalidCertificate: s.smtpRelay?.allowInvalidCertificate ?? false,
    privacyEnabled: s.privacyNotice.enabled,
    privacyText: s.privacyNotice.text ?? '',
    machineEvents: s.notifyOnMachineEvents,
    internalNetworks: s.internalNetworks.join('\n'),
    trackingPolicy: s.trackingPolicy,
    trackingDefault: s.trackingDefault,
    ...mailboxFormOf(s),
  };
}

function patchOf(f: Form, saved: Form): BodyOf<'PATCH /api/v1/workspace/settings'> {
  return {
    ...mailboxPatchOf(f, saved),
    defaultSender: f.senderEmail.trim()
      ? {
          email: f.senderEmail.trim(),
          ...(f.senderName.trim() ? { name: f.senderName.trim() } : {}),
        }
      : null,
    smtpRelay: f.useRelay
      ? {
          host: f.host.trim(),
          port: Number(f.port),
          security: f.security,
          username: f.username.trim() || null,
          // Empty keeps the stored password: it is never sent back to us.
          ...(f.password ? { password: f.password } : {}),
          allowInvalidCertificate: f.allowInvalidCertificate,
        }
      : null,
    privacyNotice: { enabled: f.privacyEnabled, text: f.privacyText.trim() || null },
    notifyOnMachineEvents: f.machineEvents,
    internalNetworks: f.internalNetworks
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    trackingPolicy: f.trackingPolicy,
    trackingDefault: f.trackingDefault,
  };
}

type Set = <K extends keyof Form>(key: K, value: Form[K]) => void;

interface SectionProps {
  readonly form: Form;
  readonly set: Set;
}

export function WorkspaceSettingsForm() {
  const { t } = useI18n();
  const { user } = useMembership();
  const settings = useResource(request('GET /api/v1/workspace/settings'));
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState<Form | null>(null);
  const action = useAction();
  useEffect(() => {
    if (settings.data) {
      setForm(formOf(settings.data));
      setSaved(formOf(settings.data));
    }
  }, [settings.data]);
  if (!form || !saved) return <Loading label={t.common.loading} />;
  const admin = user.role === 'admin';
  const set: Set = (key, value) => setForm({ ...form, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      settings.set(await call('PATCH /api/v1/workspace/settings', { body: patchOf(form, saved) }));
      return t.settings.savedOk;
    });
  };

  return (
    <form onSubmit={submit} className="stack">
      {!admin && <p className="notice">{t.settings.adminOnly}</p>}
      <fieldset disabled={!admin} className="stack">
        <SenderSection form={form} set={set} />
        <RelaySection form={form} set={set} passwordSet={settings.data?.smtpRelay?.passwordSet} />
        <MailboxSection form={form} set={set} saved={settings.data?.mailbox} />
        <FieldGroup
          legend={t.settings.trackingUrl}
          help={t.settings.trackingUrlHelp(window.location.origin)}
        />
        <TrackingPolicyField
          value={form.trackingPolicy}
          onChange={(policy) => set('trackingPolicy', policy)}
        />
        <SwitchGroup
          legend={t.settings.newMessages}
          label={t.settings.workspaceTrackingDefault}
          help={t.settings.workspaceTrackingDefaultHelp}
          helpId="ws-tracking-default-help"
          checked={form.trackingDefault}
          onChange={(on) => set('trackingDefault', on)}
        />
        <PrivacySection form={form} set={set} />
        {/* The legend names the group; the box alone says "Notify on machine events". */}
        <SwitchGroup
          legend={t.settings.notificationsGroup}
          label={t.settings.machineEvents}
          help={t.settings.machineEventsHelp}
          helpId="ws-machine-help"
          checked={form.machineEvents}
          onChange={(on) => set('machineEvents', on)}
        />
        <TextAreaField
          id="ws-networks"
          label={t.settings.internalNetworks}
          hint={t.settings.internalNetworksHelp}
          rows={3}
          value={form.internalNetworks}
          onChange={(value) => set('internalNetworks', value)}
        />
        <Outcome error={action.error} status={action.status} />
        <div>
          <button type="submit" className="primary">
            {t.common.save}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

interface SwitchGroupProps {
  readonly legend: string;
  readonly label: string;
  readonly help: string;
  readonly helpId: string;
  readonly checked: boolean;
  readonly onChange: (on: boolean) => void;
}

/** One setting that is a switch, under a legend of its own, its help tied to the box. */
function SwitchGroup({ legend, label, help, helpId, checked, onChange }: SwitchGroupProps) {
  return (
    <FieldGroup legend={legend}>
      <CheckField label={label} checked={checked} aria-describedby={helpId} onChange={onChange} />
      <p id={helpId} className="hint">
        {help}
      </p>
    </FieldGroup>
  );
}

function SenderSection({ form, set }: SectionProps) {
  const { t } = useI18n();
  return (
    <FieldGroup legend={t.settings.sender} help={t.settings.senderHelp}>
      <div className="grid-2">
        <TextField
          id="ws-sender-email"
          label={t.settings.senderEmail}
          type="email"
          value={form.senderEmail}
          onChange={(value) => set('senderEmail', value)}
        />
        <TextField
          id="ws-sender-name"
          label={t.settings.senderName}
          value={form.senderName}
          onChange={(value) => set('senderName', value)}
        />
      </div>
    </FieldGroup>
  );
}

function RelaySection({ form, set, passwordSet }: SectionProps & { passwordSet?: boolean }) {
  const { t } = useI18n();
  return (
    <FieldGroup legend={t.settings.relay} help={t.settings.relayHelp}>
      <CheckField
        label={t.settings.useRelay}
        checked={form.useRelay}
        onChange={(on) => set('useRelay', on)}
      />
      {form.useRelay && (
        <div className="grid-2">
          <TextField
            id="ws-host"
            label={t.settings.host}
            required
            value={form.host}
            onChange={(value) => set('host', value)}
          />
          <TextField
            id="ws-port"
            label={t.settings.port}
            type="number"
            min={1}
            max={65535}
            required
            value={form.port}
            onChange={(value) => set('port', value)}
          />
          <SelectField
            id="ws-security"
            label={t.settings.security}
            value={form.security}
            options={SMTP_SECURITIES.map((s) => [s, t.settings.securityOptions[s]] as const)}
            onChange={(value) => set('security', value)}
          />
          <TextField
            id="ws-username"
            label={t.settings.username}
            autoComplete="off"
            value={form.username}
            onChange={(value) => set('username', value)}
          />
          <TextField
            id="ws-password"
            label={t.settings.password}
            hint={passwordSet ? t.settings.passwordKept : undefined}
            hintId="ws-password-kept"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(value) => set('password', value)}
          />
          <CheckField
            label={t.settings.allowInvalidCertificate}
            checked={form.allowInvalidCertificate}
            onChange={(on) => set('allowInvalidCertificate', on)}
          />
        </div>
      )}
    </FieldGroup>
  );
}

function PrivacySection({ form, set }: SectionProps) {
  const { t } = useI18n();
  return (
    <FieldGroup legend={t.settings.privacy} help={t.settings.privacyHelp}>
      <CheckField
        label={t.settings.privacyEnabled}
        checked={form.privacyEnabled}
        onChange={(on) => set('privacyEnabled', on)}
      />
      <TextAreaField
        id="ws-privacy-text"
        label={t.settings.privacyText}
        rows={3}
        maxLength={1000}
        placeholder={t.settings.privacyPlaceholder}
        value={form.privacyText}
        onChange={(value) => set('privacyText', value)}
      />
    </FieldGroup>
  );
}
