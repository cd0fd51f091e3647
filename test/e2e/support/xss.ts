import type { BrowserContext } from 'playwright-core';

/**
 * Markup that runs `__xss(n)` if a page ever treats it as HTML or script, each kind a way text
 * has been known to escape: a script element, event handlers, an attribute broken out of by
 * quotes, template syntax (JavaScript's and the usual front-end engines'), HTML entities that a
 * second decoding would turn into markup, a javascript: URL, and a dialog rather than a call.
 */
const KINDS: readonly ((n: number) => string)[] = [
  (n) => `<script>__xss(${n})</script>`,
  (n) => `<img src=x onerror=__xss(${n})>`,
  (n) => `<svg onload=__xss(${n})>`,
  (n) => `"'><img src=x onerror=__xss(${n})>`,
  (n) => `\${__xss(${n})}{{constructor.constructor('__xss(${n})')()}}`,
  (n) => `&lt;img src=x onerror=__xss(${n})&gt;&#60;svg onload=__xss(${n})&#62;`,
  (n) => `<a href="javascript:__xss(${n})">link</a>`,
  (n) => `<details open ontoggle=alert(${n})>`,
];

/** Numbers the payloads, so that one that ran names the field it came from. */
export class Payloads {
  private readonly fields: string[] = [];

  /** A value for `field`: a readable label, then one kind of payload (chosen in turn). */
  for(field: string, kind = this.fields.length): string {
    const n = this.fields.push(field);
    const make = KINDS[kind % KINDS.length]!;
    return `${field} ${make(n)}`;
  }

  /** The field a payload number was made for. */
  field(n: number): string {
    return this.fields[n - 1] ?? `payload ${n}`;
  }
}

/** What ran, in any page or frame of the context: must stay empty. */
export interface Trap {
  /** `__xss(n)` calls, each with the field and the frame it ran in. */
  readonly ran: string[];
  /** Dialogs (alert, confirm, prompt) any page opened. */
  readonly dialogs: string[];
}

/** Arms `context`: `__xss` exists in every frame, and every page's dialogs are caught. */
export async function armTrap(context: BrowserContext, payloads: Payloads): Promise<Trap> {
  const trap: Trap = { ran: [], dialogs: [] };
  await context.exposeBinding('__xss', ({ frame }, n: number) => {
    trap.ran.push(`${payloads.field(n)} ran on ${frame.url()}`);
  });
  context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      trap.dialogs.push(`${dialog.type()} ${dialog.message()} on ${page.url()}`);
      void dialog.dismiss();
    });
  });
  return trap;
}
