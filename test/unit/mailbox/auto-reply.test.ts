import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoReplyReason, isAutoReplySubject } from '../../../src/mailbox/auto-reply.js';
import { replyExcerpt } from '../../../src/mailbox/excerpt.js';

const headers =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name];

describe('automatic replies (RFC 3834 and the common responders)', () => {
  it('takes Auto-Submitted with any value but "no" for a machine', () => {
    assert.equal(
      autoReplyReason(headers({ 'auto-submitted': 'auto-replied' }), 'Re: x'),
      'auto_submitted',
    );
    assert.equal(
      autoReplyReason(headers({ 'auto-submitted': 'Auto-Generated; owner-email=a@b' }), 'x'),
      'auto_submitted',
    );
    assert.equal(autoReplyReason(headers({ 'auto-submitted': 'no' }), 'Re: Offerta'), undefined);
    assert.equal(
      autoReplyReason(headers({ 'auto-submitted': 'No ; x=y' }), 'Re: Offerta'),
      undefined,
    );
  });

  it('takes the de facto headers', () => {
    assert.equal(autoReplyReason(headers({ 'x-autoreply': 'yes' }), 'Re: x'), 'x_autoreply');
    assert.equal(autoReplyReason(headers({ 'x-autorespond': '' }), 'Re: x'), 'x_autoreply');
    assert.equal(autoReplyReason(headers({ precedence: 'auto_reply' }), 'Re: x'), 'precedence');
    assert.equal(autoReplyReason(headers({ precedence: 'bulk' }), 'Re: x'), undefined);
  });

  it('knows out-of-office subjects in five languages, and not a person’s reply', () => {
    for (const subject of [
      'Automatic reply: Offerta Q4',
      'Out of Office: Offerta Q4',
      'Risposta automatica: Offerta Q4',
      'Fuori sede',
      'Réponse automatique : Offerta Q4',
      'Absent du bureau',
      'Automatische Antwort: Offerta Q4',
      'AW: Abwesenheitsnotiz',
      'Respuesta automática: Offerta Q4',
      'Fuera de la oficina',
    ]) {
      assert.ok(isAutoReplySubject(subject), subject);
    }
    for (const subject of [
      'Re: Offerta Q4',
      'Re: Automatic replies annoy me',
      'R: preventivo assente',
    ]) {
      assert.equal(autoReplyReason(headers({}), subject), undefined, subject);
    }
  });
});

describe('a reply’s first lines', () => {
  it('keeps what the person wrote and drops quotes, attributions and signatures', () => {
    const text = [
      'Va bene, sentiamoci lunedì.',
      '',
      'Grazie',
      '-- ',
      'Mario Rossi, ACME',
      '',
      'Il giorno lun 30 nov 2026 alle 10:00 Anna ha scritto:',
      '> la nostra offerta',
    ].join('\n');
    assert.equal(replyExcerpt(text), 'Va bene, sentiamoci lunedì.\nGrazie');
    assert.equal(
      replyExcerpt('Sure.\nOn Mon, Nov 30, 2026 at 10:00 AM Anna <a@b.c> wrote:\n> offer'),
      'Sure.',
    );
    assert.equal(replyExcerpt('> quoted\nMine\n-----Original Message-----\nFrom: x'), 'Mine');
    assert.equal(replyExcerpt('Ok\n\nSent from my iPhone'), 'Ok');
  });

  it('cuts long text and drops control characters', () => {
    assert.equal(replyExcerpt('a\u0007b\u202ec'), 'abc');
    const long = replyExcerpt('x'.repeat(1000));
    assert.equal(long.length, 400);
    assert.ok(long.endsWith('…'));
    assert.equal(replyExcerpt('1\n2\n3\n4\n5\n6\n7').split('\n').length, 5);
  });
});
