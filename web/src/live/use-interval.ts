import { useEffect, useRef } from 'react';

/**
 * Calls `tick` every `ms` while the tab is visible, and once more when it comes back: what
 * notifications do not cover (a muted message's activity, delivery states) still shows without
 * a reload, and a hidden tab costs the server nothing.
 */
export function useVisibleInterval(tick: () => void, ms: number): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') latest.current();
    }, ms);
    const onVisible = () => {
      if (document.visibilityState === 'visible') latest.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms]);
}
