import { type RefObject, useEffect } from 'react';

/** While `open`, Escape calls `close` and gives focus back to `button`, the control that opened it. */
export function useEscape(
  open: boolean,
  close: () => void,
  button: RefObject<HTMLButtonElement | null>,
): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      close();
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, close, button]);
}
