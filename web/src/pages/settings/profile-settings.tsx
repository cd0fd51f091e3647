import { type FormEvent, useState } from 'react';
import { Outcome } from '../../components/feedback';
import { CheckField, FieldGroup, SelectField, TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { LANGUAGE_DETAILS, LANGUAGES } from '../../i18n/languages';
import { request } from '../../lib/api';
import type { Language } from '../../lib/types';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
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
  const save = (changes: {
    name?: string;
    language?: Language;
    trackingDefault?: boolean | null;
  }) =>
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
      <TrackingDefaultField onChange={(trackingDefault) => void save({ trackingDefault })} />
      <Outcome error={action.error} status={action.status} />
      <PasswordSection />
      <DesktopSection />
    </div>
  );
}

type TrackingChoice = 'workspace' | 'on' | 'off';

/** The user's own tracking default for new messages, or the workspace's (null). */
function TrackingDefaultField({ onChange }: { onChange: (value: boolean | null) => void }) {
  const { t } = useI18n();
  const { user } = useMembership();
  // Members read the workspace's setting too: the option says what "as the workspace" means.
  const settings = useResource(request('GET /api/v1/workspace/settings'));
  const choice: TrackingChoice =
    user.trackingDefault === null ? 'workspace' : user.trackingDefault ? 'on' : 'off';
  const words = t.settings.trackingDefaultOptions(settings.data?.trackingDefault ?? false);
  const choices: TrackingChoice[] = ['workspace', 'on', 'off'];
  return (
    <SelectField
      id="profile-tracking-default"
      label={t.settings.trackingDefault}
      hint={t.settings.trackingDefaultHelp}
      value={choice}
      options={choices.map((value) => [value, words[value]] as const)}
      onChange={(value) => onChange(value === 'workspace' ? null : value === 'on')}
    />
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
