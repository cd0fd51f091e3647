import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime, formatSize } from '../../lib/format';
import type { Message, MessageAttachment } from '../../lib/types';
import { ExpiryDialog } from './expiry-dialog';

export function linkIsLive(attachment: MessageAttachment, now = Date.now()): boolean {
  if (attachment.revoked) return false;
  return attachment.expiresAt === null || new Date(attachment.expiresAt).getTime() > now;
}

/**
 * The message's files. With tracking they were sent as a download link: its state in words
 * (valid until…, expired, revoked) and a button that opens the dialog to change, end or revoke it.
 */
export function AttachmentLinks({
  message,
  onChanged,
}: {
  message: Message;
  onChanged: () => void;
}) {
  const { t, language } = useI18n();
  const [editing, setEditing] = useState<MessageAttachment | null>(null);
  const linked = message.tracking.enabled && message.status !== 'draft';
  const stateOf = (a: MessageAttachment) =>
    a.revoked
      ? t.message.linkRevoked
      : a.expiresAt === null
        ? t.message.linkNoExpiry
        : linkIsLive(a)
          ? t.message.linkValid(formatDateTime(a.expiresAt, language))
          : t.message.linkExpired(formatDateTime(a.expiresAt, language));
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t.message.attachments}</h2>
      {!linked && <p className="muted small">{t.message.attachedFiles}</p>}
      <ul className="attachment-links">
        {message.attachments.map((a) => (
          <li key={a.id}>
            <span className="file-name">{a.filename}</span>
            <span className="muted small">{formatSize(a.size, language)}</span>
            {linked && (
              <>
                <span className={`link-state small ${linkIsLive(a) ? 'live' : 'dead'}`}>
                  <span aria-hidden="true" className="link-state-dot" />
                  {stateOf(a)}
                </span>
                {/* The visible words begin the accessible name, which adds the file's. */}
                <button
                  type="button"
                  className="small change-link"
                  aria-label={t.message.changeLink(a.filename)}
                  onClick={() => setEditing(a)}
                >
                  {t.message.changeLinkShort}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {editing && (
        <ExpiryDialog
          messageId={message.id}
          attachment={editing}
          describe={stateOf}
          onClose={() => setEditing(null)}
          onChanged={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </section>
  );
}
