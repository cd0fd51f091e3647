import { type FormEvent, useState } from 'react';
import { Outcome } from '../../components/feedback';
import { CheckField, FieldGroup, SelectField, TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { LANGUAGE_DETAILS, LANGUAGES } from '../../i18n/languages';
import type { Language } from '../../lib/types';
import { useAction } from '../../lib/use-action';
import {
  type DesktopState,
  desktopState,
  disableDesktop,
  enableDesktop,
  showDesktop,
} from '../../live/desktop';
import { useMembership, useSession } from '../../session/session';
import { PasswordSection } from './password-settings';

export function ProfileSettings() {
  const { t, language } = useI18n();
  const { user } = useMembership();
  const { update } = useSession();
  const [name, setName] = useState(user.name);
  const action = useAction();
  const save = (changes: { name?: string; language?: Language }) =>
    action.run(async () => {
      await update(changes);
      return t.settings.savedOk;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save({ name });
  };

  return (
    <div className="stack">
      <form onSubmit={submit} className="stack">
        <TextField
          id="profile-name"
          label={t.settings.name}
          required
          maxLength={200}
          value={name}
          onChange={setName}
        />
        <p className="muted small">{user.email}</p>
        <div>
          <button type="submit">{t.common.save}</button>
        </div>
      </form>
      <SelectField
        id="profile-language"
        label={t.settings.language}
        hint={t.settings.languageHelp}
        value={language}
        options={LANGUAGES.map((code) => [code, LANGUAGE_DETAILS[code].name])}
        onChange={(value) => void save({ language: value })}
      />
      <Outcome error={action.error} status={action.status} />
      <PasswordSection />
      <DesktopSection />
    </div>
  );
}

function DesktopSection() {
  const { t } = useI18n();
  const [desktop, setDesktop] = useState<DesktopState>(desktopState);
  const toggleDesktop = async (on: boolean) => {
    const next = on ? await enableDesktop() : disableDesktop();
    setDesktop(next);
    if (next === 'on')
      showDesktop('test', t.common.appName, t.settings.desktopTest, () => undefined);
  };
  return (
    <FieldGroup legend={t.settings.desktop} help={t.settings.desktopHelp}>
      {desktop === 'unsupported' ? (
        <p className="muted">{t.settings.desktopUnsupported}</p>
      ) : (
        <CheckField
          label={t.settings.desktopOn}
          checked={desktop === 'on'}
          disabled={desktop === 'denied'}
          onChange={(on) => void toggleDesktop(on)}
        />
      )}
      {desktop === 'denied' && <p className="muted">{t.settings.desktopDenied}</p>}
    </FieldGroup>
  );
}
