import { useI18n } from '../../i18n/i18n';

interface TrackingNoticeProps {
  readonly tracking: boolean;
  readonly ttlDays: number;
  readonly hasAttachments: boolean;
  /** Recipients on the do-not-track list, who get an untracked copy. */
  readonly untracked: number;
}

/** Says plainly, before sending, what tracking does to this mail (the seed's caveats). */
export function TrackingNotice({
  tracking,
  ttlDays,
  hasAttachments,
  untracked,
}: TrackingNoticeProps) {
  const { t } = useI18n();
  if (!tracking) {
    return (
      <p className="notice notice-off" aria-live="polite">
        {t.compose.trackingOff}
      </p>
    );
  }
  return (
    <section
      className="notice notice-on"
      aria-live="polite"
      aria-labelledby="tracking-notice-title"
    >
      <h2 id="tracking-notice-title">{t.compose.trackingOnTitle}</h2>
      <p>{t.compose.trackingOnIntro}</p>
      <p className={hasAttachments ? 'strong' : ''}>{t.compose.trackingAttachments(ttlDays)}</p>
      <p>{t.compose.trackingFiltering}</p>
      {untracked > 0 && <p className="dnt-note">{t.compose.dntNote(untracked)}</p>}
    </section>
  );
}
