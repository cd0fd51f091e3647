import { looksLikeBrowser, matchAgent } from './agents.js';
import { isSpeculative } from './headers.js';
import type { ClassifierLists, ListRole } from './lists.js';
import {
  burstChain,
  distinctLinks,
  inheritedReason,
  isEarly,
  isNavigation,
  readBefore,
} from './sequence.js';
import type { CopyContext, HitFacts, Reason, Verdict } from './types.js';

const HUMAN: Verdict = { classification: 'human', reason: null };

const machine = (reason: Reason, detail?: string): Verdict => ({
  classification: 'machine',
  reason,
  ...(detail ? { detail } : {}),
});

const PROXY_REASON: Partial<Record<ListRole, Reason>> = {
  gmail_proxy: 'gmail_proxy',
  yahoo_proxy: 'yahoo_proxy',
  outlook_proxy: 'outlook_proxy',
};

/**
 * Labels one hit. The rules run from the surest to the weakest and the first that fits decides:
 * who the request says it is (session, network setting, honeypot, method, headers, user agent),
 * where it comes from (listed networks), then what happened before on the same copy. A hit
 * nothing condemns is a person's.
 */
export function classifyHit(hit: HitFacts, context: CopyContext, lists: ClassifierLists): Verdict {
  if (hit.senderSession) return { classification: 'self', reason: 'sender_session' };
  if (hit.internalNetwork) return { classification: 'self', reason: 'internal_network' };
  if (hit.honeypot) return machine('honeypot');
  const method = hit.method.toUpperCase();
  if (method === 'HEAD' || method === 'OPTIONS') return machine('head_request', method);
  if (isSpeculative(hit)) return machine('prefetch_header');
  return byUserAgent(hit, lists) ?? byNetwork(hit, lists) ?? bySequence(hit, context) ?? HUMAN;
}

function byUserAgent(hit: HitFacts, lists: ClassifierLists): Verdict | undefined {
  const userAgent = hit.userAgent?.trim();
  // Browsers and mail clients always say who they are; scripts and some scanners do not.
  if (!userAgent) return machine('scanner_ua', 'no user agent');
  const rule = matchAgent(lists, userAgent, hit.type);
  if (rule) {
    const proxy = PROXY_REASON[rule.role];
    if (hit.type === 'open' && proxy) {
      return { classification: 'proxy', reason: proxy, detail: rule.name };
    }
    if (hit.type === 'open' && rule.role === 'apple_mpp') return machine('apple_mpp', rule.name);
    // An image proxy or Apple's prefetcher following a link is a machine all the same.
    return machine('scanner_ua', rule.name);
  }
  if (isNavigation(hit.type) && !looksLikeBrowser(userAgent)) {
    return machine('scanner_ua', 'not a browser');
  }
  return undefined;
}

function byNetwork(hit: HitFacts, lists: ClassifierLists): Verdict | undefined {
  const found = lists.networks.filter((list) => list.set.has(hit.ip));
  if (found.length === 0) return undefined;
  const scanner = found.find((list) => list.role === 'scanner');
  if (scanner) return machine('scanner_network', scanner.name);
  const proxy = found.find((list) => PROXY_REASON[list.role]);
  if (!proxy) return undefined;
  // A mail provider's proxy fetching the pixel is a reader opening the message: never dropped.
  // The same provider's servers following a link are its link scanner.
  if (hit.type === 'open') {
    return { classification: 'proxy', reason: PROXY_REASON[proxy.role]!, detail: proxy.name };
  }
  return machine('scanner_network', proxy.name);
}

function bySequence(hit: HitFacts, context: CopyContext): Verdict | undefined {
  const inherited = inheritedReason(hit, context.prior);
  if (inherited) return machine(inherited, 'same network as an earlier machine hit');
  if (!isNavigation(hit.type)) return undefined;
  const chain = burstChain(hit, context.prior);
  if (chain.some((index) => context.prior[index]?.honeypot)) {
    return machine('honeypot', 'in the burst of a honeypot hit');
  }
  if (distinctLinks(hit, context.prior, chain) >= 2 && !readBefore(hit, context.prior, chain)) {
    return machine('scanner_burst');
  }
  if (isEarly(hit, context)) return machine('early_click');
  return undefined;
}
