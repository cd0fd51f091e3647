import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { type DesktopState, desktopState, enableDesktop } from '../live/desktop';

/**
 * The app's own prompt for desktop notifications: what they do, then a button; the browser's
 * permission request comes only from that press, never on load. Once on, or blocked by the
 * browser, it says so only when `sayState` (the Notifications page); the bell's panel then
 * shows nothing. Where the browser cannot show them at all, nothing.
 */
export function DesktopOffer({ sayState = false }: { sayState?: boolean }) {
  const { t } = useI18n();
  const [state, setState] = useState<DesktopState>(desktopState);
  // Whether the button was pressed here: its outcome is said where it was asked for.
  const [asked, setAsked] = useState(false);
  // The bell's panel offers while there is something to offer, and is quiet otherwise.
  if (state === 'unsupported' || (!sayState && !asked && state !== 'off')) return null;
  if (state === 'on') {
    return <p className="muted small desktop-offer">{t.notifications.desktopIsOn}</p>;
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
          onClick={async () => {
            setAsked(true);
            setState(await enableDesktop());
          }}
        >
          {t.notifications.desktopEnable}
        </button>
      )}
    </section>
  );
}
