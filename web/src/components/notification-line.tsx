import { useI18n } from '../i18n/i18n';
import { formatRelative } from '../lib/format';
import type { AppNotification } from '../lib/types';
import { LabelChip } from './label-legend';

/**
 * What one notification says, as the bell and the Notifications page show it: its sentence
 * (worded by the server in the reader's language), its repeats, its label and when.
 */
export function NotificationLine({ notification: n }: { notification: AppNotification }) {
  const { t, language } = useI18n();
  return (
    <>
      <span className="text">{n.text}</span>
      {n.count > 1 && <span className="count">{t.notifications.times(n.count)}</span>}
      <span className="notification-facts">
        {n.classification && <LabelChip label={n.classification} />}
        <time dateTime={n.at} className="muted small">
          {formatRelative(n.at, language)}
        </time>
      </span>
    </>
  );
}
