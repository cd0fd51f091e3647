import { type FormEvent, useState } from 'react';
import { ErrorText } from '../../components/feedback';
import { TextAreaField, TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { call, request } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { useMembership } from '../../session/session';
import { RemoveButton, Rows, thenReload } from './rows';

/** Recipients' consents (the `consent` policy): admins list, import and withdraw them. */
export function ConsentsSettings() {
  const { t } = useI18n();
  const { user } = useMembership();
  if (user.role !== 'admin') {
    return (
      <div className="stack">
        <p>{t.consents.intro}</p>
        <p className="notice">{t.consents.adminOnly}</p>
      </div>
    );
  }
  return <ConsentsList />;
}

function ConsentsList() {
  const { t, language } = useI18n();
  const list = useResource(request('GET /api/v1/consents'));
  const [email, setEmail] = useState('');
  const [proof, setProof] = useState('');
  const action = useAction();
  const run = thenReload(action, list);
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await call('POST /api/v1/consents', { body: { email: email.trim(), proof: proof.trim() } });
      setEmail('');
      setProof('');
    });
  };
  return (
    <div className="stack">
      <p>{t.consents.intro}</p>
      <form onSubmit={add} className="stack">
        <TextField
          id="consent-email"
          label={t.consents.email}
          required
          maxLength={320}
          value={email}
          onChange={setEmail}
        />
        <TextAreaField
          id="consent-proof"
          label={t.consents.proof}
          hint={t.consents.proofHint}
          hintId="consent-proof-hint"
          required
          rows={2}
          maxLength={2000}
          value={proof}
          onChange={setProof}
        />
        <div>
          <button type="submit">{t.consents.add}</button>
        </div>
      </form>
      <ErrorText>{action.error}</ErrorText>
      <Rows items={list.data?.consents} empty={t.consents.empty}>
        {(c) => (
          <li key={c.addressKey}>
            <span className="strong">{c.email}</span>
            <span className="muted small">
              {t.consents.source[c.source]} · {formatDate(c.givenAt, language)}
            </span>
            <span className="muted small">{c.proof}</span>
            <RemoveButton
              label={t.consents.withdraw(c.email)}
              onClick={() =>
                void run(() =>
                  call('DELETE /api/v1/consents/:email', { params: { email: c.addressKey } }),
                )
              }
            />
          </li>
        )}
      </Rows>
    </div>
  );
}
