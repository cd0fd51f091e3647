import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatRelative } from '../lib/format';
import { Link } from '../lib/router';
import { type DesktopState, desktopState, enableDesktop } from '../live/desktop';
import { useLive } from '../live/notifications';
import { Icon } from './icons';

/** The bell with its unread badge, and the panel of notifications it opens. */
export function NotificationPanel() {
  const { t, language } = useI18n();
  const { notifications, unread, connected, markAllRead } = useLive();
  const [open, setOpen] = useState(false);
  // What was unread when the panel opened stays highlighted while it is open.
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [desktop, setDesktop] = useState<DesktopState>(desktopState);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const toggle = () => {
    if (!open) {
      setFresh(new Set(notifications.filter((n) => !n.read).map((n) => n.id)));
      void markAllRead();
    }
    setOpen(!open);
  };

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', outside);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', outside);
    };
  }, [open]);

  // New arrivals while the panel is open are read at once: the user is looking at them.
  useEffect(() => {
    if (open && unread > 0) {
      setFresh(
        (ids) => new Set([...ids, ...notifications.filter((n) => !n.read).map((n) => n.id)]),
      );
      void markAllRead();
    }
  }, [open, unread, notifications, markAllRead]);

  return (
    <div className="notifications">
      <button
        ref={button}
        type="button"
        className="icon-button bell"
        aria-label={t.notifications.bell(unread)}
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={toggle}
      >
        <Icon name="bell" size={20} />
        {unread > 0 && (
          <span className="badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section
          ref={panel}
          id="notification-panel"
          className="notification-panel"
          aria-label={t.notifications.title}
        >
          <header>
            <h2>{t.notifications.title}</h2>
            {!connected && <p className="muted small">{t.notifications.unavailable}</p>}
          </header>
          {notifications.length === 0 ? (
            <p className="muted">{t.notifications.empty}</p>
          ) : (
            <ul className="notification-list">
              {notifications.map((n) => (
                <li key={n.id} className={fresh.has(n.id) ? 'unread' : ''}>
                  <Link
                    to={n.messageId ? `/messages/${n.messageId}` : '/messages'}
                    onClick={() => setOpen(false)}
                  >
                    <span className="text">{n.text}</span>
                    {n.count > 1 && <span className="count">{t.notifications.times(n.count)}</span>}
                    <time dateTime={n.at} className="muted small">
                      {formatRelative(n.at, language)}
                    </time>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {desktop === 'off' && (
            <button
              type="button"
              className="link-button"
              onClick={async () => setDesktop(await enableDesktop())}
            >
              {t.notifications.desktopOffer}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
