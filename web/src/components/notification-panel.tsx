import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { spaPath } from '../lib/spa-routes';
import { useLive } from '../live/notifications';
import { DesktopOffer } from './desktop-offer';
import { Icon } from './icons';
import { LabelLegend, labelsIn } from './label-legend';
import { NotificationLine } from './notification-line';
import { useEscape } from './use-escape';
import { useOutsidePress } from './use-outside-press';

/** The bell with its unread badge, and the panel of notifications it opens. */
export function NotificationPanel() {
  const { t } = useI18n();
  const { notifications, unread, markAllRead } = useLive();
  const [open, setOpen] = useState(false);
  // What was unread when the panel opened stays highlighted while it is open.
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);

  const toggle = () => {
    if (!open) {
      setFresh(new Set(notifications.filter((n) => !n.read).map((n) => n.id)));
      void markAllRead();
    }
    setOpen(!open);
  };
  const close = useCallback(() => setOpen(false), []);
  useEscape(open, close, button);
  useOutsidePress(open, close, [panel, button]);

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
      {open && <Panel ref={panel} fresh={fresh} onClose={close} />}
    </div>
  );
}

interface PanelProps {
  readonly ref: RefObject<HTMLElement | null>;
  readonly fresh: Set<string>;
  readonly onClose: () => void;
}

function Panel({ ref, fresh, onClose }: PanelProps) {
  const { t } = useI18n();
  const { notifications, connected } = useLive();
  return (
    <section
      ref={ref}
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
                to={n.messageId ? spaPath('message', { id: n.messageId }) : spaPath('messages')}
                onClick={onClose}
              >
                <NotificationLine notification={n} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <LabelLegend labels={labelsIn(notifications)} />
      <Link to={spaPath('notifications')} className="see-all" onClick={onClose}>
        {t.notifications.seeAll}
      </Link>
      <DesktopOffer />
    </section>
  );
}
