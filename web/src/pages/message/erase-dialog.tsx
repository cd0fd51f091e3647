import type { FormEvent } from 'react';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorText } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import type { Recipient } from '../../lib/types';
import { useAction } from '../../lib/use-action';

interface EraseDialogProps {
  readonly recipient: Recipient;
  readonly onClose: () => void;
  /** After the erasure, with what it said (the counts, in the reader's words). */
  readonly onErased: (said: string) => void;
}

/**
 * Asks before erasing everything about a recipient (DELETE /api/v1/recipients/:email, admins):
 * it cannot be undone, and it reaches every message of the workspace, not only this one.
 */
export function EraseDialog({ recipient, onClose, onErased }: EraseDialogProps) {
  const { t } = useI18n();
  const action = useAction();
  const who = recipient.name ? `${recipient.name} <${recipient.email}>` : recipient.email;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const { erased } = await call('DELETE /api/v1/recipients/:email', {
        params: { email: recipient.email },
      });
      onErased(t.message.erasedDone(erased.events, erased.copies));
    });
  };
  return (
    <Dialog title={t.message.eraseTitle} onClose={onClose}>
      <p>{t.message.eraseHelp(who)}</p>
      <form onSubmit={submit} className="stack">
        <ErrorText>{action.error}</ErrorText>
        <DialogActions submit={t.message.eraseConfirm} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
