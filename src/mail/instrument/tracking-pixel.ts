import { escapeHtml } from '../../html/index.js';

/**
 * The open pixel. Not `display:none`: some clients skip loading hidden images, which is the
 * whole point of this one.
 */
export function trackingPixelHtml(url: string): string {
  return `<img src="${escapeHtml(url)}" width="1" height="1" alt="" border="0" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0;">`;
}
