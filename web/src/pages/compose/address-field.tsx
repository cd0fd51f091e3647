import { type ClipboardEvent, type KeyboardEvent, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { isValidEmail, onDoNotTrack, parseAddress, splitAddresses } from '../../lib/addresses';
import type { Address } from '../../lib/types';

interface AddressFieldProps {
  readonly label: string;
  readonly addresses: Address[];
  readonly onChange: (addresses: Address[]) => void;
  /** Marks recipients that will get an untracked copy (only while tracking is on). */
  readonly doNotTrack: readonly string[] | null;
}

/** The addresses in `raw` that are not in `addresses` yet, each once. */
function newAddresses(addresses: Address[], raw: string): Address[] {
  const parsed = splitAddresses(raw)
    .map(parseAddress)
    .filter((a): a is Address => a !== null);
  const known = new Set(addresses.map((a) => a.email.toLowerCase()));
  return parsed.filter((a) => {
    const key = a.email.toLowerCase();
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
}

/**
 * Recipients as chips: typed text becomes a chip on Enter, comma, semicolon, Tab or leaving the
 * field; pasted lists are split; Backspace in the empty field takes the last chip back.
 */
export function AddressField({ label, addresses, onChange, doNotTrack }: AddressFieldProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const invalid = addresses.filter((a) => !isValidEmail(a.email));

  const commit = (raw: string) => {
    const fresh = newAddresses(addresses, raw);
    if (fresh.length) onChange([...addresses, ...fresh]);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' || event.key === ',' || event.key === ';') && text.trim()) {
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Tab' && text.trim()) {
      commit(text);
    } else if (event.key === 'Backspace' && !text && addresses.length) {
      const last = addresses[addresses.length - 1]!;
      onChange(addresses.slice(0, -1));
      setText(last.name ? `${last.name} <${last.email}>` : last.email);
      event.preventDefault();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (/[,;\n]/.test(pasted)) {
      event.preventDefault();
      commit(text + pasted);
    }
  };

  return (
    <div className="field address-field">
      <label htmlFor={inputId}>{label}</label>
      <div className={`chip-input ${invalid.length ? 'invalid' : ''}`}>
        <ul className="address-chips">
          {addresses.map((address) => (
            <AddressChip
              key={address.email}
              address={address}
              doNotTrack={doNotTrack}
              onRemove={() => onChange(addresses.filter((a) => a !== address))}
            />
          ))}
        </ul>
        <input
          id={inputId}
          type="text"
          inputMode="email"
          autoComplete="off"
          value={text}
          aria-describedby={invalid.length ? `${errorId} ${hintId}` : hintId}
          aria-invalid={invalid.length > 0 || undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => text.trim() && commit(text)}
        />
      </div>
      <p id={hintId} className="hint visually-hidden">
        {t.compose.addressHint}
      </p>
      {invalid.length > 0 && (
        <p id={errorId} className="error">
          {invalid.map((a) => t.compose.invalidAddress(a.email)).join(' ')}
        </p>
      )}
    </div>
  );
}

interface AddressChipProps {
  readonly address: Address;
  readonly doNotTrack: readonly string[] | null;
  readonly onRemove: () => void;
}

/** One recipient: red when the address is not valid, marked when its copy goes untracked. */
function AddressChip({ address, doNotTrack, onRemove }: AddressChipProps) {
  const { t } = useI18n();
  const bad = !isValidEmail(address.email);
  const untracked = !bad && doNotTrack !== null && onDoNotTrack(address.email, doNotTrack);
  return (
    <li
      className={`address-chip ${bad ? 'bad' : ''} ${untracked ? 'untracked' : ''}`}
      title={address.name ? address.email : undefined}
    >
      <span>{address.name || address.email}</span>
      {untracked && <span className="dnt-mark">{t.compose.dntMark}</span>}
      <button
        type="button"
        className="chip-remove"
        aria-label={t.compose.removeAddress(address.email)}
        onClick={onRemove}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}
