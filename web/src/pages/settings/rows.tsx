import type { ReactNode } from 'react';
import { Loading } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import type { Action } from '../../lib/use-action';

interface RowsProps<T> {
  /** The list, undefined while it loads. */
  readonly items: readonly T[] | undefined;
  /** What an empty list says. */
  readonly empty: string;
  /** One `<li>` (with its key) for each item. */
  readonly children: (item: T) => ReactNode;
}

/** A settings list: loading, then its empty line or its rows. */
export function Rows<T>({ items, empty, children }: RowsProps<T>) {
  const { t } = useI18n();
  if (!items) return <Loading label={t.common.loading} />;
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return <ul className="rows">{items.map(children)}</ul>;
}

interface RemoveButtonProps {
  readonly label: string;
  readonly onClick: () => void;
  /** Shown but not usable: `describedBy` names the element that says why. */
  readonly disabled?: boolean;
  readonly describedBy?: string;
}

/** A row's Remove button, named after what it removes for screen readers. */
export function RemoveButton({ label, onClick, disabled, describedBy }: RemoveButtonProps) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="link-button"
      aria-label={label}
      aria-describedby={describedBy}
      disabled={disabled}
      onClick={onClick}
    >
      {t.common.remove}
    </button>
  );
}

/**
 * A change to a settings list (add, remove), run as the page's action; the list is read again
 * once it succeeded, so the rows show what the server now holds.
 */
export function thenReload(action: Action, list: { reload(): Promise<unknown> }) {
  return (change: () => Promise<unknown>) =>
    action.run(async () => {
      await change();
      await list.reload();
    });
}
