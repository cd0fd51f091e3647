import { StateChips } from '../../components/recipient-state';
import { useI18n } from '../../i18n/i18n';
import { formatRelative } from '../../lib/format';
import type { Message } from '../../lib/types';

/** Each recipient's delivery and tracking state; on a phone each row becomes a card. */
export function RecipientsTable({ message }: { message: Message }) {
  const { t, language } = useI18n();
  return (
    <section aria-labelledby="recipients-title">
      <h2 id="recipients-title">{t.message.recipients}</h2>
      <table className="recipients">
        <thead>
          <tr>
            <th scope="col">{t.message.recipient}</th>
            <th scope="col">{t.message.delivery}</th>
            <th scope="col">{t.message.tracking}</th>
            <th scope="col" className="num">
              {t.message.opens}
            </th>
            <th scope="col" className="num">
              {t.message.clicks}
            </th>
            <th scope="col" className="num">
              {t.message.downloads}
            </th>
            <th scope="col">{t.message.lastActivity}</th>
          </tr>
        </thead>
        <tbody>
          {message.recipients.map((r) => (
            <tr key={r.id}>
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
                <span
                  className={`delivery delivery-${r.delivery}`}
                  title={r.smtpResponse ?? undefined}
                >
                  {t.delivery[r.delivery]}
                </span>
                {r.smtpResponse && (r.delivery === 'rejected' || r.delivery === 'failed') && (
                  <span className="smtp muted small">{r.smtpResponse}</span>
                )}
              </td>
              <td data-label={t.message.tracking}>
                <StateChips recipient={r} />
              </td>
              <td data-label={t.message.opens} className="num">
                {r.tracked ? r.opens : t.common.none}
              </td>
              <td data-label={t.message.clicks} className="num">
                {r.tracked ? r.clicks : t.common.none}
              </td>
              <td data-label={t.message.downloads} className="num">
                {r.tracked ? r.downloads : t.common.none}
              </td>
              <td data-label={t.message.lastActivity}>
                {r.lastEventAt ? (
                  <time dateTime={r.lastEventAt}>{formatRelative(r.lastEventAt, language)}</time>
                ) : (
                  t.common.none
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
