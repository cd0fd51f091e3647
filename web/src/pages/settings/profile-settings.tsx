import { type FormEvent, useState } from 'react';
import { ErrorText, StatusText } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import type { Language } from '../../lib/types';
import {
  type DesktopState,
  desktopState,
  disableDesktop,
  enableDesktop,
  showDesktop,
} from '../../live/desktop';
import { useMembership, useSession } from '../../session/session';

export function ProfileSettings() {
  const { t, language, errorText } = useI18n();
  const { user } = useMembership();
  const { update } = useSession();
  const [name, setName] = useState(user.name);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [desktop, setDesktop] = useState<DesktopState>(desktopState);

  const save = async (changes: { name?: string; language?: Language }) => {
    setError('');
    setStatus('');
    try {
      await update(changes);
      setStatus(t.settings.savedOk);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save({ name });
  };
  const toggleDesktop = async (on: boolean) => {
    const next = on ? await enableDesktop() : disableDesktop();
    setDesktop(next);
    if (next === 'on')
      showDesktop('test', t.common.appName, t.settings.desktopTest, () => undefined);
  };

  return (
    <div className="stack">
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor="profile-name">{t.settings.name}</label>
          <input
            id="profile-name"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <p className="muted small">{user.email}</p>
        <div>
          <button type="submit">{t.common.save}</button>
        </div>
      </form>
      <div className="field">
        <label htmlFor="profile-language">{t.settings.language}</label>
        <select
          id="profile-language"
          value={language}
          aria-describedby="profile-language-help"
          onChange={(event) => void save({ language: event.target.value as Language })}
        >
          <option value="en">English</option>
          <option value="it">Italiano</option>
        </select>
        <p id="profile-language-help" className="hint">
          {t.settings.languageHelp}
        </p>
      </div>
      <fieldset>
        <legend>{t.settings.desktop}</legend>
        <p className="hint">{t.settings.desktopHelp}</p>
        {desktop === 'unsupported' ? (
          <p className="muted">{t.settings.desktopUnsupported}</p>
        ) : (
          <label className="check">
            <input
              type="checkbox"
              checked={desktop === 'on'}
              disabled={desktop === 'denied'}
              onChange={(event) => void toggleDesktop(event.target.checked)}
            />
            {t.settings.desktopOn}
          </label>
        )}
        {desktop === 'denied' && <p className="muted">{t.settings.desktopDenied}</p>}
      </fieldset>
      <ErrorText>{error}</ErrorText>
      {status && <StatusText>{status}</StatusText>}
    </div>
  );
}
