import { Lru } from '../../lru.js';
import type { EventType } from '../../vocabulary.js';
import type { AgentRule, ClassifierLists } from './lists.js';

/**
 * Every browser that follows a link, submits a form or shows a page says `Mozilla/4.0 (…` or
 * `Mozilla/5.0 (…` (old Opera: `Opera/…`). Mail clients that fetch images do not always, so this
 * is checked for navigations only.
 */
const BROWSER = /^(?:Mozilla\/[45]\.0 \(|Opera\/\d)/;

export function looksLikeBrowser(userAgent: string): boolean {
  return BROWSER.test(userAgent);
}

const MAX_CACHED = 5000;
/** Per list set: few distinct user agents hit a server, so each is matched once (the hot path). */
const caches = new WeakMap<ClassifierLists, Lru<string, AgentRule | null>>();

/** The first listed rule that names this user agent for this kind of hit. */
export function matchAgent(
  lists: ClassifierLists,
  userAgent: string,
  type: EventType,
): AgentRule | undefined {
  let cache = caches.get(lists);
  if (!cache) {
    cache = new Lru(MAX_CACHED);
    caches.set(lists, cache);
  }
  const key = `${type}\n${userAgent}`;
  const cached = cache.peek(key);
  if (cached !== undefined) return cached ?? undefined;
  const rule = lists.agents.find((r) => (!r.types || r.types.has(type)) && r.test(userAgent));
  cache.set(key, rule ?? null);
  return rule;
}
