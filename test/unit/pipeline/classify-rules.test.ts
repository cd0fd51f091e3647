import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BURST_GAP_MS,
  type CopyContext,
  classifyHit,
  EARLY_CLICK_MS,
  type HitFacts,
  loadClassifierLists,
  type PriorHit,
  READ_LEAD_MS,
  SOURCE_WINDOW_MS,
} from '../../../src/pipeline/classify/index.js';

const lists = loadClassifierLists();
const DELIVERED = Date.parse('2026-05-04T08:00:00Z');
const HOUR = 3_600_000;

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IOS_MAIL =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
const GMAIL_PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const OUTLOOK = 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)';
const HOME = '73.162.44.198';

function hit(overrides: Partial<HitFacts> = {}): HitFacts {
  return {
    type: 'click',
    method: 'GET',
    at: DELIVERED + HOUR,
    ip: HOME,
    userAgent: CHROME,
    linkIndex: 0,
    honeypot: false,
    senderSession: false,
    internalNetwork: false,
    ...overrides,
  };
}

function prior(overrides: Partial<PriorHit>): PriorHit {
  return {
    type: 'click',
    at: DELIVERED,
    honeypot: false,
    classification: 'human',
    reason: null,
    ...overrides,
  };
}

const context = (
  priorHits: PriorHit[] = [],
  deliveredAt: number | null = DELIVERED,
): CopyContext => ({
  deliveredAt,
  prior: priorHits,
});

const label = (facts: HitFacts, ctx: CopyContext = context()) => {
  const { classification, reason } = classifyHit(facts, ctx, lists);
  return `${classification}/${reason}`;
};

describe('classifyHit: who the request says it is', () => {
  it('puts the sender first: a session cookie, then the internal networks, beat everything', () => {
    assert.equal(label(hit({ senderSession: true, honeypot: true })), 'self/sender_session');
    assert.equal(label(hit({ internalNetwork: true, method: 'HEAD' })), 'self/internal_network');
  });

  it('labels any hit on the honeypot machine', () => {
    assert.equal(label(hit({ honeypot: true, linkIndex: 65535 })), 'machine/honeypot');
  });

  it('labels HEAD (and OPTIONS) requests machine', () => {
    assert.equal(label(hit({ method: 'HEAD' })), 'machine/head_request');
    assert.equal(label(hit({ type: 'open', method: 'head' })), 'machine/head_request');
    assert.equal(label(hit({ method: 'OPTIONS' })), 'machine/head_request');
  });

  it('labels speculative loads machine, whichever header marks them', () => {
    assert.equal(label(hit({ secPurpose: 'prefetch' })), 'machine/prefetch_header');
    assert.equal(label(hit({ secPurpose: 'prefetch;prerender' })), 'machine/prefetch_header');
    assert.equal(label(hit({ purpose: 'prefetch' })), 'machine/prefetch_header');
    assert.equal(label(hit({ xPurpose: 'preview' })), 'machine/prefetch_header');
    assert.equal(label(hit({ xMoz: 'prefetch' })), 'machine/prefetch_header');
    assert.equal(label(hit({ secPurpose: 'something-else' })), 'human/null');
  });
});

describe('classifyHit: user agents', () => {
  it('labels HTTP libraries, probes and headless browsers machine on any hit', () => {
    for (const userAgent of [
      'curl/8.5.0',
      'python-requests/2.31.0',
      'Python-urllib/3.11',
      'Go-http-client/1.1',
      'Java/17.0.2',
      'Wget/1.21.4',
      'libwww-perl/6.72',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Barracuda Sentinel (EE)',
    ]) {
      assert.equal(label(hit({ userAgent })), 'machine/scanner_ua', userAgent);
      assert.equal(label(hit({ type: 'open', userAgent })), 'machine/scanner_ua', userAgent);
    }
  });

  it('labels a hit without a user agent machine', () => {
    assert.equal(label(hit({ userAgent: undefined })), 'machine/scanner_ua');
    assert.equal(label(hit({ type: 'open', userAgent: '  ' })), 'machine/scanner_ua');
  });

  it("keeps mail apps' own user agents human on the pixel, machine on a link", () => {
    for (const userAgent of [
      OUTLOOK,
      'Outlook-iOS/723.4027091.prod.iphone (4.2446.0)',
      'okhttp/4.12.0',
    ]) {
      assert.equal(label(hit({ type: 'open', userAgent })), 'human/null', userAgent);
      assert.equal(label(hit({ type: 'click', userAgent })), 'machine/scanner_ua', userAgent);
    }
  });

  it('labels navigations by anything that is not a browser machine', () => {
    assert.equal(label(hit({ userAgent: 'MyCrawler 2.0' })), 'machine/scanner_ua');
    assert.equal(
      label(hit({ type: 'download', method: 'POST', userAgent: 'Mozilla/5.0' })),
      'machine/scanner_ua',
    );
  });

  it('labels the outdated browsers of frozen sandboxes machine on links only', () => {
    const ie8 = 'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)';
    const chrome57 =
      'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/57.0.2987.133 Safari/537.36';
    assert.equal(label(hit({ userAgent: ie8 })), 'machine/scanner_ua');
    assert.equal(label(hit({ userAgent: chrome57 })), 'machine/scanner_ua');
    const chrome101 =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/101.0.4951.54 Safari/537.36';
    assert.equal(label(hit({ userAgent: chrome101 })), 'human/null');
  });

  it("keeps a person's in-app web view human although it has no Safari token", () => {
    assert.equal(label(hit({ userAgent: IOS_MAIL, ip: '172.58.12.201' })), 'human/null');
  });
});

