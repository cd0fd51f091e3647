import { DailyChart } from '../components/daily-chart';
import { Loading } from '../components/feedback';
import { useI18n } from '../i18n/i18n';
import { request } from '../lib/api';
import type { Reach } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { useOnNotification } from '../live/notifications';

export function OverviewPage() {
  const { t } = useI18n();
  const stats = useResource(request('GET /api/v1/stats/daily', { query: { days: 30 } }));
  useOnNotification(() => void stats.reload());
  return (
    <section className="page" aria-labelledby="overview-title">
      <header className="page-head">
        <h1 id="overview-title">{t.overview.title}</h1>
        <p className="muted">{t.overview.period}</p>
      </header>
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
    </section>
  );
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
