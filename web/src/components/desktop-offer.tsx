import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { type DesktopState, desktopState, enableDesktop } from '../live/desktop';

/**
 * The app's own prompt for desktop notifications: what they do, then a button; the browser's
 * permission request comes only from that press, never on load. Once on, or where the browser
 * cannot show them, it says so only when `sayState` (the Notifications page); the bell's panel
 * then shows nothing.
 */
export function DesktopOffer({ sayState = false }: { sayState?: boolean }) {
  const { t } = useI18n();
  const [state, setState] = useState<DesktopState>(desktopState);
  if (state === 'unsupported') return null;
  if (state === 'on') {
    return sayState ? (
      <p className="muted small desktop-offer">{t.notifications.desktopIsOn}</p>
    ) : null;
  }
  return (
    <section className="desktop-offer" aria-label={t.notifications.desktopTitle}>
      <p className="small">
        {state === 'denied' ? t.settings.desktopDenied : t.notifications.desktopExplain}
      </p>
      {state === 'off' && (
        <button
          type="button"
          className="secondary"
          onClick={async () => setState(await enableDesktop())}
        >
          {t.notifications.desktopEnable}
        </button>
      )}
    </section>
  );
}
