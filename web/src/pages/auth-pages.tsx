import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorText } from '../components/feedback';
import { LanguageSwitch } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { Link, navigate, useSearchParam } from '../lib/router';
import { useSession } from '../session/session';

function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main id="main" className="auth">
      <div className="auth-card">
        <div className="auth-top">
          <span className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>{t.common.appName}</span>
          </span>
          <LanguageSwitch />
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

/** Where to go after logging in: the page that sent us here, if it is one of ours. */
function nextPage(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/messages';
}

export function LoginPage() {
  const { t, errorText } = useI18n();
  const { login } = useSession();
  const next = useSearchParam('next');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await login(email, password);
      navigate(nextPage(next), { replace: true });
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  };
  return (
    <AuthFrame title={t.auth.loginTitle}>
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor="login-email">{t.auth.email}</label>
          <input
            id="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t.auth.password}</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <ErrorText>{error}</ErrorText>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.auth.loggingIn : t.auth.login}
        </button>
      </form>
      <p>
        <Link to="/signup">{t.auth.toSignup}</Link>
      </p>
    </AuthFrame>
  );
}

export function SignupPage() {
  const { t, errorText } = useI18n();
  const { signup } = useSession();
  const invite = useSearchParam('invite');
  const [form, setForm] = useState({ name: '', email: '', password: '', workspace: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await signup({
        name: form.name,
        email: form.email,
        password: form.password,
        ...(invite ? { invite } : { workspace: form.workspace }),
      });
      navigate('/messages', { replace: true });
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  };
  return (
    <AuthFrame title={invite ? t.auth.inviteTitle : t.auth.signupTitle}>
      <p className="muted">{invite ? t.auth.inviteIntro : t.auth.signupIntro}</p>
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor="signup-name">{t.auth.name}</label>
          <input
            id="signup-name"
            autoComplete="name"
            required
            maxLength={200}
            value={form.name}
            onChange={set('name')}
          />
        </div>
        <div className="field">
          <label htmlFor="signup-email">{t.auth.email}</label>
          <input
            id="signup-email"
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={set('email')}
          />
        </div>
        <div className="field">
          <label htmlFor="signup-password">{t.auth.password}</label>
          <input
            id="signup-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            aria-describedby="signup-password-hint"
            value={form.password}
            onChange={set('password')}
          />
          <p id="signup-password-hint" className="hint">
            {t.auth.passwordHint}
          </p>
        </div>
        {!invite && (
          <div className="field">
            <label htmlFor="signup-workspace">{t.auth.workspace}</label>
            <input
              id="signup-workspace"
              autoComplete="organization"
              required
              maxLength={200}
              value={form.workspace}
              onChange={set('workspace')}
            />
          </div>
        )}
        <ErrorText>{error}</ErrorText>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.auth.signingUp : t.auth.signup}
        </button>
      </form>
      <p>
        <Link to="/login">{t.auth.toLogin}</Link>
      </p>
    </AuthFrame>
  );
}
