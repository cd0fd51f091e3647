import { type FormEvent, useState } from 'react';
import { Outcome } from '../../components/feedback';
import { FieldGroup, TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { useAction } from '../../lib/use-action';

/**
 * Settings → Profile → Password: the current password and a new one. The server ends every
 * other session of the account and keeps this one (and the API keys).
 */
export function PasswordSection() {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await call('PUT /api/v1/auth/password', { body: { currentPassword, newPassword } });
      setCurrent('');
      setNew('');
      return t.settings.passwordChanged;
    });
  };
  return (
    <FieldGroup legend={t.settings.passwordSection} help={t.settings.passwordHelp}>
      <form onSubmit={submit} className="stack">
        <TextField
          id="password-current"
          label={t.settings.currentPassword}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={setCurrent}
        />
        <TextField
          id="password-new"
          label={t.settings.newPassword}
          hint={t.auth.passwordHint}
          hintId="password-new-hint"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={newPassword}
          onChange={setNew}
        />
        <div>
          <button type="submit" disabled={action.busy}>
            {t.settings.changePassword}
          </button>
        </div>
        <Outcome error={action.error} status={action.status} />
      </form>
    </FieldGroup>
  );
}
