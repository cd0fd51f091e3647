import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readIncoming } from '../../../src/mailbox/incoming.js';

/** A reply's source: headers, then the body parts as the client wrote them. */
function mail(contentType: string, body: string): Buffer {
  return Buffer.from(
    [
      'From: Mario Rossi <mario@client.example>',
      'To: ada@acme.example',
      'Subject: Re: Offerta Q4',
      'Message-ID: <reply-1@client.example>',
      'In-Reply-To: <copy-1@acme.example>',
      'Date: Tue, 01 Dec 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      `Content-Type: ${contentType}`,
      '',
      body,
    ]
      .join('\r\n')
      .replace(/\r?\n/g, '\r\n'),
  );
}

/** A multipart/alternative of a text and an html part, as Outlook and Gmail send. */
function alternative(text: string, html: string): Buffer {
  return mail(
    'multipart/alternative; boundary="b1"',
    [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      html,
      '--b1--',
      '',
    ].join('\n'),
  );
}

const excerptOf = async (raw: Buffer) => (await readIncoming(raw)).excerpt;

/** Nothing of the quoted message: no rule, no header block, no attribution, no quoted words. */
function assertNothingQuoted(excerpt: string) {
  assert.doesNotMatch(excerpt, /[-_]{3,}/, 'no rule of dashes or underscores');
  assert.doesNotMatch(excerpt, /^(from|sent|to|subject|da|inviato|a|oggetto)\s*:/im);
  assert.doesNotMatch(excerpt, /wrote|ha scritto|Original Message|Messaggio originale/i);
  assert.doesNotMatch(excerpt, /ecco l.offerta|here is the offer/i);
}

describe('a reply’s excerpt stops where the quoted message starts, in real clients’ shapes', () => {
  it('Outlook desktop (HTML only): the bordered From/Sent/To/Subject block', async () => {
    const excerpt = await excerptOf(
      mail(
        'text/html; charset=utf-8',
        '<html><body><div class="WordSection1"><p class="MsoNormal">Thanks, Thursday works.<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> Ada Lovelace &lt;ada@acme.example&gt; <br><b>Sent:</b> Monday, November 30, 2026 10:00 AM<br><b>To:</b> Mario Rossi &lt;mario@client.example&gt;<br><b>Subject:</b> Offer Q4<o:p></o:p></p></div></div><p class="MsoNormal">Hello Mario, here is the offer.</p></div></body></html>',
      ),
    );
    assert.equal(excerpt, 'Thanks, Thursday works.');
  });

  it('Outlook on the web in Italian: an <hr>, then Da/Inviato/A/Oggetto', async () => {
    const excerpt = await excerptOf(
      mail(
        'text/html; charset=utf-8',
        '<html><body><div>Va bene, grazie.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>Da:</b> Ada Lovelace &lt;ada@acme.example&gt;<br><b>Inviato:</b> lunedì 30 novembre 2026 10:00<br><b>A:</b> Mario Rossi &lt;mario@client.example&gt;<br><b>Oggetto:</b> Offerta Q4</font><div>&nbsp;</div></div><div>Ciao Mario, ecco l’offerta.</div></body></html>',
      ),
    );
    assert.equal(excerpt, 'Va bene, grazie.');
    assertNothingQuoted(excerpt);
  });

  it('Outlook’s text part: a line of underscores, or -----Original Message-----', async () => {
    const underscores = await excerptOf(
      alternative(
        'Ok per me.\n\n________________________________\nDa: Ada Lovelace <ada@acme.example>\nInviato: lunedì 30 novembre 2026 10:00\nA: Mario Rossi <mario@client.example>\nOggetto: Offerta Q4\n\nCiao Mario, ecco l’offerta.\n',
        '<p>Ok per me.</p>',
      ),
    );
    assert.equal(underscores, 'Ok per me.');
    const original = await excerptOf(
      mail(
        'text/plain; charset=utf-8',
        'Sounds good.\n\n-----Original Message-----\nFrom: Ada Lovelace <ada@acme.example>\nSent: Monday, November 30, 2026 10:00 AM\nTo: Mario Rossi\nSubject: Offer Q4\n\nHello Mario, here is the offer.\n',
      ),
    );
    assert.equal(original, 'Sounds good.');
  });

  it('Gmail: "On … wrote:" wrapped over two lines, then the quote', async () => {
    const excerpt = await excerptOf(
      alternative(
        'Perfect, see you then.\n\nOn Mon, Nov 30, 2026 at 10:00 AM Ada Lovelace <ada@acme.example>\nwrote:\n\n> Hello Mario, here is the offer.\n',
        '<div dir="ltr">Perfect, see you then.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Nov 30, 2026 at 10:00 AM Ada Lovelace &lt;<a href="mailto:ada@acme.example">ada@acme.example</a>&gt; wrote:<br></div><blockquote class="gmail_quote">Hello Mario, here is the offer.</blockquote></div>',
      ),
    );
    assert.equal(excerpt, 'Perfect, see you then.');
  });

  it('Apple Mail: the attribution, then the quote', async () => {
    const excerpt = await excerptOf(
      mail(
        'text/plain; charset=utf-8',
        'Yes, let’s do it.\n\nMario\n\n> On 30 Nov 2026, at 10:00, Ada Lovelace <ada@acme.example> wrote:\n> \n> Hello Mario, here is the offer.\n',
      ),
    );
    assert.equal(excerpt, 'Yes, let’s do it.\nMario');
  });

  it('Thunderbird in Italian: "Il … ha scritto:"', async () => {
    const excerpt = await excerptOf(
      mail(
        'text/plain; charset=utf-8; format=flowed',
        'Confermo per giovedì.\n\nIl 30/11/2026 10:00, Ada Lovelace ha scritto:\n> Ciao Mario, ecco l’offerta.\n',
      ),
    );
    assert.equal(excerpt, 'Confermo per giovedì.');
  });
});
