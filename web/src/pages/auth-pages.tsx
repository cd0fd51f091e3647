import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { ErrorText, StatusText } from '../components/feedback';
import { TextField } from '../components/field';
import { LanguageSwitch } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { call } from '../lib/api';
import { Link, navigate, useSearchParam } from '../lib/router';
import { spaPath } from '../lib/spa-routes';
import { type Action, useAction } from '../lib/use-action';
import { useSession } from '../session/session';

/** The frame of the pages shown before login: the brand, the language switch, a title. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
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
  return next?.startsWith('/') && !next.startsWith('//') ? next : spaPath('messages');
}

/** An auth form's end: its error, and the submit button that says when it is at work. */
export function Submit({
  action,
  label,
  busyLabel,
}: {
  action: Action;
  label: string;
  busyLabel: string;
}) {
  return (
    <>
      <ErrorText>{action.error}</ErrorText>
      <button type="submit" className="primary" disabled={action.busy}>
        {action.busy ? busyLabel : label}
      </button>
    </>
  );
}

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const next = useSearchParam('next');
  // Set by the reset page on its way here: the new password is in place.
  const afterReset = useSearchParam('reset') !== null;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await login(email, password);
      navigate(nextPage(next), { replace: true });
    });
  };
  return (
    <AuthFrame title={t.auth.loginTitle}>
      {afterReset && <StatusText>{t.auth.resetDone}</StatusText>}
      <form onSubmit={submit} className="stack">
        <TextField
          id="login-email"
          label={t.auth.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          id="login-password"
          label={t.auth.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
        <Submit action={action} label={t.auth.login} busyLabel={t.auth.loggingIn} />
      </form>
      <p>
        <Link to={spaPath('forgotPassword')}>{t.auth.forgotLink}</Link>
      </p>
      <p>
        <Link to={spaPath('signup')}>{t.auth.toSignup}</Link>
      </p>
    </AuthFrame>
  );
}

/**
 * Whom the invite link is for, asked once: the page then fills in (and fixes) the address the
 * invitation was sent to and names the workspace. A link no longer valid says so at once.
 */
function useInvite(token: string | null) {
  const { errorText } = useI18n();
  const [details, setDetails] = useState<{ email: string; workspace: string } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!token) return;
    call('POST /api/v1/auth/invite', { body: { token } }).then(
      (found) => setDetails({ email: found.email, workspace: found.workspace.name }),
      (failure: unknown) => setError(errorText(failure)),
    );
  }, [token, errorText]);
  return { details, error };
}

export function SignupPage() {
  const { t } = useI18n();
  const { signup } = useSession();
  const invite = useSearchParam('invite');
  const [form, setForm] = useState({ name: '', email: '', password: '', workspace: '' });
  const action = useAction();
  const invited = useInvite(invite);
  const invitedEmail = invited.details?.email;
  useEffect(() => {
    if (invitedEmail) setForm((was) => ({ ...was, email: invitedEmail }));
  }, [invitedEmail]);
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await signup({
        name: form.name,
        email: form.email,
        password: form.password,
        ...(invite ? { invite } : { workspace: form.workspace }),
      });
      navigate(spaPath('messages'), { replace: true });
    });
  };
  return (
    <AuthFrame title={invite ? t.auth.inviteTitle : t.auth.signupTitle}>
      <p className="muted">
        {invite
          ? invited.details
            ? t.auth.inviteIntroTo(invited.details.workspace)
            : t.auth.inviteIntro
          : t.auth.signupIntro}
      </p>
      <ErrorText>{invited.error}</ErrorText>
      <form onSubmit={submit} className="stack">
        <TextField
          id="signup-name"
          label={t.auth.name}
          autoComplete="name"
          required
          maxLength={200}
          value={form.name}
          onChange={set('name')}
        />
        <TextField
          id="signup-email"
          label={t.auth.email}
          type="email"
          autoComplete="email"
          required
          readOnly={invitedEmail !== undefined}
          hint={invitedEmail !== undefined ? t.auth.inviteEmailFixed : undefined}
          value={form.email}
          onChange={set('email')}
        />
        <TextField
          id="signup-password"
          label={t.auth.password}
          hint={t.auth.passwordHint}
          hintId="signup-password-hint"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={form.password}
          onChange={set('password')}
        />
        {!invite && (
          <TextField
            id="signup-workspace"
            label={t.auth.workspace}
            autoComplete="organization"
            required
            maxLength={200}
            value={form.workspace}
            onChange={set('workspace')}
          />
        )}
        <Submit action={action} label={t.auth.signup} busyLabel={t.auth.signingUp} />
      </form>
      <p>
        <Link to={spaPath('login')}>{t.auth.toLogin}</Link>
      </p>
    </AuthFrame>
  );
}
