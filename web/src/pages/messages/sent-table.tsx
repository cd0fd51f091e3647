import { RecipientStates } from '../../components/recipient-state';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime, formatRelative } from '../../lib/format';
import { Link } from '../../lib/router';
import { spaPath } from '../../lib/spa-routes';
import type { MessageSummary } from '../../lib/types';
import { useMembership } from '../../session/session';

/**
 * The sent messages, one row each: subject, sender, each recipient's state, tracking, when. On a
 * phone each row becomes a card, each cell labelled.
 */
export function SentTable({ messages }: { messages: readonly MessageSummary[] }) {
  const { t } = useI18n();
  return (
    <table className="messages" aria-label={t.list.title}>
      <thead>
        <tr>
          <th scope="col">{t.list.subject}</th>
          <th scope="col">{t.list.sender}</th>
          <th scope="col">{t.list.recipientsState}</th>
          <th scope="col">{t.list.trackingFilter}</th>
          <th scope="col">{t.list.sentAt}</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((message) => (
          <SentRow key={message.id} message={message} />
        ))}
      </tbody>
    </table>
  );
}

function SentRow({ message }: { message: MessageSummary }) {
  const { t, language } = useI18n();
  const { user } = useMembership();
  const when = message.sentAt ?? message.createdAt;
  const { sender } = message;
  return (
    <tr className="message-row">
      <th scope="row" data-label={t.list.subject}>
        <Link to={spaPath('message', { id: message.id })} className="subject">
          {message.subject || t.list.noSubject}
        </Link>
        {message.status !== 'sent' && (
          <span className={`chip ${message.status.includes('failed') ? 'chip-bad' : 'chip-warn'}`}>
            {t.status[message.status]}
          </span>
        )}
      </th>
      <td data-label={t.list.sender} className="sender">
        <span title={sender.email}>
          {sender.id === user.id ? t.list.you(sender.name) : sender.name}
        </span>
      </td>
      <td data-label={t.list.recipientsState}>
        <RecipientStates recipients={message.recipients} />
      </td>
      <td data-label={t.list.trackingFilter}>
        <span className={`chip ${message.tracking.enabled ? 'chip-info' : 'chip-muted'}`}>
          {message.tracking.enabled ? t.list.tracked : t.list.untracked}
        </span>
      </td>
      <td data-label={t.list.sentAt}>
        <time dateTime={when} title={formatDateTime(when, language)} className="muted small">
          {formatRelative(when, language)}
        </time>
      </td>
    </tr>
  );
}
