/**
 * The sent list's search and filters, kept in the page's address (so a reload, Back and a shared
 * link show the same list) under the names and values the API takes: `q`, `opened`, `clicked`,
 * `replied` (`true`/`false`), `tracking` (`on`/`off`), `sender` (`me` or a member's id).
 * A value the address holds that the API would refuse is read as no filter.
 */

/** A yes/no filter: `true`, `false`, or unset (either). */
export type YesNo = 'true' | 'false' | '';
export type TrackingChoice = 'on' | 'off' | '';

export interface SentFilters {
  /** Search text, trimmed ('' : none). */
  readonly q: string;
  readonly opened: YesNo;
  readonly clicked: YesNo;
  readonly replied: YesNo;
  readonly tracking: TrackingChoice;
  /** `me`, a member's id, or '' (anyone). */
  readonly sender: string;
}

export const NO_FILTERS: SentFilters = {
  q: '',
  opened: '',
  clicked: '',
  replied: '',
  tracking: '',
  sender: '',
};

/** The server's search limit (characters). */
export const MAX_SEARCH = 200;
const SENDER = /^(?:me|[0-9a-hjkmnp-tv-z]{26})$/;
/** What the server's one-line rule refuses (controls, line and paragraph separators). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is what it finds.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

const yesNo = (value: string | null): YesNo => (value === 'true' || value === 'false' ? value : '');

/**
 * The filters `search` (a location's `?…`) holds. The old address of the Replied tab,
 * `?view=replied`, reads as `replied=true`.
 */
export function filtersOf(search: string): SentFilters {
  const params = new URLSearchParams(search);
  const q = (params.get('q') ?? '').trim();
  const tracking = params.get('tracking');
  const sender = params.get('sender') ?? '';
  return {
    q: q.length <= MAX_SEARCH && !CONTROL.test(q) ? q : '',
    opened: yesNo(params.get('opened')),
    clicked: yesNo(params.get('clicked')),
    replied: params.get('view') === 'replied' ? 'true' : yesNo(params.get('replied')),
    tracking: tracking === 'on' || tracking === 'off' ? tracking : '',
    sender: SENDER.test(sender) ? sender : '',
  };
}

/** Whether any filter or a search narrows the list. */
export function isFiltered(filters: SentFilters): boolean {
  return Object.values(filters).some((value) => value !== '');
}

/** The address's query for `filters` (`?…`, or '' for none), the set ones only. */
export function searchOf(filters: SentFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value !== '') params.set(name, value);
  }
  return params.size > 0 ? `?${params}` : '';
}

/** The query of `GET /api/v1/messages` for the sent list (drafts left out) with `filters`. */
export function apiQueryOf(filters: SentFilters) {
  const bool = (value: YesNo) => (value === '' ? undefined : value === 'true');
  return {
    draft: false,
    q: filters.q || undefined,
    opened: bool(filters.opened),
    clicked: bool(filters.clicked),
    replied: bool(filters.replied),
    tracking: filters.tracking || undefined,
    sender: filters.sender || undefined,
  };
}
