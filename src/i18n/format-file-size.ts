import type { Language } from './languages.js';
import { wording } from './registry.js';

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * A size as mail clients show it: binary multiples (1 KB = 1024 bytes), one decimal under 10,
 * the language's decimal separator: `1.2 MB`, `1,2 MB`, `350 KB`, `512 bytes`. `bytes` is a
 * count of bytes; throws RangeError for a negative or non-finite one.
 */
export function formatFileSize(bytes: number, language: Language): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    throw new RangeError(`a file size is a non-negative number of bytes, not ${bytes}`);
  }
  const words = wording(language).formats;
  const whole = Math.round(bytes);
  if (whole < 1024) return `${whole} ${words.bytes(whole)}`;
  let value = bytes / 1024;
  let unit = 0;
  for (;;) {
    const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
    if (shown < 1024 || unit === UNITS.length - 1) {
      return `${String(shown).replace('.', words.decimalSeparator)} ${UNITS[unit]}`;
    }
    value /= 1024;
    unit++;
  }
}
