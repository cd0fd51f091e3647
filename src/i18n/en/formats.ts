/** The pieces dates and sizes are written with (see formatLongDate, formatFileSize). */
export const formats = {
  /** January first; exactly twelve. */
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  /** The day of the month in a long date: `27`. */
  dayOfMonth: (day: number): string => String(day),
  /** The unit of sizes under a kilobyte: `1 byte`, `512 bytes`. */
  bytes: (count: number): string => (count === 1 ? 'byte' : 'bytes'),
  decimalSeparator: '.',
  /** A written date and a clock: `27 December 2026 at 14:05 UTC`. */
  dateAtTime: (date: string, clock: string): string => `${date} at ${clock}`,
};

export type FormatWording = typeof formats;
