import type { Page } from 'playwright-core';

/** A phone's screen in CSS pixels (an iPhone 12–15's), as the issue measures it. */
export const PHONE = { width: 390, height: 844 } as const;

// A string: this project's TypeScript knows Node, not the browser's DOM. Lists what reaches past
// either side of the screen: the page itself scrolling sideways, a box that scrolls sideways
// inside it, and each visible element whose box crosses an edge (the outermost one only: its
// children would repeat it). What a box clips (overflow hidden/clip) does not show, so it does
// not count; what is hidden from everybody (display none, visibility hidden, the 1-pixel
// visually-hidden labels) does not either.
const FIND_OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  const name = (el) => {
    const id = el.id ? '#' + el.id : '';
    const cls = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const text = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + id + cls + (text ? ' "' + text + '"' : '');
  };
  const root = document.scrollingElement || document.documentElement;
  if (root.scrollWidth > width + 1) found.push('the page scrolls sideways: ' + root.scrollWidth + ' px wide on a ' + width + ' px screen');
  const tiny = (r) => r.width <= 1 && r.height <= 1;
  const reported = new Set();
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || style.position === 'fixed' && style.opacity === '0') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || tiny(r)) continue;
    if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1)
      found.push(name(el) + ' scrolls sideways: ' + el.scrollWidth + ' px of content in ' + el.clientWidth + ' px');
    if (r.left >= -1 && r.right <= width + 1) continue;
    let clipped = false;
    let reportedAncestor = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (reported.has(p)) { reportedAncestor = true; break; }
      const ps = getComputedStyle(p);
      if (ps.overflowX !== 'visible') { clipped = true; break; }
    }
    if (clipped || reportedAncestor) continue;
    if (el.closest('.visually-hidden, .skip-link')) continue;
    reported.add(el);
    found.push(name(el) + ' lies outside the screen: ' + Math.round(r.left) + '…' + Math.round(r.right) + ' px');
  }
  return found;
})()`;

/**
 * What on the page reaches past the sides of a phone's screen: descriptions of each offender
 * (the page's own sideways scroll, a box scrolling sideways, an element across an edge); empty
 * when everything fits. `page` should be at PHONE's width.
 */
export function overflowOnPhone(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(FIND_OVERFLOW);
}
