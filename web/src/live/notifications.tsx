import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useI18n } from '../i18n/i18n';
import { ApiError, call } from '../lib/api';
import { navigate } from '../lib/router';
import { spaPath } from '../lib/spa-routes';
import type { AppNotification } from '../lib/types';
import { useSession } from '../session/session';
import { showDesktop } from './desktop';

/** How a live notification changed: new or changed (a fold, a correction), or retracted. */
export type LiveChange = 'arrived' | 'retracted';
type Listener = (notification: AppNotification, change: LiveChange) => void;

interface Live {
  readonly notifications: AppNotification[];
  readonly unread: number;
  /** False while the stream is down (the server restarts, or has no stream yet). */
  readonly connected: boolean;
  markAllRead(): Promise<void>;
  /** Marks one read (the Notifications page); the bell's list and count follow. */
  markRead(id: string): Promise<void>;
  /** Called for each notification that arrives live. */
  subscribe(listener: Listener): () => void;
}

const LiveContext = createContext<Live | null>(null);
const PAGE = 50;
/** Older than this, an arriving notification is a replay after a reconnect: no desktop popup. */
const FRESH_MS = 2 * 60_000;

const byNewest = (a: AppNotification, b: AppNotification) =>
  b.at.localeCompare(a.at) || b.id.localeCompare(a.id);

/**
 * A fresh unread notification shows on the desktop while the app is out of sight: in a
 * background tab (hidden), or in a window that is not the one in focus. While the user looks
 * at the app, the bell's badge and the page tell them; a system notification would repeat it.
 */
function popUp(incoming: AppNotification, title: string): void {
  if (incoming.read || Date.now() - new Date(incoming.at).getTime() >= FRESH_MS) return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  showDesktop(incoming.id, title, incoming.text, () => {
    if (incoming.messageId) navigate(spaPath('message', { id: incoming.messageId }));
  });
}

/**
 * Loads the page of notifications and follows the stream, starting over (and loading again)
 * when it gives up; says whether the stream is up.
 */
function useStream(
  load: () => Promise<void>,
  receive: (n: AppNotification) => void,
  retract: (n: AppNotification) => void,
): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let source: EventSource | undefined;
    let timer: number | undefined;
    let delay = 2000;
    let stopped = false;
    const connect = () => {
      source = new EventSource('/api/v1/notifications/stream');
      source.addEventListener('open', () => {
        delay = 2000;
        setConnected(true);
      });
      const on = (name: string, handle: (n: AppNotification) => void) =>
        source?.addEventListener(name, (event) => {
          try {
            handle(JSON.parse((event as MessageEvent<string>).data) as AppNotification);
          } catch {
            // A line we cannot read is skipped; the next page load has it.
          }
        });
      on('notification', receive);
      // Every event it told of was found to be a machine's (a relabel after it was sent).
      on('notification.retracted', retract);
      source.addEventListener('error', () => {
        setConnected(false);
        // EventSource reconnects by itself (with Last-Event-ID) after a dropped connection,
        // but gives up for good on an HTTP error: then we start over, and reload the page of
        // notifications since whatever came meanwhile would be missed.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          timer = window.setTimeout(() => {
            void load();
            connect();
          }, delay);
          delay = Math.min(delay * 2, 60_000);
        }
      });
    };
    void load();
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      source?.close();
    };
  }, [load, receive, retract]);
  return connected;
}

