import { type RefObject, useEffect, useRef } from 'react';

/** While `open`, a press anywhere outside the `inside` elements calls `close`. */
export function useOutsidePress(
  open: boolean,
  close: () => void,
  inside: readonly RefObject<HTMLElement | null>[],
): void {
  const latest = useRef({ close, inside });
  latest.current = { close, inside };
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!latest.current.inside.some((ref) => ref.current?.contains(target))) {
        latest.current.close();
      }
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
}
