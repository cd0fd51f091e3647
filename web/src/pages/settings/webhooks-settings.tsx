import { type FormEvent, useState } from 'react';
import { ErrorText, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { del, post } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { EventType, Webhook, WebhookDelivery } from '../../lib/types';
import { useResource } from '../../lib/use-resource';
import { CopyField } from './copy-field';

const EVENTS: EventType[] = ['open', 'click', 'download', 'expired_access', 'opt_out'];

export function WebhooksSettings() {
  const { t, errorText } = useI18n();
  const hooks = useResource<{ webhooks: Webhook[] }>('/api/v1/webhooks');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<EventType[]>(['open', 'click', 'download']);
  const [format, setFormat] = useState<'json' | 'slack'>('json');
  const [secret, setSecret] = useState('');
  const [created, setCreated] = useState<Webhook | null>(null);
  const [error, setError] = useState('');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      const hook = await post<Webhook>('/api/v1/webhooks', {
        url: url.trim(),
        events,
        format,
        ...(secret ? { secret } : {}),
      });
      setCreated(hook);
      setUrl('');
      setSecret('');
      await hooks.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const remove = async (hook: Webhook) => {
    setError('');
    try {
      await del(`/api/v1/webhooks/${encodeURIComponent(hook.id)}`);
      await hooks.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const toggle = (type: EventType, on: boolean) =>
    setEvents(on ? [...events, type] : events.filter((e) => e !== type));

  if (hooks.error !== undefined && !hooks.data) {
    return <p className="muted">{errorText(hooks.error)}</p>;
  }
  return (
    <div className="stack">
      <p>{t.settings.webhooksIntro}</p>
      <form onSubmit={create} className="stack">
        <div className="field">
          <label htmlFor="hook-url">{t.settings.webhookUrl}</label>
          <input
            id="hook-url"
            type="url"
            required
            placeholder="https://"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </div>
        <fieldset>
          <legend>{t.settings.webhookEvents}</legend>
          <div className="checks">
            {EVENTS.map((type) => (
              <label key={type} className="check">
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                />
                {t.message.event[type]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="hook-format">{t.settings.webhookFormat}</label>
            <select
              id="hook-format"
              value={format}
              onChange={(e) => setFormat(e.target.value as 'json' | 'slack')}
            >
              <option value="json">JSON</option>
              <option value="slack">Slack / Mattermost</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="hook-secret">
              {t.settings.webhookSecret} <span className="muted">({t.common.optional})</span>
            </label>
            <input
              id="hook-secret"
              minLength={16}
              autoComplete="off"
              aria-describedby="hook-secret-help"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
            <p id="hook-secret-help" className="hint">
              {t.settings.webhookSecretHelp}
            </p>
          </div>
        </div>
        <div>
          <button type="submit" disabled={events.length === 0}>
            {t.settings.webhookAdd}
          </button>
        </div>
      </form>
      {created && <CopyField label={t.settings.webhookCreated} value={created.secret} />}
      <ErrorText>{error}</ErrorText>
      {!hooks.data && <Loading label={t.common.loading} />}
      {hooks.data?.webhooks.length === 0 && <p className="muted">{t.settings.webhookEmpty}</p>}
      {hooks.data && hooks.data.webhooks.length > 0 && (
        <ul className="rows">
          {hooks.data.webhooks.map((hook) => (
            <li key={hook.id} className="webhook">
              <span className="strong break">{hook.url}</span>
              <span className="muted small">
                {hook.format} · {hook.events.map((e) => t.message.event[e]).join(', ')}
              </span>
              {hook.disabledAt && (
                <span className="chip chip-bad">{hook.disabledReason ?? 'disabled'}</span>
              )}
              <button
                type="button"
                className="link-button"
                aria-label={t.settings.webhookDelete(hook.url)}
                onClick={() => void remove(hook)}
              >
                {t.common.remove}
              </button>
              <Deliveries hook={hook} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Deliveries({ hook }: { hook: Webhook }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const list = useResource<{ deliveries: WebhookDelivery[] }>(
    open ? `/api/v1/webhooks/${encodeURIComponent(hook.id)}/deliveries?limit=20` : null,
  );
  return (
    <details className="deliveries" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t.settings.webhookDeliveries}</summary>
      {list.data?.deliveries.length === 0 && (
        <p className="muted small">{t.settings.noDeliveries}</p>
      )}
      {list.data && list.data.deliveries.length > 0 && (
        <ul className="small">
          {list.data.deliveries.map((d) => (
            <li key={d.id}>
              {formatDateTime(d.createdAt, language)} · {t.message.event[d.eventType]} · {d.status}
              {d.responseStatus !== null && ` (${d.responseStatus})`}
              {d.error && <span className="muted"> — {d.error}</span>}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
