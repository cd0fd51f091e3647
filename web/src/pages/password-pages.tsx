import { type FormEvent, useEffect, useState } from 'react';
import { StatusText } from '../components/feedback';
import { TextField } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { call } from '../lib/api';
import { Link, navigate } from '../lib/router';
import { spaPath } from '../lib/spa-routes';
import { useAction } from '../lib/use-action';
import { useSession } from '../session/session';
import { AuthFrame, Submit } from './auth-pages';

/** "Forgot your password?": asks for a reset link, and says the same whatever the address. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await call('POST /api/v1/auth/password-reset', { body: { email } });
      setSent(true);
    });
  };
  return (
    <AuthFrame title={t.auth.forgotTitle}>
      {sent ? (
        <StatusText>{t.auth.forgotSent}</StatusText>
      ) : (
        <>
          <p className="muted">{t.auth.forgotIntro}</p>
          <form onSubmit={submit} className="stack">
            <TextField
              id="forgot-email"
              label={t.auth.email}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={setEmail}
            />
            <Submit action={action} label={t.auth.forgotSend} busyLabel={t.auth.forgotSending} />
          </form>
        </>
      )}
      <p>
        <Link to={spaPath('login')}>{t.auth.toLogin}</Link>
      </p>
    </AuthFrame>
  );
}

/**
 * The token of the reset link, read once from the fragment (#token=…): browsers never send a
 * fragment, so it stays out of server logs and Referer headers. It is then taken off the
 * address bar, so it stays out of the history and off a screen shared later.
 */
function useResetToken(): string | null {
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token'));
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
  }, []);
  return token;
}

/** The page the reset mail links to: a new password, then the login page. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const { logout } = useSession();
  const token = useResetToken();
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    void action.run(async () => {
      await call('POST /api/v1/auth/password-reset/confirm', {
        body: { token, newPassword: password },
      });
      // The server ended every session of the account; this tab forgets its own too.
      await logout();
      navigate(`${spaPath('login')}?reset=1`, { replace: true });
    });
  };
  return (
    <AuthFrame title={t.auth.resetTitle}>
      {token ? (
        <form onSubmit={submit} className="stack">
          <p className="muted">{t.auth.resetIntro}</p>
          <TextField
            id="reset-password"
            label={t.auth.newPassword}
            hint={t.auth.passwordHint}
            hintId="reset-password-hint"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={setPassword}
          />
          <Submit action={action} label={t.auth.resetSave} busyLabel={t.auth.resetSaving} />
        </form>
      ) : (
        <p>{t.auth.resetMissing}</p>
      )}
      <p>
        <Link to={spaPath('forgotPassword')}>{t.auth.forgotLink}</Link>
      </p>
    </AuthFrame>
  );
}
