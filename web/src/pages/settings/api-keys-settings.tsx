import { type FormEvent, useState } from 'react';
import { ErrorText } from '../../components/feedback';
import { TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { call, request } from '../../lib/api';
import { formatDate, formatRelative } from '../../lib/format';
import type { ApiKey } from '../../lib/types';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { CopyField } from './copy-field';
import { RemoveButton, Rows } from './rows';

export function ApiKeysSettings() {
  const { t, language } = useI18n();
  const keys = useResource(request('GET /api/v1/api-keys'));
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction();
  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const result = await call('POST /api/v1/api-keys', { body: { name: name.trim() } });
      setCreated(result.key);
      setName('');
      await keys.reload();
    });
  };
  const revoke = (key: ApiKey) =>
    action.run(async () => {
      await call('DELETE /api/v1/api-keys/:id', { params: { id: key.id } });
      await keys.reload();
    });
  return (
    <div className="stack">
      <p>{t.settings.apiKeysIntro}</p>
      <form onSubmit={create} className="inline-form">
        <TextField
          id="key-name"
          label={t.settings.keyName}
          required
          maxLength={100}
          value={name}
          onChange={setName}
        />
        <button type="submit">{t.settings.keyCreate}</button>
      </form>
      {created && <CopyField label={t.settings.keyCreated} value={created} />}
      <ErrorText>{action.error}</ErrorText>
      <Rows items={keys.data?.apiKeys} empty={t.settings.keyEmpty}>
        {(key) => (
          <li key={key.id}>
            <span className="strong">{key.name}</span>
            <code>{t.settings.keyLast4(key.last4)}</code>
            <span className="muted small">
              {formatDate(key.createdAt, language)} ·{' '}
              {key.lastUsedAt
                ? t.settings.keyUsed(formatRelative(key.lastUsedAt, language))
                : t.common.never}
            </span>
            <RemoveButton label={t.settings.keyRevoke(key.name)} onClick={() => void revoke(key)} />
          </li>
        )}
      </Rows>
    </div>
  );
}
