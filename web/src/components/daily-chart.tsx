import { useI18n } from '../i18n/i18n';
import { locale } from '../lib/format';
import type { DailyStats, Language } from '../lib/types';

const W = 720;
const H = 240;
const PAD = { top: 12, right: 12, bottom: 28, left: 36 };

type Day = DailyStats['days'][number];
/** The reach each day counts (what is not its date or the mail sent). */
type Key = Exclude<keyof Day, 'date' | 'sent'>;
const SERIES: Key[] = ['opened', 'clicked', 'downloaded'];
type Names = Record<Key, string>;

function dayLabel(date: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/**
 * Thirty days at a glance: bars for messages sent, solid lines for the people who opened,
 * clicked and downloaded, dashed lines for machines, counted apart. Drawn as plain SVG (no
 * chart library); the same numbers are in a table beside it for screen readers.
 */
export function DailyChart({ stats }: { stats: DailyStats }) {
  const { t } = useI18n();
  const names: Names = {
    opened: t.overview.opened,
    clicked: t.overview.clicked,
    downloaded: t.overview.downloaded,
  };
  return (
    <figure className="chart">
      <Plot days={stats.days} />
      <figcaption id="chart-caption">
        {t.overview.chart}
        <ul className="legend">
          <li>
            <span className="swatch swatch-sent" aria-hidden="true" />
            {t.overview.sent}
          </li>
          {SERIES.map((k) => (
            <li key={k}>
              <span className={`swatch swatch-${k}`} aria-hidden="true" />
              {names[k]}
            </li>
          ))}
          <li>
            <span className="swatch swatch-machines" aria-hidden="true" />
            {t.overview.machines}
          </li>
        </ul>
        <span className="muted small">{t.overview.chartNote}</span>
      </figcaption>
      <NumbersTable days={stats.days} names={names} />
    </figure>
  );
}

function Plot({ days }: { days: Day[] }) {
  const { t, language } = useI18n();
  const max = Math.max(
    1,
    ...days.flatMap((d) => [d.sent, ...SERIES.flatMap((k) => [d[k].people, d[k].machines])]),
  );
  const top = niceCeiling(max);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, days.length);
  const x = (i: number) => PAD.left + step * i + step / 2;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const line = (values: number[]) =>
    values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-caption">
      <title>{t.overview.chart}</title>
      {ticks(top).map((f) => (
        <g key={f}>
          <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(top * f)} y2={y(top * f)} />
          <text className="axis" x={PAD.left - 6} y={y(top * f) + 4} textAnchor="end">
            {Math.round(top * f)}
          </text>
        </g>
      ))}
      {days.map((d, i) =>
        d.sent > 0 ? (
          <rect
            key={d.date}
            className="bar-sent"
            x={x(i) - step * 0.35}
            width={step * 0.7}
            y={y(d.sent)}
            height={Math.max(0, y(0) - y(d.sent))}
          />
        ) : null,
      )}
      {SERIES.map((k) => (
        <g key={k}>
          <path className={`line line-${k} machines`} d={line(days.map((d) => d[k].machines))} />
          <path className={`line line-${k}`} d={line(days.map((d) => d[k].people))} />
        </g>
      ))}
      {days.map((d, i) =>
        i % 5 === (days.length - 1) % 5 ? (
          <text key={d.date} className="axis" x={x(i)} y={H - 8} textAnchor="middle">
            {dayLabel(d.date, language)}
          </text>
        ) : null,
      )}
    </svg>
  );
}

function NumbersTable({ days, names }: { days: Day[]; names: Names }) {
  const { t, language } = useI18n();
  return (
    <details>
      <summary>{t.overview.showTable}</summary>
      <div className="table-scroll">
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">{t.overview.date}</th>
              <th scope="col">{t.overview.sent}</th>
              {SERIES.map((k) => (
                <th key={k} scope="col">
                  {names[k]} ({t.overview.people} / {t.overview.machines})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{dayLabel(d.date, language)}</th>
                <td data-label={t.overview.sent}>{d.sent}</td>
                {SERIES.map((k) => (
                  <td
                    key={k}
                    data-label={`${names[k]} (${t.overview.people} / ${t.overview.machines})`}
                  >
                    {d[k].people} / {d[k].machines}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * Where the scale's lines go, as fractions of its top: the middle too when it is a whole number
 * (a count of 5 has no line at 2.5, which would read "3").
 */
function ticks(top: number): number[] {
  return top % 2 === 0 ? [0, 0.5, 1] : [0, 1];
}

/** 1, 2, 5, 10, 20, 50…: a round top for the scale. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}
