import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { ErrorText } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { type BodyOf, call } from '../../lib/api';
import { DAY_MS, MINUTE_MS } from '../../lib/time-units';
import type { MessageAttachment } from '../../lib/types';
import { useAction } from '../../lib/use-action';

/** yyyy-mm-dd in the reader's zone, for a date input. */
function dateInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

interface ExpiryDialogProps {
  readonly messageId: string;
  readonly attachment: MessageAttachment;
  readonly describe: (attachment: MessageAttachment) => string;
  readonly onClose: () => void;
  readonly onChanged: () => void;
}

/** Extend, shorten, end or revoke one attachment's download link; the chat records the change. */
export function ExpiryDialog({
  messageId,
  attachment,
  describe,
  onClose,
  onChanged,
}: ExpiryDialogProps) {
  const { t } = useI18n();
  const current = attachment.expiresAt ? new Date(attachment.expiresAt).getTime() : Date.now();
  const [date, setDate] = useState(dateInput(Math.max(current, Date.now())));
  const action = useAction();

  const change = (body: Change) =>
    action.run(async () => {
      await call('PATCH /api/v1/messages/:id/attachments/:attachmentId', {
        params: { id: messageId, attachmentId: attachment.id },
        body,
      });
      onChanged();
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The link works through the whole chosen day, in the reader's zone.
    const [y, m, d] = date.split('-').map(Number);
    const end = new Date(y!, m! - 1, d!, 23, 59, 59);
    void change({ expiresAt: end.toISOString() });
  };
  const plus = (days: number) => setDate(dateInput(Math.max(current, Date.now()) + days * DAY_MS));

  return (
    <Dialog title={t.message.expiryTitle(attachment.filename)} onClose={onClose}>
      <p>
        <strong>{t.message.expiryState}:</strong> {describe(attachment)}
      </p>
      <dl className="expiry-help small">
        <dt>{t.message.applyExpiry}</dt>
        <dd>{t.message.applyExpiryHelp}</dd>
        <dt>{t.message.endNow}</dt>
        <dd>{t.message.endNowHelp}</dd>
        <dt>{attachment.revoked ? t.message.restore : t.message.revoke}</dt>
        <dd>{attachment.revoked ? t.message.restoreHelp : t.message.revokeHelp}</dd>
      </dl>
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor="expiry-date">{t.message.newExpiry}</label>
          <div className="inline-actions">
            <input
              id="expiry-date"
              type="date"
              required
              value={date}
              onChange={(event) => setDate(event.target.value)}
            />
            <button type="button" onClick={() => plus(7)}>
              {t.message.plusDays(7)}
            </button>
            <button type="button" onClick={() => plus(30)}>
              {t.message.plusDays(30)}
            </button>
          </div>
        </div>
        <ErrorText>{action.error}</ErrorText>
        <ExpiryActions revoked={attachment.revoked} busy={action.busy} change={change} />
      </form>
    </Dialog>
  );
}

/** A change to the link: a new end, or revoked (or restored). */
type Change = BodyOf<'PATCH /api/v1/messages/:id/attachments/:attachmentId'>;

interface ExpiryActionsProps {
  readonly revoked: boolean;
  readonly busy: boolean;
  readonly change: (body: Change) => Promise<void>;
}

/** Apply the date, end the link now, and revoke it (or restore it once revoked). */
function ExpiryActions({ revoked, busy, change }: ExpiryActionsProps) {
  const { t } = useI18n();
  const button = (label: string, body: () => Change, danger: boolean) => (
    <button
      type="button"
      className={danger ? 'danger' : undefined}
      disabled={busy}
      onClick={() => void change(body())}
    >
      {label}
    </button>
  );
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {t.message.applyExpiry}
      </button>
      {/* A moment in the past: the server ends the link at its own now, whatever this clock says. */}
      {button(
        t.message.endNow,
        () => ({ expiresAt: new Date(Date.now() - MINUTE_MS).toISOString() }),
        true,
      )}
      {revoked
        ? button(t.message.restore, () => ({ revoked: false }), false)
        : button(t.message.revoke, () => ({ revoked: true }), true)}
    </div>
  );
}
