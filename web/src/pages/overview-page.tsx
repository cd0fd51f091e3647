import { useEffect, useState } from 'react';
import { DailyChart } from '../components/daily-chart';
import { Loading } from '../components/feedback';
import { useI18n } from '../i18n/i18n';
import { call, request } from '../lib/api';
import { locale } from '../lib/format';
import { navigate, useLocation } from '../lib/router';
import type { MessageRates, Reach } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { useOnNotification } from '../live/notifications';
import { useMembership } from '../session/session';
import { apiBounds, type DayRange, dayOf, rangeOf, searchOf } from './overview/range';
import { RangePicker } from './overview/range-picker';
import { MessageRatesTable, SenderRatesTable } from './overview/rates-tables';

/**
 * The Overview: a range of days (in the address, so it can be shared and survives a reload)
 * drives the totals, the chart, the rates per sender and per message, and the CSV export.
 */
export function OverviewPage() {
  const { t, language } = useI18n();
  const { user } = useMembership();
  const location = useLocation();
  const today = dayOf(Date.now());
  const range = rangeOf(location.search, today);
  const bounds = apiBounds(range);
  const stats = useResource(request('GET /api/v1/stats/daily', { query: bounds }));
  const senders = useResource(
    request('GET /api/v1/stats/rates', { query: { ...bounds, by: 'sender' } }),
  );
  const messages = useMessagePages(bounds);
  useOnNotification(() => {
    void stats.reload();
    void senders.reload();
  });
  const choose = (next: DayRange) => navigate(`${location.pathname}${searchOf(next)}`);
  const period = new Intl.DateTimeFormat(locale(language), {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  return (
    <section className="page" aria-labelledby="overview-title">
      <header className="page-head">
        <h1 id="overview-title">{t.overview.title}</h1>
        <p className="muted">
          {range.preset === null
            ? period.formatRange(new Date(range.from), new Date(range.to))
            : t.overview.lastDays(range.preset)}
        </p>
      </header>
      <div className="overview-controls">
        <RangePicker range={range} today={today} onChange={choose} />
        {user.role === 'admin' && (
          <a
            className="button export"
            href={`/api/v1/events.csv?${new URLSearchParams(bounds)}`}
            download={`events-${range.from}-${range.to}.csv`}
          >
            {t.overview.exportCsv}
          </a>
        )}
      </div>
      {stats.error !== undefined && <p className="muted">{t.overview.unavailable}</p>}
      {!stats.data && stats.error === undefined && <Loading label={t.common.loading} />}
      {stats.data && (
        <>
          <ul className="totals">
            <li>
              <span className="total-label">{t.overview.sent}</span>
              <span className="total-value">{stats.data.totals.sent}</span>
              <span className="muted small">{t.overview.messages}</span>
            </li>
            <Total label={t.overview.opened} reach={stats.data.totals.opened} />
            <Total label={t.overview.clicked} reach={stats.data.totals.clicked} />
            <Total label={t.overview.downloaded} reach={stats.data.totals.downloaded} />
          </ul>
          <DailyChart stats={stats.data} />
        </>
      )}
      <section className="rates-section" aria-labelledby="rates-title">
        <h2 id="rates-title">{t.overview.ratesTitle}</h2>
        <p className="muted small">{t.overview.ratesNote}</p>
        <h3>{t.overview.bySender}</h3>
        {senders.data ? (
          <SenderRatesTable rows={senders.data.senders ?? []} />
        ) : (
          senders.error === undefined && <Loading label={t.common.loading} />
        )}
        <h3>{t.overview.byMessage}</h3>
        {messages.rows ? (
          <MessageRatesTable rows={messages.rows} onMore={messages.more} />
        ) : (
          <Loading label={t.common.loading} />
        )}
      </section>
    </section>
  );
}

/** The messages' rates over `bounds`, page after page as the reader asks for more. */
function useMessagePages(bounds: { from: string; to: string }) {
  const first = useResource(
    request('GET /api/v1/stats/rates', { query: { ...bounds, by: 'message' } }),
  );
  const [later, setLater] = useState<MessageRates[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  // A new range starts from its first page.
  useEffect(() => {
    setLater([]);
    setCursor(first.data?.cursor ?? null);
  }, [first.data]);
  const more = async () => {
    if (!cursor) return;
    const page = await call('GET /api/v1/stats/rates', {
      query: { ...bounds, by: 'message', cursor },
    });
    setLater((rows) => [...rows, ...(page.messages ?? [])]);
    setCursor(page.cursor);
  };
  const rows = first.data ? [...(first.data.messages ?? []), ...later] : undefined;
  return { rows, more: cursor ? () => void more() : undefined };
}

function Total({ label, reach }: { label: string; reach: Reach }) {
  const { t } = useI18n();
  return (
    <li>
      <span className="total-label">{label}</span>
      <span className="total-value">{reach.people}</span>
      <span className="muted small">
        {t.overview.people}
        {reach.machines > 0 && ` · +${reach.machines} ${t.overview.machines}`}
      </span>
    </li>
  );
}
