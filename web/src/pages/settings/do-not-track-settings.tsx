import { type FormEvent, useState } from 'react';
import { ErrorText } from '../../components/feedback';
import { TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { call, request } from '../../lib/api';
import { formatDate } from '../../lib/format';
import type { OptOutEntry, OptOutPage } from '../../lib/types';
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
              {e.addedBy ? t.settings.dntAddedBy(e.addedBy.name) : t.settings.dntSource[e.source]} ·{' '}
              {formatDate(e.createdAt, language)}
            </span>
            {admin && e.source === 'opt_out' && (
              // The recipient's own choice: the server refuses an admin's delete (409), so the
              // control says why instead of failing.
              <>
                <RemoveButton
                  label={t.settings.dntRemove(e.entry)}
                  disabled
                  describedBy={`dnt-own-${e.entry}`}
                  onClick={() => undefined}
                />
                <span id={`dnt-own-${e.entry}`} className="muted small">
                  {t.settings.dntOwnOptOut}
                </span>
              </>
            )}
            {admin && e.source !== 'opt_out' && (
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
      {admin && <OptOutLogExport />}
    </div>
  );
}

/** Admins' exports of the opt-out proof log: the CSV from its URL, the JSON gathered page by page. */
function OptOutLogExport() {
  const { t } = useI18n();
  const action = useAction();
  const downloadJson = () =>
    action.run(async () => {
      const optOuts: OptOutEntry[] = [];
      let cursor: string | null = null;
      do {
        const page: OptOutPage = await call('GET /api/v1/opt-outs', {
          query: { limit: 500, ...(cursor ? { cursor } : {}) },
        });
        optOuts.push(...page.optOuts);
        cursor = page.cursor;
      } while (cursor);
      saveFile('opt-outs.json', JSON.stringify({ optOuts }, null, 2), 'application/json');
    });
  return (
    <section className="stack" aria-labelledby="opt-out-log">
      <h3 id="opt-out-log">{t.settings.optOutLog}</h3>
      <p className="muted">{t.settings.optOutLogIntro}</p>
      <p className="inline-form">
        <a href="/api/v1/opt-outs.csv" download="opt-outs.csv">
          {t.settings.optOutLogCsv}
        </a>
        <button type="button" className="link-button" onClick={() => void downloadJson()}>
          {t.settings.optOutLogJson}
        </button>
      </p>
      <ErrorText>{action.error}</ErrorText>
    </section>
  );
}

/** Hands `text` to the browser as a downloaded file. */
function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
