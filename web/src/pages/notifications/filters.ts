import type { AppNotification } from '../../lib/types';
import { NOTIFICATION_TYPES } from '../../lib/vocabulary';
import { addDays, isDay } from '../overview/range';

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** The labels a notification can carry (`self`, the team's own looks, never notifies). */
export const FILTER_LABELS = ['human', 'proxy', 'machine'] as const;
export type FilterLabel = (typeof FILTER_LABELS)[number];

/**
 * What the Notifications page shows, as its address keeps it: `?type=&label=&message=&unread=true
 * &from=&to=`, the dates UTC days, both included (as the Overview's).
 */
export interface NotificationFilters {
  readonly type?: NotificationType;
  readonly label?: FilterLabel;
  readonly messageId?: string;
  readonly unread: boolean;
  readonly from?: string;
  readonly to?: string;
}

const oneOf = <V extends string>(values: readonly V[], value: string | null): V | undefined =>
  values.find((v) => v === value);

/** The filters an address asks for; a value the page does not know is left out. */
export function filtersOf(search: string): NotificationFilters {
  const params = new URLSearchParams(search);
  const message = params.get('message') ?? '';
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return isDay(value) ? value : undefined;
  };
  return {
    type: oneOf(NOTIFICATION_TYPES, params.get('type')),
    label: oneOf(FILTER_LABELS, params.get('label')),
    messageId: message.length > 0 && message.length <= 64 ? message : undefined,
    unread: params.get('unread') === 'true',
    from: day('from'),
    to: day('to'),
  };
}

/** Whether the dates make a range: a first day after the last asks for nothing. */
export function rangeInOrder(filters: NotificationFilters): boolean {
  return !(filters.from && filters.to && filters.from > filters.to);
}

/** The page address's query for `filters` (empty with none). */
export function searchOf(filters: NotificationFilters): string {
  const params = new URLSearchParams();
  if (filters.type) params.set('type', filters.type);
  if (filters.label) params.set('label', filters.label);
  if (filters.messageId) params.set('message', filters.messageId);
  if (filters.unread) params.set('unread', 'true');
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** GET /api/v1/notifications's query for `filters`: its `to` is the day after the last. */
export function apiQueryOf(filters: NotificationFilters) {
  return {
    type: filters.type,
    classification: filters.label,
    messageId: filters.messageId,
    unread: filters.unread ? (true as const) : undefined,
    from: filters.from,
    to: filters.to ? addDays(filters.to, 1) : undefined,
  };
}

/**
 * Whether a notification that has just arrived live belongs in the list the filters show (its
 * time is now: a range that ended before today leaves it out).
 */
export function matches(n: AppNotification, filters: NotificationFilters): boolean {
  if (filters.type && n.type !== filters.type) return false;
  if (filters.label && n.classification !== filters.label) return false;
  if (filters.messageId && n.messageId !== filters.messageId) return false;
  if (filters.unread && n.read) return false;
  const day = n.at.slice(0, 10);
  if (filters.from && day < filters.from) return false;
  return !(filters.to && day > filters.to);
}
