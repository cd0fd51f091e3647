import { type FormEvent, useState } from 'react';
import { ErrorText } from '../../components/feedback';
import { CheckField, SelectField, TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { type BodyOf, call, request } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { EventType, Webhook } from '../../lib/types';
import { type Action, useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { EVENT_TYPES } from '../../lib/vocabulary';
import { CopyField } from './copy-field';
import { RemoveButton, Rows } from './rows';

export function WebhooksSettings() {
  const { t, errorText } = useI18n();
  const hooks = useResource(request('GET /api/v1/webhooks'));
  const [created, setCreated] = useState<Webhook | null>(null);
  const action = useAction();
  const remove = (hook: Webhook) =>
    action.run(async () => {
      await call('DELETE /api/v1/webhooks/:id', { params: { id: hook.id } });
      await hooks.reload();
    });

  if (hooks.error !== undefined && !hooks.data) {
    return <p className="muted">{errorText(hooks.error)}</p>;
  }
  return (
    <div className="stack">
      <p>{t.settings.webhooksIntro}</p>
      <WebhookForm
        run={action.run}
        onCreated={async (hook) => {
          setCreated(hook);
          await hooks.reload();
        }}
      />
      {created && <CopyField label={t.settings.webhookCreated} value={created.secret} />}
      <ErrorText>{action.error}</ErrorText>
      <Rows items={hooks.data?.webhooks} empty={t.settings.webhookEmpty}>
        {(hook) => <WebhookRow key={hook.id} hook={hook} onRemove={() => void remove(hook)} />}
      </Rows>
    </div>
  );
}

interface WebhookFormProps {
  readonly run: Action['run'];
  readonly onCreated: (hook: Webhook) => Promise<void>;
}

function WebhookForm({ run, onCreated }: WebhookFormProps) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<EventType[]>(['open', 'click', 'download']);
  const [format, setFormat] = useState<Webhook['format']>('json');
  const [secret, setSecret] = useState('');
  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const body: BodyOf<'POST /api/v1/webhooks'> = {
        url: url.trim(),
        events,
        format,
        ...(secret ? { secret } : {}),
      };
      const hook = await call('POST /api/v1/webhooks', { body });
      setUrl('');
      setSecret('');
      await onCreated(hook);
    });
  };
  const toggle = (type: EventType, on: boolean) =>
    setEvents(on ? [...events, type] : events.filter((e) => e !== type));
  return (
    <form onSubmit={create} className="stack">
      <TextField
        id="hook-url"
        label={t.settings.webhookUrl}
        type="url"
        required
        placeholder="https://"
        value={url}
        onChange={setUrl}
      />
      <fieldset>
        <legend>{t.settings.webhookEvents}</legend>
        <div className="checks">
          {EVENT_TYPES.map((type) => (
            <CheckField
              key={type}
              label={t.message.event[type]}
              checked={events.includes(type)}
              onChange={(on) => toggle(type, on)}
            />
          ))}
        </div>
      </fieldset>
      <div className="grid-2">
        <SelectField
          id="hook-format"
          label={t.settings.webhookFormat}
          value={format}
          options={[
            ['json', 'JSON'],
            ['slack', 'Slack / Mattermost'],
          ]}
          onChange={setFormat}
        />
        <TextField
          id="hook-secret"
          label={
            <>
              {t.settings.webhookSecret} <span className="muted">({t.common.optional})</span>
            </>
          }
          hint={t.settings.webhookSecretHelp}
          minLength={16}
          autoComplete="off"
          value={secret}
          onChange={setSecret}
        />
      </div>
      <div>
        <button type="submit" disabled={events.length === 0}>
          {t.settings.webhookAdd}
        </button>
      </div>
    </form>
  );
}

function WebhookRow({ hook, onRemove }: { hook: Webhook; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <li className="webhook">
      <span className="strong break">{hook.url}</span>
      <span className="muted small">
        {hook.format} · {hook.events.map((e) => t.message.event[e]).join(', ')}
      </span>
      {hook.disabledAt && (
        <span className="chip chip-bad">{hook.disabledReason ?? 'disabled'}</span>
      )}
      <RemoveButton label={t.settings.webhookDelete(hook.url)} onClick={onRemove} />
      <Deliveries hook={hook} />
    </li>
  );
}

function Deliveries({ hook }: { hook: Webhook }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const list = useResource(
    open
      ? request('GET /api/v1/webhooks/:id/deliveries', {
          params: { id: hook.id },
          query: { limit: 20 },
        })
      : null,
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
