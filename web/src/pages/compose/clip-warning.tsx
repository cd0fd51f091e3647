import { useI18n } from '../../i18n/i18n';
import { formatSize } from '../../lib/format';
import type { MessageWarning } from '../../lib/types';

interface ClipWarningProps {
  readonly warnings: readonly MessageWarning[];
  readonly tracking: boolean;
}

/** Tells the sender, before sending, that Gmail will clip the mail (the API's `gmail_clip`). */
export function ClipWarning({ warnings, tracking }: ClipWarningProps) {
  const { t, language } = useI18n();
  const clip = warnings.find((warning) => warning.code === 'gmail_clip');
  if (!clip) return null;
  return (
    <p className="notice notice-muted clip-warning" role="status" data-code={clip.code}>
      {t.compose.gmailClip(formatSize(clip.bytes, language), formatSize(clip.limit, language))}
      {tracking && ` ${t.compose.gmailClipTracked}`}
    </p>
  );
}
