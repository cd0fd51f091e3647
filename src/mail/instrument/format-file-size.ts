import type { Language } from './types.js';

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * A size as mail clients show it: binary multiples (1 KB = 1024 bytes), one decimal under 10,
 * the language's decimal separator: `1.2 MB`, `1,2 MB`, `350 KB`, `512 bytes`.
 */
export function formatFileSize(bytes: number, language: Language = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    throw new RangeError(`a file size is a non-negative number of bytes, not ${bytes}`);
  }
  const whole = Math.round(bytes);
  if (whole < 1024) {
    return `${whole} ${whole === 1 || language === 'it' ? 'byte' : 'bytes'}`;
  }
  let value = bytes / 1024;
  let unit = 0;
  for (;;) {
    const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
    if (shown < 1024 || unit === UNITS.length - 1) {
      const text = String(shown);
      return `${language === 'it' ? text.replace('.', ',') : text} ${UNITS[unit]}`;
    }
    value /= 1024;
    unit++;
  }
}
