import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../lib/router';
import { spaPath } from '../../lib/spa-routes';
import { ApiKeysSettings } from './api-keys-settings';
import { ConsentsSettings } from './consents-settings';
import { DoNotTrackSettings } from './do-not-track-settings';
import { MembersSettings } from './members-settings';
import { ProfileSettings } from './profile-settings';
import { WebhooksSettings } from './webhooks-settings';
import { WorkspaceSettingsForm } from './workspace-settings';

const SECTIONS = [
  'profile',
  'workspace',
  'do-not-track',
  'consents',
  'webhooks',
  'api-keys',
  'members',
] as const;
type Section = (typeof SECTIONS)[number];

export function SettingsPage({ section }: { section?: string }) {
  const { t } = useI18n();
  const current: Section = SECTIONS.find((s) => s === section) ?? 'profile';
  const names: Record<Section, string> = {
    profile: t.settings.profile,
    workspace: t.settings.workspace,
    'do-not-track': t.settings.doNotTrack,
    consents: t.consents.tab,
    webhooks: t.settings.webhooks,
    'api-keys': t.settings.apiKeys,
    members: t.settings.members,
  };
  const bodies: Record<Section, ReactNode> = {
    profile: <ProfileSettings />,
    workspace: <WorkspaceSettingsForm />,
    'do-not-track': <DoNotTrackSettings />,
    consents: <ConsentsSettings />,
    webhooks: <WebhooksSettings />,
    'api-keys': <ApiKeysSettings />,
    members: <MembersSettings />,
  };
  return (
    <section className="page settings" aria-labelledby="settings-title">
      <header className="page-head">
        <h1 id="settings-title">{t.settings.title}</h1>
      </header>
      <div className="settings-layout">
        <nav aria-label={t.settings.sections} className="settings-nav">
          {SECTIONS.map((s) => (
            <Link
              key={s}
              to={spaPath('settingsSection', { '*': s })}
              aria-current={s === current ? 'page' : undefined}
            >
              {names[s]}
            </Link>
          ))}
        </nav>
        <div className="settings-body">
          <h2>{names[current]}</h2>
          {bodies[current]}
        </div>
      </div>
    </section>
  );
}
