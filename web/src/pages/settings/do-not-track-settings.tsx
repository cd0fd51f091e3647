import { type FormEvent, useState } from 'react';
import { ErrorText } from '../../components/feedback';
import { TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { call, request } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { useMembership } from '../../session/session';
import { RemoveButton, Rows, thenReload } from './rows';

export function DoNotTrackSettings() {
  const { t, language } = useI18n();
  const { user } = useMembership();
  const list = useResource(request('GET /api/v1/do-not-track'));
  const [entry, setEntry] = useState('');
  const action = useAction();
  const admin = user.role === 'admin';
  const run = thenReload(action, list);
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await call('POST /api/v1/do-not-track', { body: { entry: entry.trim() } });
      setEntry('');
    });
  };
  return (
    <div className="stack">
      <p>{t.settings.dntIntro}</p>
      {!admin && <p className="notice">{t.settings.adminOnly}</p>}
      {admin && (
        <form onSubmit={add} className="inline-form">
          <TextField
            id="dnt-entry"
            label={t.settings.dntEntry}
            required
            minLength={2}
            maxLength={320}
            placeholder="@bank.example"
            value={entry}
            onChange={setEntry}
          />
          <button type="submit">{t.settings.dntAdd}</button>
        </form>
      )}
      <ErrorText>{action.error}</ErrorText>
      <Rows items={list.data?.entries} empty={t.settings.dntEmpty}>
        {(e) => (
          <li key={e.entry}>
            <span className="strong">{e.entry}</span>
            <span className="muted small">
              {t.settings.dntSource[e.source]} · {formatDate(e.createdAt, language)}
            </span>
            {admin && (
              <RemoveButton
                label={t.settings.dntRemove(e.entry)}
                onClick={() =>
                  void run(() =>
                    call('DELETE /api/v1/do-not-track/:entry', { params: { entry: e.entry } }),
                  )
                }
              />
            )}
          </li>
        )}
      </Rows>
    </div>
  );
}
