import { useState } from 'react';
import { StatusText } from '../../components/feedback';
import { hasMachineCounts, StateChips } from '../../components/recipient-state';
import { useI18n } from '../../i18n/i18n';
import { formatRelative } from '../../lib/format';
import type { Message, Recipient } from '../../lib/types';
import { useMembership } from '../../session/session';
import { EraseDialog } from './erase-dialog';

/** What an erased recipient's address reads as (the server's ERASED_ADDRESS). */
const ERASED = 'erased';

/**
 * One count cell: people's number, the headline, and under it, muted, what machines added.
 * Its content is one element, so that the phone's card layout keeps it beside its label.
 */
function CountCell({
  recipient,
  label,
  people,
  machines,
}: {
  recipient: Recipient;
  label: string;
  people: number;
  machines: number;
}) {
  const { t } = useI18n();
  return (
    <td data-label={label} className="num">
      {recipient.tracked ? (
        <span className="count-cell">
          <span className="count-people">{people}</span>
          {machines > 0 && (
            <span className="count-machines muted small" title={t.message.machinesHelp}>
              {t.message.byMachines(machines)}
            </span>
          )}
        </span>
      ) : (
        t.common.none
      )}
    </td>
  );
}

const COUNTS = ['opens', 'clicks', 'downloads'] as const;

/**
 * Each recipient's delivery and tracking state; on a phone each row becomes a card. Admins can
 * erase a recipient from their row (after a confirmation); `onErased` reloads the message.
 */
export function RecipientsTable({ message, onErased }: { message: Message; onErased: () => void }) {
  const { t } = useI18n();
  const { user } = useMembership();
  const [erasing, setErasing] = useState<Recipient | undefined>();
  const [status, setStatus] = useState('');
  const canErase = user.role === 'admin';
  const machines = message.recipients.some((r) => r.tracked && hasMachineCounts(r));
  return (
    <section aria-labelledby="recipients-title">
      <h2 id="recipients-title">{t.message.recipients}</h2>
      <table className="recipients">
        <thead>
          <tr>
            <th scope="col">{t.message.recipient}</th>
            <th scope="col">{t.message.delivery}</th>
            <th scope="col">{t.message.tracking}</th>
            {COUNTS.map((k) => (
              <th key={k} scope="col" className="num">
                {t.message[k]}
              </th>
            ))}
            <th scope="col" className="num">
              {t.message.replied}
            </th>
            <th scope="col">{t.message.lastActivity}</th>
            {canErase && (
              <th scope="col">
                <span className="visually-hidden">{t.message.eraseTitle}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {message.recipients.map((r) => (
            <RecipientRow
              key={r.id}
              recipient={r}
              onErase={canErase && r.email !== ERASED ? () => setErasing(r) : undefined}
              showErase={canErase}
            />
          ))}
        </tbody>
      </table>
      {machines && <p className="muted small counts-note">{t.message.countsNote}</p>}
      {status && <StatusText>{status}</StatusText>}
      {erasing && (
        <EraseDialog
          recipient={erasing}
          onClose={() => setErasing(undefined)}
          onErased={(said) => {
            setErasing(undefined);
            setStatus(said);
            onErased();
          }}
        />
      )}
    </section>
  );
}

function RecipientRow({
  recipient: r,
  onErase,
  showErase,
}: {
  recipient: Recipient;
  /** Opens the erase dialog; undefined where there is nothing to erase. */
  onErase: (() => void) | undefined;
  /** The column is there (the reader is an admin). */
  showErase: boolean;
}) {
  const { t, language } = useI18n();
  return (
    <tr>
      <th scope="row" data-label={t.message.recipient}>
        <span className="kind">{t.message.kind[r.kind]}</span>{' '}
        {r.name ? (
          <>
            {r.name} <span className="muted">&lt;{r.email}&gt;</span>
          </>
        ) : (
          r.email
        )}
      </th>
      <td data-label={t.message.delivery}>
        <span className={`delivery delivery-${r.delivery}`} title={r.smtpResponse ?? undefined}>
          {t.delivery[r.delivery]}
        </span>
        {r.smtpResponse && (r.delivery === 'rejected' || r.delivery === 'failed') && (
          <span className="smtp muted small">{r.smtpResponse}</span>
        )}
      </td>
      <td data-label={t.message.tracking}>
        <StateChips recipient={r} />
      </td>
      {COUNTS.map((k) => (
        <CountCell
          key={k}
          recipient={r}
          label={t.message[k]}
          people={r[k]}
          machines={r.machine[k]}
        />
      ))}
      <td data-label={t.message.replied} className="num">
        {r.tracked ? r.replied : t.common.none}
      </td>
      <td data-label={t.message.lastActivity}>
        {r.lastEventAt ? (
          <time dateTime={r.lastEventAt}>{formatRelative(r.lastEventAt, language)}</time>
        ) : (
          t.common.none
        )}
      </td>
      {showErase && (
        <td>
          {onErase && (
            <button
              type="button"
              className="danger small"
              aria-label={t.message.eraseLabel(r.email)}
              onClick={onErase}
            >
              {t.message.erase}
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
