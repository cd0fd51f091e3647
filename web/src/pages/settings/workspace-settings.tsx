import { type FormEvent, useEffect, useState } from 'react';
import { ErrorText, Loading, StatusText } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { patch } from '../../lib/api';
import type { RelaySettings, WorkspaceSettings } from '../../lib/types';
import { useResource } from '../../lib/use-resource';
import { useMembership } from '../../session/session';

interface Form {
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
  };
}

function patchOf(f: Form) {
  return {
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
  };
}

export function WorkspaceSettingsForm() {
  const { t, errorText } = useI18n();
  const { user } = useMembership();
  const settings = useResource<WorkspaceSettings>('/api/v1/workspace/settings');
  const [form, setForm] = useState<Form | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (settings.data) setForm(formOf(settings.data));
  }, [settings.data]);
  if (!form) return <Loading label={t.common.loading} />;
  const admin = user.role === 'admin';
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    setError('');
    try {
      const saved = await patch<WorkspaceSettings>('/api/v1/workspace/settings', patchOf(form));
      settings.set(saved);
      setStatus(t.settings.savedOk);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const relay = settings.data?.smtpRelay;

  return (
    <form onSubmit={submit} className="stack">
      {!admin && <p className="notice">{t.settings.adminOnly}</p>}
      <fieldset disabled={!admin} className="stack">
        <fieldset>
          <legend>{t.settings.sender}</legend>
          <p className="hint">{t.settings.senderHelp}</p>
          <div className="grid-2">
            <div className="field">
              <label htmlFor="ws-sender-email">{t.settings.senderEmail}</label>
              <input
                id="ws-sender-email"
                type="email"
                value={form.senderEmail}
                onChange={(e) => set('senderEmail', e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="ws-sender-name">{t.settings.senderName}</label>
              <input
                id="ws-sender-name"
                value={form.senderName}
                onChange={(e) => set('senderName', e.target.value)}
              />
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.settings.relay}</legend>
          <p className="hint">{t.settings.relayHelp}</p>
          <label className="check">
            <input
              type="checkbox"
              checked={form.useRelay}
              onChange={(e) => set('useRelay', e.target.checked)}
            />
            {t.settings.useRelay}
          </label>
          {form.useRelay && (
            <div className="grid-2">
              <div className="field">
                <label htmlFor="ws-host">{t.settings.host}</label>
                <input
                  id="ws-host"
                  required
                  value={form.host}
                  onChange={(e) => set('host', e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="ws-port">{t.settings.port}</label>
                <input
                  id="ws-port"
                  type="number"
                  min={1}
                  max={65535}
                  required
                  value={form.port}
                  onChange={(e) => set('port', e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="ws-security">{t.settings.security}</label>
                <select
                  id="ws-security"
                  value={form.security}
                  onChange={(e) => set('security', e.target.value as Form['security'])}
                >
                  {(['starttls', 'tls', 'none'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t.settings.securityOptions[s]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="ws-username">{t.settings.username}</label>
                <input
                  id="ws-username"
                  autoComplete="off"
                  value={form.username}
                  onChange={(e) => set('username', e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="ws-password">{t.settings.password}</label>
                <input
                  id="ws-password"
                  type="password"
                  autoComplete="new-password"
                  value={form.password}
                  aria-describedby={relay?.passwordSet ? 'ws-password-kept' : undefined}
                  onChange={(e) => set('password', e.target.value)}
                />
                {relay?.passwordSet && (
                  <p id="ws-password-kept" className="hint">
                    {t.settings.passwordKept}
                  </p>
                )}
              </div>
              <label className="check">
                <input
                  type="checkbox"
                  checked={form.allowInvalidCertificate}
                  onChange={(e) => set('allowInvalidCertificate', e.target.checked)}
                />
                {t.settings.allowInvalidCertificate}
              </label>
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>{t.settings.trackingUrl}</legend>
          <p className="hint">{t.settings.trackingUrlHelp(window.location.origin)}</p>
        </fieldset>
        <fieldset>
          <legend>{t.settings.privacy}</legend>
          <p className="hint">{t.settings.privacyHelp}</p>
          <label className="check">
            <input
              type="checkbox"
              checked={form.privacyEnabled}
              onChange={(e) => set('privacyEnabled', e.target.checked)}
            />
            {t.settings.privacyEnabled}
          </label>
          <div className="field">
            <label htmlFor="ws-privacy-text">{t.settings.privacyText}</label>
            <textarea
              id="ws-privacy-text"
              rows={3}
              maxLength={1000}
              placeholder={t.settings.privacyPlaceholder}
              value={form.privacyText}
              onChange={(e) => set('privacyText', e.target.value)}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.settings.machineEvents}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={form.machineEvents}
              aria-describedby="ws-machine-help"
              onChange={(e) => set('machineEvents', e.target.checked)}
            />
            {t.settings.machineEvents}
          </label>
          <p id="ws-machine-help" className="hint">
            {t.settings.machineEventsHelp}
          </p>
        </fieldset>
        <div className="field">
          <label htmlFor="ws-networks">{t.settings.internalNetworks}</label>
          <textarea
            id="ws-networks"
            rows={3}
            aria-describedby="ws-networks-help"
            value={form.internalNetworks}
            onChange={(e) => set('internalNetworks', e.target.value)}
          />
          <p id="ws-networks-help" className="hint">
            {t.settings.internalNetworksHelp}
          </p>
        </div>
        <ErrorText>{error}</ErrorText>
        {status && <StatusText>{status}</StatusText>}
        <div>
          <button type="submit" className="primary">
            {t.common.save}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
