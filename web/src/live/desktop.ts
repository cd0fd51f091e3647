// Desktop notifications are opt-in twice: the user switches them on here, and the browser asks
// for permission. The choice is kept per browser, since permission is per browser too.

const KEY = 'mailbeacon.desktop-notifications';

export type DesktopState = 'unsupported' | 'denied' | 'off' | 'on';

export function desktopState(): DesktopState {
  if (!('Notification' in window)) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return localStorage.getItem(KEY) === 'on' && Notification.permission === 'granted' ? 'on' : 'off';
}

export async function enableDesktop(): Promise<DesktopState> {
  if (!('Notification' in window)) return 'unsupported';
  const permission =
    Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission === 'granted') localStorage.setItem(KEY, 'on');
  return desktopState();
}

export function disableDesktop(): DesktopState {
  localStorage.setItem(KEY, 'off');
  return desktopState();
}

/** Shows one notification; a folded repeat (same tag) replaces the earlier one. */
export function showDesktop(tag: string, title: string, body: string, onClick: () => void): void {
  if (desktopState() !== 'on') return;
  const notification = new Notification(title, { body, tag, icon: '/favicon.svg' });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