describe('classifyHit: proxies and Apple privacy protection', () => {
  it("counts Gmail's and Yahoo's image proxies as real opens, from any address", () => {
    assert.equal(
      label(hit({ type: 'open', ip: '66.249.84.195', userAgent: GMAIL_PROXY })),
      'proxy/gmail_proxy',
    );
    assert.equal(
      label(hit({ type: 'open', ip: '142.250.32.10', userAgent: GMAIL_PROXY })),
      'proxy/gmail_proxy',
    );
    const yahoo = 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html';
    assert.equal(
      label(hit({ type: 'open', ip: '74.6.128.42', userAgent: yahoo })),
      'proxy/yahoo_proxy',
    );
  });

  it('counts pixel fetches from the providers networks as proxy opens, never machine', () => {
    assert.equal(
      label(hit({ type: 'open', ip: '66.102.8.100', userAgent: CHROME })),
      'proxy/gmail_proxy',
    );
    assert.equal(
      label(hit({ type: 'open', ip: '98.137.69.3', userAgent: CHROME })),
      'proxy/yahoo_proxy',
    );
    assert.equal(
      label(hit({ type: 'open', ip: '52.97.150.29', userAgent: CHROME })),
      'proxy/outlook_proxy',
    );
    assert.equal(
      label(hit({ type: 'open', ip: '2603:1026:c06:140::5', userAgent: CHROME })),
      'proxy/outlook_proxy',
    );
  });

  it('labels a proxy that follows a link machine', () => {
    assert.equal(label(hit({ userAgent: GMAIL_PROXY })), 'machine/scanner_ua');
    assert.equal(label(hit({ ip: '66.249.84.195' })), 'machine/scanner_network');
    assert.equal(label(hit({ ip: '40.99.200.5' })), 'machine/scanner_network');
  });

  it("labels Apple's privacy prefetch machine, whatever the address", () => {
    assert.equal(
      label(hit({ type: 'open', ip: '17.58.101.140', userAgent: 'Mozilla/5.0' })),
      'machine/apple_mpp',
    );
    assert.equal(
      label(hit({ type: 'open', ip: '146.75.180.21', userAgent: 'Mozilla/5.0' })),
      'machine/apple_mpp',
    );
  });

  it('keeps people on Apple networks human: Mail without MPP, Safari through Private Relay', () => {
    assert.equal(
      label(hit({ type: 'open', ip: '172.225.208.44', userAgent: IOS_MAIL })),
      'human/null',
    );
    assert.equal(label(hit({ ip: '17.58.63.21', userAgent: SAFARI_IOS })), 'human/null');
    assert.equal(label(hit({ ip: '104.28.40.102', userAgent: SAFARI_IOS })), 'human/null');
  });
});

describe('classifyHit: scanner networks', () => {
  it('labels clicks, downloads and opens from security gateways machine', () => {
    for (const ip of [
      '40.107.218.12',
      '104.47.1.254',
      '2a01:111:f403:c200::3',
      '40.94.89.21',
      '205.139.110.61',
      '148.163.135.35',
      '209.222.82.150',
      '::ffff:205.139.110.61',
    ]) {
      assert.equal(label(hit({ ip })), 'machine/scanner_network', ip);
      assert.equal(label(hit({ type: 'open', ip })), 'machine/scanner_network', ip);
      assert.equal(
        label(hit({ type: 'download', method: 'POST', ip })),
        'machine/scanner_network',
        ip,
      );
    }
  });

  it('does not list general cloud ranges, where people browse too', () => {
    assert.equal(label(hit({ ip: '20.107.44.210' })), 'human/null');
  });
});

