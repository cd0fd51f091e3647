import { useI18n } from '../i18n/i18n';
import { formatDateTime, formatRelative } from '../lib/format';

/** When something happened, said relatively ("3 min ago"), with the full date and time on hover. */
export function RelativeTime({ at, className }: { at: string; className?: string }) {
  const { language } = useI18n();
  return (
    <time dateTime={at} title={formatDateTime(at, language)} className={className}>
      {formatRelative(at, language)}
    </time>
  );
}
