import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useOutsidePress } from './use-outside-press';

export type MenuEntry =
  | { kind: 'action'; label: string; onSelect: () => void; disabled?: boolean }
  | { kind: 'switch'; label: string; checked: boolean; onChange: (checked: boolean) => void }
  /** A line that explains rather than acts (shown, read out, not selectable). */
  | { kind: 'note'; text: string };

interface MenuProps {
  /** The button's accessible name, e.g. "Message options". */
  readonly label: string;
  readonly entries: MenuEntry[];
}

/**
 * The ⋯ menu: a button that opens a list of actions and switches, run by keyboard as the ARIA
 * menu button pattern says (arrows, Home, End, Escape back to the button).
 */
export function Menu({ label, entries }: MenuProps) {
  const [open, setOpen] = useState(false);
  // The list hangs from the side of the button with room for it: a button in the screen's left
  // half (a phone's message header) opens it rightwards, one in the right half leftwards.
  const [opensRightwards, setOpensRightwards] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);

  const items = useCallback(
    () => [...(list.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])],
    [],
  );
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (open) items()[0]?.focus();
  }, [open, items]);
  const toggle = (next: boolean) => {
    const rect = button.current?.getBoundingClientRect();
    if (next && rect) setOpensRightwards(rect.left + rect.width / 2 < window.innerWidth / 2);
    setOpen(next);
  };
  useOutsidePress(open, () => setOpen(false), [list, button]);

  const onKey = (event: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (event.key === 'ArrowDown') focus(at + 1);
    else if (event.key === 'ArrowUp') focus(at - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(all.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') close(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  return (
    <div className="menu">
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => toggle(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            toggle(true);
          }
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div
          ref={list}
          id={id}
          role="menu"
          aria-label={label}
          className={opensRightwards ? 'menu-list rightwards' : 'menu-list'}
          onKeyDown={onKey}
        >
          {entries.map((entry) => (
            <MenuItem
              key={entry.kind === 'note' ? entry.text : entry.label}
              entry={entry}
              close={close}
            />
          ))}
        </div>
      )}
    </div>
  );
}

/** A key handler that runs `act` on Enter or Space, as a button would. */
function onEnterOrSpace(act: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      act();
    }
  };
}

function MenuItem({ entry, close }: { entry: MenuEntry; close: (refocus: boolean) => void }) {
  if (entry.kind === 'note') {
    return (
      <div role="menuitem" aria-disabled="true" tabIndex={-1} className="menu-note">
        {entry.text}
      </div>
    );
  }
  if (entry.kind === 'switch') {
    const toggle = () => entry.onChange(!entry.checked);
    return (
      <div
        role="menuitemcheckbox"
        aria-checked={entry.checked}
        tabIndex={-1}
        className="menu-item"
        onClick={toggle}
        onKeyDown={onEnterOrSpace(toggle)}
      >
        <span>{entry.label}</span>
        <span className={`switch ${entry.checked ? 'on' : ''}`} aria-hidden="true" />
      </div>
    );
  }
  const select = () => {
    if (entry.disabled) return;
    close(true);
    entry.onSelect();
  };
  return (
    <div
      role="menuitem"
      tabIndex={-1}
      aria-disabled={entry.disabled || undefined}
      className="menu-item"
      onClick={select}
      onKeyDown={onEnterOrSpace(select)}
    >
      {entry.label}
    </div>
  );
}
