import { useEffect, useRef, useState } from 'react';
import { SelectField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { request } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { useMembership } from '../../session/session';
import { isFiltered, MAX_SEARCH, NO_FILTERS, type SentFilters } from './sent-filters';

/** How long typing pauses before the search is asked (ms). */
const SEARCH_DELAY_MS = 300;

/**
 * The search box: what is typed is asked once typing pauses; a new `value` from the address
 * (Back, a cleared filter) replaces what the box shows.
 */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  // The search last asked for or read from the address: the box's text is compared with it.
  const asked = useRef(value);
  useEffect(() => {
    if (value === asked.current) return;
    asked.current = value;
    setText(value);
  }, [value]);
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === asked.current) return;
    const timer = window.setTimeout(() => {
      asked.current = wanted;
      onSearch(wanted);
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, onSearch]);
  return (
    <div className="field sent-search">
      <label htmlFor="sent-search">{t.list.search}</label>
      <input
        id="sent-search"
        type="search"
        value={text}
        maxLength={MAX_SEARCH}
        placeholder={t.list.searchPlaceholder}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
}

/** The search box and the filters of the sent list; every change goes to `onChange`. */
export function SentFilterBar({
  filters,
  onChange,
}: {
  filters: SentFilters;
  onChange: (next: SentFilters, typing?: boolean) => void;
}) {
  const { t } = useI18n();
  const { user } = useMembership();
  const members = useResource(request('GET /api/v1/workspace/members'));
  const others = (members.data?.members ?? []).filter((m) => m.id !== user.id);
  /** Anyone, me, each other member; a member's id the list does not hold (removed since) too. */
  const sendersOf = (chosen: string): [string, string][] => {
    const senders: [string, string][] = [
      ['', t.list.anyone],
      ['me', t.list.me],
      ...others.map((m): [string, string] => [m.id, m.name]),
    ];
    if (chosen && !senders.some(([id]) => id === chosen)) senders.push([chosen, t.list.aMember]);
    return senders;
  };
  const any = t.list.any;
  const yesNo = (yes: string, no: string) =>
    [
      ['', any],
      ['true', yes],
      ['false', no],
    ] as const;
  // Each filter: its name in the address, its label, its choices ('': any).
  const choices: readonly {
    name: 'opened' | 'clicked' | 'replied' | 'tracking' | 'sender';
    label: string;
    options: readonly (readonly [string, string])[];
  }[] = [
    {
      name: 'opened',
      label: t.list.openedFilter,
      options: yesNo(t.list.openedYes, t.list.openedNo),
    },
    {
      name: 'clicked',
      label: t.list.clickedFilter,
      options: yesNo(t.list.clickedYes, t.list.clickedNo),
    },
    {
      name: 'replied',
      label: t.list.repliedFilter,
      options: yesNo(t.list.repliedYes, t.list.repliedNo),
    },
    {
      name: 'tracking',
      label: t.list.trackingFilter,
      options: [
        ['', any],
        ['on', t.list.tracked],
        ['off', t.list.untracked],
      ],
    },
    { name: 'sender', label: t.list.senderFilter, options: sendersOf(filters.sender) },
  ];
  return (
    <search className="sent-filters" aria-label={t.list.filters}>
      <SearchBox value={filters.q} onSearch={(q) => onChange({ ...filters, q }, true)} />
      {choices.map(({ name, label, options }) => (
        <SelectField
          key={name}
          id={`filter-${name}`}
          label={label}
          value={filters[name]}
          // Each option is a value the filter takes (filtersOf reads the address back the same).
          onChange={(value) => onChange({ ...filters, [name]: value } as SentFilters)}
          options={options}
        />
      ))}
      {isFiltered(filters) && (
        <button type="button" className="clear-filters" onClick={() => onChange(NO_FILTERS)}>
          {t.list.clearFilters}
        </button>
      )}
    </search>
  );
}
