import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call } from '../../lib/api';
import type { AppNotification } from '../../lib/types';
import { useLive } from '../../live/notifications';
import { apiQueryOf, matches, type NotificationFilters, rangeInOrder } from './filters';

const PAGE = 50;

export interface NotificationList {
  /** Undefined until the first page is in. */
  readonly items: AppNotification[] | undefined;
  readonly more: boolean;
  /** The server's refusal (a filter it does not take), else null. */
  readonly error: string | null;
  /** How many that fit the filters arrived live since the list was loaded. */
  readonly arrived: number;
  /** Loads the first page again (with what arrived). */
  reload(): void;
  loadMore(): Promise<void>;
  markRead(id: string): Promise<void>;
  markAllRead(): Promise<void>;
}

/**
 * The reader's notifications the filters select, a page at a time (the server's cursor). Live
 * changes follow: a line already shown is replaced (a fold, a correction), a retracted one
 * leaves, and new ones that fit are counted for the reader to show — the list never moves under
 * their eyes.
 */
export function useNotificationList(filters: NotificationFilters): NotificationList {
  const live = useLive();
  const [items, setItems] = useState<AppNotification[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [arrived, setArrived] = useState(0);
  const [round, setRound] = useState(0);
  const query = JSON.stringify(apiQueryOf(filters));
  const inOrder = rangeInOrder(filters);
  // The latest request: an answer for filters left since is dropped.
  const asked = useRef('');

  const fetchPage = useCallback(
    async (after: string | undefined) => {
      const key = `${query}:${after ?? ''}`;
      asked.current = key;
      try {
        const page = await call('GET /api/v1/notifications', {
          query: { ...JSON.parse(query), limit: PAGE, after },
        });
        if (asked.current !== key) return;
        setError(null);
        setCursor(page.cursor);
        setItems((shown) =>
          after ? [...(shown ?? []), ...page.notifications] : page.notifications,
        );
      } catch (failure) {
        if (!(failure instanceof ApiError)) throw failure;
        if (asked.current === key) {
          setError(failure.message);
          setItems((shown) => shown ?? []);
        }
      }
    },
    [query],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` asks for the first page again.
  useEffect(() => {
    setArrived(0);
    setCursor(null);
    // Dates out of order ask for nothing: the page says why.
    setItems(inOrder ? undefined : []);
    if (inOrder) void fetchPage(undefined);
    else asked.current = '';
  }, [fetchPage, round, inOrder]);

  // Read by the live listener, which must not wait for a render.
  const current = useRef({ filters, items });
  current.current = { filters, items };
  useEffect(
    () =>
      live.subscribe((n, change) => {
        const shown = current.current.items?.some((item) => item.id === n.id);
        if (change === 'retracted') {
          if (shown) setItems((list) => list?.filter((item) => item.id !== n.id));
        } else if (shown) {
          setItems((list) => list?.map((item) => (item.id === n.id ? n : item)));
        } else if (matches(n, current.current.filters)) {
          setArrived((count) => count + 1);
        }
      }),
    [live.subscribe],
  );

  // Nothing unread left (the bell's panel was opened, another tab marked all): none shown is.
  useEffect(() => {
    if (live.unread === 0)
      setItems((list) => list?.map((n) => (n.read ? n : { ...n, read: true })));
  }, [live.unread]);

  const markRead = useCallback(
    async (id: string) => {
      setItems((shown) => shown?.map((n) => (n.id === id ? { ...n, read: true } : n)));
      await live.markRead(id);
    },
    [live.markRead],
  );
  const markAllRead = useCallback(async () => {
    setItems((shown) => shown?.map((n) => ({ ...n, read: true })));
    await live.markAllRead();
  }, [live.markAllRead]);

  return {
    items,
    more: cursor !== null,
    error,
    arrived,
    reload: () => setRound((n) => n + 1),
    loadMore: () => (cursor ? fetchPage(cursor) : Promise.resolve()),
    markRead,
    markAllRead,
  };
}
