import { type ReactNode, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { formatDate, locale } from '../../lib/format';
import { Link } from '../../lib/router';
import { spaPath } from '../../lib/spa-routes';
import type { MessageRates, SenderRates } from '../../lib/types';

type Counted = MessageRates | SenderRates;
type Kind = 'opened' | 'clicked' | 'downloaded';
const KINDS: Kind[] = ['opened', 'clicked', 'downloaded'];

/** The count a rate divides by: delivered copies, or those of messages with files. */
const baseOf = (row: Counted, kind: Kind) =>
  kind === 'downloaded' ? row.deliveredWithFiles : row.delivered;

/**
 * One rate as a percentage with the counts behind it ("50 %", "2 of 4"); "not tracked" when no
 * copy was tracked per person, a dash (with why) when nothing was delivered or had files.
 */
function RateCell({ row, kind, label }: { row: Counted; kind: Kind; label: string }) {
  const { t, language } = useI18n();
  const rate = row.rates[kind];
  let shown: ReactNode;
  if (row.tracked === 0) shown = <span className="muted">{t.overview.notTracked}</span>;
  else if (rate === null) {
    const why =
      kind === 'downloaded' && row.delivered > 0 ? t.overview.noFiles : t.overview.noneDelivered;
    shown = <span className="muted">{why}</span>;
  } else {
    const percent = new Intl.NumberFormat(locale(language), {
      style: 'percent',
      maximumFractionDigits: 0,
    }).format(rate);
    shown = (
      <>
        <span className="rate">{percent}</span>{' '}
        <span className="muted small">{t.overview.partOf(row[kind], baseOf(row, kind))}</span>
      </>
    );
  }
  return (
    <td data-label={label} data-kind={kind}>
      <span>{shown}</span>
    </td>
  );
}

type SortKey = 'name' | Kind;

/** Rows sorted by a column the reader picks (rates: highest first; no rate: last). */
function useSorted<R extends Counted>(rows: readonly R[], name: (row: R) => string) {
  const [key, setKey] = useState<SortKey | null>(null);
  const sorted =
    key === null
      ? rows
      : [...rows].sort((a, b) => {
          if (key === 'name') return name(a).localeCompare(name(b));
          return (b.rates[key] ?? -1) - (a.rates[key] ?? -1);
        });
  return { sorted, key, setKey };
}

function SortHeader(props: {
  readonly label: string;
  readonly column: SortKey;
  readonly current: SortKey | null;
  readonly onSort: (key: SortKey) => void;
}) {
  const active = props.current === props.column;
  const descending = props.column !== 'name';
  return (
    <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
      <button type="button" className="sort" onClick={() => props.onSort(props.column)}>
        {props.label}
      </button>
    </th>
  );
}

function useKindNames(): Record<Kind, string> {
  const { t } = useI18n();
  return {
    opened: t.overview.opened,
    clicked: t.overview.clicked,
    downloaded: t.overview.downloaded,
  };
}

/** A column before the rates: its heading, and each row's cell. */
interface Column<R> {
  readonly label: string;
  readonly cell: (row: R) => ReactNode;
}

/**
 * A table of rates: a row heading (sortable by name), `columns`, then the three rates (each
 * sortable, highest first); a card per row on a phone, each cell labelled.
 */
function RatesTable<R extends Counted & { readonly id: string }>(props: {
  readonly label: string;
  readonly rows: readonly R[];
  readonly heading: Column<R>;
  readonly name: (row: R) => string;
  readonly columns: readonly Column<R>[];
}) {
  const { t } = useI18n();
  const names = useKindNames();
  const { sorted, key, setKey } = useSorted(props.rows, props.name);
  if (props.rows.length === 0) return <p className="muted">{t.overview.noMessages}</p>;
  return (
    <div className="table-scroll">
      <table className="rates" aria-label={props.label}>
        <thead>
          <tr>
            <SortHeader label={props.heading.label} column="name" current={key} onSort={setKey} />
            {props.columns.map((column) => (
              <th key={column.label} scope="col">
                {column.label}
              </th>
            ))}
            {KINDS.map((kind) => (
              <SortHeader
                key={kind}
                label={names[kind]}
                column={kind}
                current={key}
                onSort={setKey}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.id}>
              <th scope="row">{props.heading.cell(row)}</th>
              {props.columns.map((column) => (
                <td key={column.label} data-label={column.label}>
                  {column.cell(row)}
                </td>
              ))}
              {KINDS.map((kind) => (
                <RateCell key={kind} row={row} kind={kind} label={names[kind]} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each sender's rates over their messages sent in the range. */
export function SenderRatesTable({ rows }: { rows: readonly SenderRates[] }) {
  const { t } = useI18n();
  return (
    <RatesTable
      label={t.overview.bySender}
      rows={rows}
      name={(row) => row.name}
      heading={{ label: t.overview.sender, cell: (row) => row.name }}
      columns={[
        {
          label: t.overview.messagesSent,
          cell: (row) => (
            <span>
              {row.messages}
              {row.trackedMessages < row.messages && (
                <span className="muted small">
                  {' '}
                  {t.overview.untrackedMessages(row.messages - row.trackedMessages)}
                </span>
              )}
            </span>
          ),
        },
      ]}
    />
  );
}

/** The rates of each message sent in the range, newest first, a page at a time. */
export function MessageRatesTable(props: {
  readonly rows: readonly MessageRates[];
  readonly onMore?: (() => void) | undefined;
}) {
  const { t, language } = useI18n();
  return (
    <>
      <RatesTable
        label={t.overview.byMessage}
        rows={props.rows}
        name={(row) => row.subject}
        heading={{
          label: t.overview.subject,
          cell: (row) => (
            <Link to={spaPath('message', { id: row.id })}>{row.subject || t.list.noSubject}</Link>
          ),
        }}
        columns={[
          { label: t.overview.sender, cell: (row) => row.sender.name },
          { label: t.overview.sentOn, cell: (row) => formatDate(row.sentAt, language) },
        ]}
      />
      {props.onMore && props.rows.length > 0 && (
        <button type="button" className="more" onClick={props.onMore}>
          {t.overview.more}
        </button>
      )}
    </>
  );
}
