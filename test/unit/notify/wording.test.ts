import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LineFact, parseFact } from '../../../src/notify/facts.js';
import { lineText } from '../../../src/notify/wording.js';

const both = (fact: LineFact) => [lineText(fact, 'en'), lineText(fact, 'it')];

describe('lines worded when read', () => {
  it('words an event, its ordinal, fold count and machine in each language', () => {
    const open = { type: 'open', who: 'Ada', subject: 'Q4', openNumber: 3, count: 1 } as const;
    assert.deepEqual(both({ kind: 'event', data: open }), [
      'Ada opened «Q4» (3rd time)',
      'Ada ha aperto «Q4» (3ª volta)',
    ]);
    const clicks = {
      type: 'click',
      who: 'Ada',
      subject: 'Q4',
      url: 'https://x.example/',
      count: 2,
    };
    assert.deepEqual(both({ kind: 'event', data: { ...clicks, type: 'click' } }), [
      'Ada clicked https://x.example/ (2 times)',
      'Ada ha cliccato https://x.example/ (2 volte)',
    ]);
    const machine = { ...open, openNumber: 1, machineReason: 'gmail_proxy' };
    assert.deepEqual(both({ kind: 'event', data: machine }), [
      'Ada opened «Q4» — probably Gmail’s image proxy, not the recipient',
      'Ada ha aperto «Q4» — probabilmente il proxy immagini di Gmail, non il destinatario',
    ]);
  });

  it('words link changes with the day in the reader’s language', () => {
    const link = { user: 'Anna', file: 'a.pdf', until: '2027-01-01T12:00:00.000Z' };
    assert.deepEqual(both({ kind: 'link_extended', data: link }), [
      'Anna extended the link to a.pdf until 1 January 2027',
      'Anna ha prolungato il link a a.pdf fino al 1° gennaio 2027',
    ]);
    assert.deepEqual(both({ kind: 'link_restored', data: { ...link, until: null } }), [
      'Anna restored the link to a.pdf',
      'Anna ha ripristinato il link a a.pdf',
    ]);
    assert.deepEqual(both({ kind: 'link_ended', data: link }), [
      'Anna ended the link to a.pdf: it no longer works',
      'Anna ha fatto scadere il link a a.pdf: non funziona più',
    ]);
  });

  it('keeps the relay’s reply as it was, and our explanation in the reader’s language', () => {
    const relay = { who: 'ada@example.org', response: '550 5.1.1 No such user' };
    assert.deepEqual(both({ kind: 'delivery_rejected', data: relay }), [
      'Delivery to ada@example.org was rejected: 550 5.1.1 No such user',
      'La consegna a ada@example.org è stata rifiutata: 550 5.1.1 No such user',
    ]);
    const ours = {
      ...relay,
      response: 'Could not talk',
      explained: { en: 'Could not talk', it: 'Impossibile parlare' },
    };
    assert.deepEqual(both({ kind: 'delivery_failed', data: ours }), [
      'Delivery to ada@example.org failed: Could not talk',
      'La consegna a ada@example.org non è riuscita: Impossibile parlare',
    ]);
  });

  it('reads a legacy line as it was written, and anything unreadable as an empty legacy line', () => {
    assert.deepEqual(both({ kind: 'legacy', data: { text: 'Old words' } }), [
      'Old words',
      'Old words',
    ]);
    for (const stored of ['not json', '{"kind":"shouted","data":{}}', '{"kind":"event"}', 'null']) {
      assert.deepEqual(parseFact(stored), { kind: 'legacy', data: { text: '' } }, stored);
    }
  });
});
