import { escapeHtml } from '../../html/index.js';
import type { Html } from './types.js';

/** Written text in a `<time>` that also carries the exact instant for machines. */
export function timeElement(date: Date, text: string): Html {
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(text)}</time>`;
}
