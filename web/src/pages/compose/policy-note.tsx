import { useI18n } from '../../i18n/i18n';
import { request } from '../../lib/api';
import { useResource } from '../../lib/use-resource';

/**
 * Before sending, what the workspace's tracking policy will do to this mail when it is not the
 * plain `notice`: only consenting recipients tracked, only total opens counted, or no tracking.
 * Nothing while tracking is off for the mail, or the settings are not read yet.
 */
export function PolicyNote({ tracking }: { readonly tracking: boolean }) {
  const { t } = useI18n();
  const settings = useResource(request('GET /api/v1/workspace/settings'));
  const policy = settings.data?.trackingPolicy;
  if (!tracking || !policy || policy === 'notice') return null;
  return (
    <p className="notice policy-note" aria-live="polite">
      <span className="strong">{t.policy.chip(t.policy.short[policy])}.</span>{' '}
      {t.policy.help[policy]}
    </p>
  );
}
