import type { FormatWording } from '../en/formats.js';

export const formats: FormatWording = {
  months: [
    'gennaio',
    'febbraio',
    'marzo',
    'aprile',
    'maggio',
    'giugno',
    'luglio',
    'agosto',
    'settembre',
    'ottobre',
    'novembre',
    'dicembre',
  ],
  // Italian writes the first of the month as an ordinal: `1° gennaio 2027`.
  dayOfMonth: (day) => (day === 1 ? '1°' : String(day)),
  bytes: () => 'byte',
  decimalSeparator: ',',
  dateAtTime: (date, clock) => `${date} alle ${clock}`,
};