describe('classifyHit: what happened before on the copy', () => {
  it('labels a click within seconds of delivery with no open before it machine', () => {
    const at = DELIVERED + 6_000;
    assert.equal(label(hit({ at })), 'machine/early_click');
    assert.equal(label(hit({ at: DELIVERED + EARLY_CLICK_MS + 1 })), 'human/null');
    // Delivery time unknown: the rule stays silent.
    assert.equal(label(hit({ at }), context([], null)), 'human/null');
  });

  it('keeps an early click human when a reader opened first, but not a rendering scanner', () => {
    const at = DELIVERED + 13_000;
    const proxyOpen = prior({
      type: 'open',
      at: DELIVERED + 9_000,
      classification: 'proxy',
      reason: 'gmail_proxy',
    });
    assert.equal(label(hit({ at }), context([proxyOpen])), 'human/null');
    const renderOpen = prior({ type: 'open', at: at - 400, ip: '20.65.132.0' });
    assert.equal(
      label(hit({ at, ip: '20.65.132.19' }), context([renderOpen])),
      'machine/early_click',
    );
    const mppOpen = prior({
      type: 'open',
      at: DELIVERED + 2_000,
      classification: 'machine',
      reason: 'apple_mpp',
    });
    assert.equal(label(hit({ at }), context([mppOpen])), 'machine/early_click');
  });

  it('labels distinct links hit within the burst gap machine, any address', () => {
    const at = DELIVERED + 2 * 60_000;
    const first = prior({ at: at - 500, linkIndex: 0, ip: '54.183.12.0' });
    assert.equal(
      label(hit({ at, linkIndex: 1, ip: '54.183.12.90' }), context([first])),
      'machine/scanner_burst',
    );
    assert.equal(
      label(hit({ at, linkIndex: 1, ip: '3.3.3.3' }), context([first])),
      'machine/scanner_burst',
    );
    // The same link twice is a double click; two links 5 s apart are a reader.
    assert.equal(label(hit({ at, linkIndex: 0 }), context([first])), 'human/null');
    const earlier = prior({ at: at - 5_000, linkIndex: 0 });
    assert.equal(label(hit({ at, linkIndex: 1 }), context([earlier])), 'human/null');
  });

  it('follows a chain of gaps under BURST_GAP_MS', () => {
    const at = DELIVERED + HOUR;
    const chain = [
      prior({ at: at - 3 * (BURST_GAP_MS - 100), linkIndex: 1 }),
      prior({ at: at - 2 * (BURST_GAP_MS - 100), linkIndex: 0 }),
      prior({ at: at - (BURST_GAP_MS - 100), linkIndex: 0 }),
    ];
    assert.equal(label(hit({ at, linkIndex: 0 }), context(chain)), 'machine/scanner_burst');
  });

  it('does not call it a burst when the same network showed a reader well before', () => {
    const at = DELIVERED + HOUR;
    const ip = '2003:c1:5f3a:a100:8d2:11ff:fe3b:9a01';
    const open = prior({ type: 'open', at: at - READ_LEAD_MS - 60_000, ip: '2003:c1:5f3a::' });
    const first = prior({ at: at - 1_200, linkIndex: 0, ip: '2003:c1:5f3a::' });
    assert.equal(label(hit({ at, linkIndex: 2, ip }), context([open, first])), 'human/null');
    assert.equal(label(hit({ at, linkIndex: 2, ip }), context([first])), 'machine/scanner_burst');
  });

  it('labels clicks chained to a honeypot hit machine', () => {
    const at = DELIVERED + HOUR;
    const honeypot = prior({
      at: at - 300,
      honeypot: true,
      classification: 'machine',
      reason: 'honeypot',
      ip: '1.2.3.0',
    });
    assert.equal(label(hit({ at, ip: '9.9.9.9' }), context([honeypot])), 'machine/honeypot');
  });

  it("passes a scanner's verdict on to its network's next hits for a minute", () => {
    const at = DELIVERED + HOUR;
    const ip = '45.83.64.11';
    const honeypot = prior({
      at: at - 20_000,
      honeypot: true,
      classification: 'machine',
      reason: 'honeypot',
      ip: '45.83.64.0',
    });
    assert.equal(label(hit({ at, ip }), context([honeypot])), 'machine/honeypot');
    assert.equal(
      label(hit({ at: at - 20_000 + SOURCE_WINDOW_MS + 1, ip }), context([honeypot])),
      'human/null',
    );
    assert.equal(label(hit({ at, ip: '45.83.65.11' }), context([honeypot])), 'human/null');
    // A HEAD from the reader's own machine condemns nothing else.
    const head = prior({
      at: at - 3_000,
      classification: 'machine',
      reason: 'head_request',
      ip: '45.83.64.0',
    });
    assert.equal(label(hit({ at, ip }), context([head])), 'human/null');
  });

  it("ends the inheritance at a reader's open from that network, and opens inherit little", () => {
    const ip = '213.61.44.21';
    const burst = prior({
      at: DELIVERED + 2_000,
      classification: 'machine',
      reason: 'early_click',
      ip: '213.61.44.0',
    });
    const open = prior({ type: 'open', at: DELIVERED + 40_000, ip: '213.61.44.0' });
    assert.equal(
      label(
        hit({ type: 'open', at: DELIVERED + 40_000, ip, userAgent: OUTLOOK }),
        context([burst]),
      ),
      'human/null',
    );
    assert.equal(label(hit({ at: DELIVERED + 55_000, ip }), context([burst, open])), 'human/null');
    assert.equal(
      label(hit({ at: DELIVERED + 55_000, ip }), context([burst])),
      'machine/early_click',
    );
  });
});
