import { Loading } from '../components/feedback';
import { useI18n } from '../i18n/i18n';
import { request } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { useVisibleInterval } from '../live/use-interval';

/**
 * The mail the dev inbox caught, inside the app. Each opens on the server's own dev inbox page
 * (in a new tab, as a recipient's client would show it: that view loads the images, so it does
 * count as the recipient's open).
 */
export function DevInboxPage() {
  const { t, language } = useI18n();
  const inbox = useResource(request('GET /api/v1/dev/inbox', { query: { limit: 100 } }));
  useVisibleInterval(() => void inbox.reload(), 5_000);
  return (
    <section className="page" aria-labelledby="dev-inbox-title">
      <header className="page-head">
        <h1 id="dev-inbox-title">{t.devInbox.title}</h1>
        <a href="/dev/inbox" target="_blank" rel="noopener">
          {t.devInbox.full}
        </a>
      </header>
      {inbox.error !== undefined ? (
        <p className="muted">{t.devInbox.off}</p>
      ) : (
        <p className="muted">{t.devInbox.intro}</p>
      )}
      {inbox.loading && <Loading label={t.common.loading} />}
      {inbox.data?.messages.length === 0 && <p className="muted">{t.devInbox.empty}</p>}
      {inbox.data && inbox.data.messages.length > 0 && (
        <table className="inbox">
          <thead>
            <tr>
              <th scope="col">{t.compose.subject}</th>
              <th scope="col">{t.compose.from}</th>
              <th scope="col">{t.compose.to}</th>
              <th scope="col">{t.devInbox.deliveredTo}</th>
              <th scope="col">{t.devInbox.received}</th>
            </tr>
          </thead>
          <tbody>
            {inbox.data.messages.map((mail) => (
              <tr key={mail.id}>
                <th scope="row" data-label={t.compose.subject}>
                  <a
                    href={`/dev/inbox/${encodeURIComponent(mail.id)}`}
                    target="_blank"
                    rel="noopener"
                  >
                    {mail.subject || '—'}
                  </a>
                </th>
                <td data-label={t.compose.from}>{mail.from}</td>
                <td data-label={t.compose.to}>{mail.to}</td>
                {/* Whose copy: every copy's To is the same, and a Bcc's names nobody. */}
                <td data-label={t.devInbox.deliveredTo}>{mail.rcpt.join(', ')}</td>
                <td data-label={t.devInbox.received}>
                  {formatDateTime(mail.receivedAt, language)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