/**
 * The user's notifications: the latest page, then every new one over Server-Sent Events. A
 * folded repeat arrives again with the same id and a higher count and replaces the earlier one;
 * a correction after a relabel arrives the same way (a lower count, a new text), and a
 * retracted one (`notification.retracted`) leaves the list and the unread count.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [notifications, setNotifications] = useState<AppNotification[]>([]);
  // The same list, read synchronously by `receive` (which must not wait for a render).
  const items = useRef<AppNotification[]>([]);
  const apply = useCallback((next: AppNotification[]) => {
    items.current = next;
    setNotifications(next);
  }, []);
  const [unread, setUnread] = useState(0);
  const listeners = useRef(new Set<Listener>());
  const title = useRef(t.common.appName);
  title.current = t.common.appName;

  const load = useCallback(async () => {
    try {
      const page = await call('GET /api/v1/notifications', { query: { limit: PAGE } });
      apply([...page.notifications].sort(byNewest));
      setUnread(page.unread);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }, [apply]);

  const receive = useCallback(
    (incoming: AppNotification) => {
      const current = items.current;
      const before = current.find((n) => n.id === incoming.id);
      // A replay after a reconnect changes nothing. A correction (a relabel took events out of
      // the line) may lower the count at the same time: its text differs.
      const replay =
        before &&
        before.at === incoming.at &&
        before.count >= incoming.count &&
        before.text === incoming.text;
      if (replay) return;
      const wasUnread = before ? !before.read : false;
      if (wasUnread !== !incoming.read) setUnread((n) => Math.max(0, n + (incoming.read ? -1 : 1)));
      const rest = current.filter((n) => n.id !== incoming.id);
      apply([incoming, ...rest].sort(byNewest).slice(0, PAGE * 2));
      // News only: a new line or more repeats, not a correction.
      if (!before || incoming.count > before.count) popUp(incoming, title.current);
      for (const listener of listeners.current) listener(incoming, 'arrived');
    },
    [apply],
  );

  const retract = useCallback(
    (gone: AppNotification) => {
      const current = items.current;
      const before = current.find((n) => n.id === gone.id);
      if (before && !before.read) setUnread((n) => Math.max(0, n - 1));
      else if (!before && !gone.read) {
        // Beyond the loaded page: the server's count is the truth.
        void load();
      }
      if (before) apply(current.filter((n) => n.id !== gone.id));
      // The message page reloads its chat, whose line went too.
      for (const listener of listeners.current) listener(gone, 'retracted');
    },
    [apply, load],
  );

  const connected = useStream(load, receive, retract);
  // Lines are worded in the reader's profile language: the list is read again when it changes.
  const profileLanguage = useSession().membership?.user.language;
  useEffect(() => {
    if (profileLanguage !== undefined) void load();
  }, [profileLanguage, load]);

  const markAllRead = useCallback(async () => {
    const upTo = notifications.reduce<string | undefined>(
      (max, n) => (max === undefined || n.id > max ? n.id : max),
      undefined,
    );
    if (upTo === undefined || unread === 0) return;
    apply(items.current.map((n) => (n.id <= upTo ? { ...n, read: true } : n)));
    setUnread(0);
    try {
      const result = await call('POST /api/v1/notifications/read', { body: { upTo } });
      setUnread(result.unread);
    } catch {
      void load();
    }
  }, [notifications, unread, load, apply]);

  const markRead = useCallback(
    async (id: string) => {
      const before = items.current.find((n) => n.id === id);
      if (before && !before.read)
        apply(items.current.map((n) => (n.id === id ? { ...n, read: true } : n)));
      try {
        const result = await call('POST /api/v1/notifications/:id/read', { params: { id } });
        setUnread(result.unread);
      } catch (error) {
        // Gone meanwhile (retracted, purged), or the server is away: its list is the truth.
        if (!(error instanceof ApiError)) throw error;
        void load();
      }
    },
    [apply, load],
  );

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const value = useMemo<Live>(
    () => ({ notifications, unread, connected, markAllRead, markRead, subscribe }),
    [notifications, unread, connected, markAllRead, markRead, subscribe],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive outside NotificationsProvider');
  return value;
}

/** Runs `refresh` whenever a notification about this message (or any, without an id) arrives. */
export function useOnNotification(refresh: () => void, messageId?: string): void {
  const { subscribe } = useLive();
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(
    () =>
      subscribe((notification) => {
        if (messageId === undefined || notification.messageId === messageId) latest.current();
      }),
    [subscribe, messageId],
  );
}
