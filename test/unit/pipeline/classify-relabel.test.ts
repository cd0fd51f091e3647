import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CopyContext,
  type HitFacts,
  type PriorHit,
  relabelPrior,
  SOURCE_WINDOW_MS,
  type Verdict,
} from '../../../src/pipeline/classify/index.js';

const T = Date.parse('2026-08-05T08:02:00Z');
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

function hit(overrides: Partial<HitFacts> = {}): HitFacts {
  return {
    type: 'click',
    method: 'GET',
    at: T,
    ip: '54.183.12.90',
    userAgent: CHROME,
    linkIndex: 1,
    honeypot: false,
    senderSession: false,
    internalNetwork: false,
    ...overrides,
  };
}

function prior(overrides: Partial<PriorHit>): PriorHit {
  return {
    type: 'click',
    at: T,
    honeypot: false,
    classification: 'human',
    reason: null,
    ...overrides,
  };
}

const machine = (reason: Verdict['reason']): Verdict => ({ classification: 'machine', reason });
const ctx = (p: PriorHit[]): CopyContext => ({ deliveredAt: T - 120_000, prior: p });

const relabelled = (facts: HitFacts, verdict: Verdict, context: CopyContext) =>
  relabelPrior(facts, verdict, context).map(
    ({ index, verdict: v }) => `${index}:${v.classification}/${v.reason}`,
  );

describe('relabelPrior', () => {
  it('marks the rest of a burst machine, whatever their addresses', () => {
    const p = [
      prior({ at: T - 60_000, linkIndex: 0, ip: '81.2.69.0' }),
      prior({ at: T - 1_500, linkIndex: 0, ip: '54.183.12.0' }),
      prior({ at: T - 700, linkIndex: 2, ip: '3.91.155.0' }),
    ];
    assert.deepEqual(relabelled(hit(), machine('scanner_burst'), ctx(p)), [
      '1:machine/scanner_burst',
      '2:machine/scanner_burst',
    ]);
  });

  it("takes the scanner's earlier hits from its network with a honeypot hit, opens included", () => {
    const p = [
      prior({ type: 'open', at: T - 20_000, ip: '192.241.200.0' }),
      prior({ at: T - 16_000, linkIndex: 0, ip: '192.241.200.0' }),
      prior({ at: T - 8_000, linkIndex: 1, ip: '192.241.200.0' }),
      prior({ at: T - 8_000, linkIndex: 1, ip: '192.241.201.0' }),
      prior({ at: T - SOURCE_WINDOW_MS - 1, linkIndex: 1, ip: '192.241.200.0' }),
    ];
    const facts = hit({ honeypot: true, linkIndex: 65535, ip: '192.241.200.5' });
    assert.deepEqual(relabelled(facts, machine('honeypot'), ctx(p)), [
      '0:machine/honeypot',
      '1:machine/honeypot',
      '2:machine/honeypot',
    ]);
  });

  it('takes the pixel a scanner fetched while rendering with its early click', () => {
    const p = [prior({ type: 'open', at: T - 400, ip: '20.65.132.0' })];
    assert.deepEqual(relabelled(hit({ ip: '20.65.132.19' }), machine('early_click'), ctx(p)), [
      '0:machine/early_click',
    ]);
  });

  it("leaves a person's click that follows a time-of-click check alone", () => {
    const p = [prior({ at: T - 800, linkIndex: 1, ip: '145.100.33.0' })];
    const check = hit({ ip: '40.107.218.12' });
    assert.deepEqual(relabelled(check, machine('scanner_network'), ctx(p)), []);
  });

  it('never touches self, proxy or earlier machine labels, nor changes anything for other verdicts', () => {
    const p = [
      prior({ at: T - 500, linkIndex: 0, classification: 'self', reason: 'sender_session' }),
      prior({
        type: 'open',
        at: T - 400,
        classification: 'proxy',
        reason: 'gmail_proxy',
        ip: '54.183.12.0',
      }),
      prior({ at: T - 300, linkIndex: 2, classification: 'machine', reason: 'early_click' }),
      prior({ at: T - 200, linkIndex: 3, ip: '54.183.12.0' }),
    ];
    assert.deepEqual(relabelled(hit(), machine('scanner_burst'), ctx(p)), [
      '3:machine/scanner_burst',
    ]);
    for (const verdict of [
      machine('head_request'),
      machine('prefetch_header'),
      machine('scanner_ua'),
      machine('apple_mpp'),
      { classification: 'human', reason: null } as Verdict,
      { classification: 'self', reason: 'sender_session' } as Verdict,
    ]) {
      assert.deepEqual(relabelPrior(hit(), verdict, ctx(p)), [], verdict.reason ?? 'human');
    }
  });
});
