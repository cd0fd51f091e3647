import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deliveryIdFor,
  escapeSlack,
  formatWants,
  jsonPayload,
  slackText,
  type WebhookEvent,
} from '../../../../src/notify/webhooks/index.js';
import { newId } from '../../../../src/store/index.js';

const AT = Date.UTC(2026, 10, 27, 9, 30, 0);

function event(overrides: Partial<WebhookEvent> = {}): WebhookEvent {
  return {
    id: newId(AT),
    workspaceId: 'w1',
    messageId: 'm1',
    recipientId: 'r1',
    type: 'open',
    at: AT,
    classification: 'human',
    reason: null,
    inferred: 0,
    messageSubject: 'Offerta Q4',
    messageLanguage: 'en',
    recipientEmail: 'mario@example.org',
    recipientName: 'Mario Rossi',
    ...overrides,
  };
}

describe('webhook payloads', () => {
  it('tells the event, its message and recipient as JSON, with the delivery id', () => {
    const click = event({
      type: 'click',
      linkIdx: 0,
      linkUrl: 'https://shop.example.com/?a=1&b=2',
    });
    assert.deepEqual(jsonPayload('d1', click, AT + 5000), {
      id: 'd1',
      type: 'click',
      at: '2026-11-27T09:30:05.000Z',
      event: {
        id: click.id,
        type: 'click',
        at: '2026-11-27T09:30:00.000Z',
        classification: 'human',
        reason: null,
        inferred: false,
        link: { url: 'https://shop.example.com/?a=1&b=2' },
      },
      message: { id: 'm1', subject: 'Offerta Q4' },
      recipient: { id: 'r1', email: 'mario@example.org', name: 'Mario Rossi' },
    });
    const download = jsonPayload(
      'd2',
      event({ type: 'download', attachmentId: 'a1', attachmentFilename: 'listino.pdf' }),
      AT,
    );
    assert.deepEqual(download.event.attachment, { id: 'a1', filename: 'listino.pdf' });
    assert.equal('link' in download.event, false);
  });

  it('writes one Slack line, escaping &, < and > as Slack requires', () => {
    assert.equal(slackText(event()), 'Mario Rossi opened «Offerta Q4»');
    assert.equal(
      slackText(event({ recipientName: '<!channel> & Co', messageSubject: 'a < b\n> c' })),
      '&lt;!channel&gt; &amp; Co opened «a &lt; b &gt; c»',
    );
    assert.equal(
      slackText(event({ type: 'click', linkUrl: 'https://shop.example.com/?a=1&b=2' })),
      'Mario Rossi clicked https://shop.example.com/?a=1&amp;b=2 — «Offerta Q4»',
    );
    assert.equal(
      slackText(
        event({ type: 'download', attachmentFilename: 'listino.pdf', recipientName: null }),
      ),
      'mario@example.org downloaded listino.pdf — «Offerta Q4»',
    );
    assert.equal(slackText(event({ messageLanguage: 'it' })), 'Mario Rossi ha aperto «Offerta Q4»');
    assert.equal(escapeSlack('<&>'), '&lt;&amp;&gt;');
  });

  it('names a reply’s message once, and tells a chat channel of an out-of-office, a machine’s', () => {
    assert.equal(
      slackText(event({ type: 'reply' })),
      'Mario Rossi replied to «Offerta Q4»',
      'the subject once',
    );
    const away = event({ type: 'auto_reply', classification: 'machine', reason: 'subject' });
    assert.equal(formatWants('slack', away), true);
    assert.equal(formatWants('slack', event({ type: 'open', classification: 'machine' })), false);
    assert.equal(formatWants('slack', event({ type: 'reply', classification: 'self' })), false);
  });

  it('gives a (subscription, event) pair always the same delivery id, sorting by event time', () => {
    const eventId = newId(AT);
    assert.equal(deliveryIdFor('w1', eventId), deliveryIdFor('w1', eventId));
    assert.notEqual(deliveryIdFor('w1', eventId), deliveryIdFor('w2', eventId));
    assert.match(deliveryIdFor('w1', eventId), /^[0-9a-hjkmnp-tv-z]{26}$/);
    assert.ok(deliveryIdFor('w1', eventId) < deliveryIdFor('w1', newId(AT + 1000)));
  });
});
