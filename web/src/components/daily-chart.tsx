import { type RefObject, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { locale } from '../lib/format';
import type { DailyStats, Language } from '../lib/types';

const H = 240;
const PAD = { top: 16, right: 12, bottom: 28, left: 40 };
/** The width drawn before the figure has been measured (and in a test without layout). */
const DEFAULT_WIDTH = 720;
/** Room one date label needs, in CSS pixels: fewer labels on a narrow screen. */
const LABEL_ROOM = 64;
/** At most this many horizontal lines: enough to read a value, few enough to stay apart. */
const MAX_TICKS = 5;

type Day = DailyStats['days'][number];
/** The reach each day counts (what is not its date or the mail sent). */
type Key = Exclude<keyof Day, 'date' | 'sent'>;
/**
 * Drawn in this order, each thinner than the one before: Opened is a wide band under Clicked,
 * and Clicked under Downloaded, so a line that coincides with another still shows around it
 * (a click brings an inferred open, so Opened often equals Clicked).
 */
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
 * The chosen days at a glance: bars for messages sent, lines for the people who opened,
 * clicked and downloaded, dashed lines for machines, counted apart. Drawn as plain SVG (no
 * chart library) at the figure's own width in CSS pixels, so its text never shrinks on a phone;
 * the same numbers are in a table beside it for screen readers.
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
        <ul className="legend" aria-label={t.overview.legend}>
          <li>
            <span className="swatch swatch-sent" aria-hidden="true" />
            {t.overview.sent}
          </li>
          {SERIES.map((k) => (
            <li key={k}>
              <span className={`swatch swatch-${k}`} aria-hidden="true" />
              {names[k]} ({t.overview.people})
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

/** The element's width in CSS pixels, kept up to date as the layout changes. */
function useWidth<E extends Element>(): [RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.round(entry?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function Plot({ days }: { days: Day[] }) {
  const { t, language } = useI18n();
  const [box, width] = useWidth<HTMLDivElement>();
  const max = Math.max(
    0,
    ...days.flatMap((d) => [d.sent, ...SERIES.flatMap((k) => [d[k].people, d[k].machines])]),
  );
  const { top, step: tickStep } = integerScale(max);
  const plotW = width - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, days.length);
  const x = (i: number) => PAD.left + step * i + step / 2;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const line = (values: number[]) =>
    values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const every = labelEvery(days.length, plotW);
  return (
    <div ref={box} className="chart-box">
      <svg
        width={width}
        height={H}
        viewBox={`0 0 ${width} ${H}`}
        role="img"
        aria-labelledby="chart-caption"
      >
        <title>{t.overview.chart}</title>
        {Array.from({ length: top / tickStep + 1 }, (_, n) => n * tickStep).map((value) => (
          <g key={value}>
            <line
              className="grid"
              x1={PAD.left}
              x2={width - PAD.right}
              y1={y(value)}
              y2={y(value)}
            />
            <text className="axis" x={PAD.left - 6} y={y(value) + 4} textAnchor="end">
              {value}
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
          <path
            key={`${k}-machines`}
            className={`line line-${k} machines`}
            d={line(days.map((d) => d[k].machines))}
          />
        ))}
        {SERIES.map((k) => (
          <path
            key={k}
            className={`line line-${k} people`}
            data-series={k}
            d={line(days.map((d) => d[k].people))}
          />
        ))}
        {days.map((d, i) =>
          (days.length - 1 - i) % every === 0 ? (
            <text key={d.date} className="axis axis-x" x={x(i)} y={H - 8} textAnchor="middle">
              {dayLabel(d.date, language)}
            </text>
          ) : null,
        )}
      </svg>
    </div>
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
 * The y scale: a whole-number step of 1, 2 or 5 times a power of ten, giving at most MAX_TICKS
 * lines above zero, and the top a whole number of steps. Every line is at a whole number (a
 * count of 5 never gets a line at 2.5, which would read "3"); an empty chart is 0 to 1.
 */
export function integerScale(max: number): { top: number; step: number } {
  const wanted = Math.max(1, Math.ceil(max));
  for (let power = 1; ; power *= 10) {
    for (const m of [1, 2, 5]) {
      const step = m * power;
      if (Math.ceil(wanted / step) <= MAX_TICKS)
        return { top: Math.ceil(wanted / step) * step, step };
    }
  }
}

/** Label one day in this many, counted back from the last, so the labels never crowd. */
export function labelEvery(days: number, plotWidth: number): number {
  const fits = Math.max(1, Math.floor(plotWidth / LABEL_ROOM));
  return Math.max(1, Math.ceil(days / fits));
}
