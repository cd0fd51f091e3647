import { useI18n } from '../../i18n/i18n';
import type { Message } from '../../lib/types';

// The composed mail, not a recipient's copy: it carries no pixel and no tracked links. The frame
// is sandboxed (no script, no same-origin) and its own policy loads no images at all, so that
// looking at one's own message can never be counted as an open, whatever the html holds.
const PREVIEW_HEAD =
  '<!doctype html><meta charset="utf-8">' +
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:">` +
  '<base target="_blank">';

export function MessagePreview({ message }: { message: Message }) {
  const { t } = useI18n();
  if (!message.html && !message.text) return null;
  return (
    <details className="preview">
      <summary>{t.message.preview}</summary>
      <p className="muted small">{t.message.previewNote}</p>
      {message.html ? (
        <iframe
          title={t.message.preview}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          srcDoc={PREVIEW_HEAD + message.html}
        />
      ) : (
        <pre className="preview-text">{message.text}</pre>
      )}
    </details>
  );
}
