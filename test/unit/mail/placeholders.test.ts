import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instrumentMail } from '../../../src/mail/instrument/index.js';
import { containsPlaceholder } from '../../../src/mail/instrument/placeholders.js';

const clickUrl = ({ index }: { index: number }) => `https://t.mb.test/c/${index}`;

/** Links holding template syntax of each common kind: left exactly as written, untracked. */
const TEMPLATED: [string, string][] = [
  ['single braces in a value (Mautic)', 'https://www.example.com/profile?id={contactfield=id}'],
  ['single braces in the host', 'https://{product}.example.org/signup'],
  ['double braces (Handlebars, Liquid)', 'https://app.example/u/{{ user.id }}/prefs'],
  ['Liquid tag', 'https://app.example/u/{% if a %}x{% endif %}'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder, on purpose.
  ['dollar braces', 'https://app.example/v/${id}'],
  ['Smarty', 'https://app.example/v/{$id}'],
  ['percent name (Mailgun)', 'https://www.example.com/?r=%recipient.id%'],
  ['percent name in the path', 'https://www.example.com/u/%USERNAME%/home'],
  ['double percent (SFMC)', 'https://click.example/?qs=%%=v(@qs)=%%'],
  ['Mailchimp merge tag', 'https://example.us1.list-manage.com/unsubscribe?u=*|UNIQID|*'],
  ['ERB', 'https://app.example/reset/<%= token %>'],
  ['double brackets', 'https://app.example/c?t=[[token]]'],
  ['brackets as the host', 'https://[shop].example.org/'],
  ['brackets as a host label', 'https://www.[region].example.org/'],
  ['brackets as a whole value', 'https://www.example.com/?id=[ID]&x=1'],
  ['brackets as the last value', 'https://www.example.com/?id=[ID]'],
  ['encoded double braces', 'https://app.example/u/%7B%7Bid%7D%7D'],
  ['encoded single braces', 'https://app.example/u?id=%7Bcontactfield=id%7D'],
  ['encoded brackets value', 'https://www.example.com/?id=%5BID%5D'],
  ['bracketed value with spaces (Template Toolkit)', 'https://example.com/p?email=[% email %]'],
  ['bracketed value with spaces, then more', 'https://example.com/?id=[ contact.id ]&x=1'],
  ['PHP echo', 'https://example.com/?id=<?php echo $id; ?>'],
  ['PHP short echo', 'https://example.com/?id=<?= $id ?>'],
  ['encoded percent name', 'https://example.com/?e=%25email%25'],
  ['encoded spaced braces', 'https://example.com/?id=%7B%20id%20%7D'],
  ['percent name before an escape', 'https://example.com/?n=%FIRSTNAME%20x'],
  ['percent name before a slash escape', 'https://example.com/u/%recipient.id%2F'],
  ['percent name at the end', 'https://example.com/?d=%DATE%'],
];

/** Lookalikes: ordinary URLs that must still be tracked. */
const ORDINARY: [string, string][] = [
  ['an indexed key', 'https://www.example.com/list?f[0]=a&f[1]=b'],
  ['percent-escapes', 'https://www.example.com/a%20b%20c'],
  ['UTF-8 escapes', 'https://www.example.com/caf%C3%A9/%E2%80%99s'],
  ['an escape before a letter', 'https://www.example.com/?q=100%25off'],
  ['encoded JSON', 'https://www.example.com/?filter=%7B%22a%22%3A1%7D'],
  ['an IPv6 host', 'http://[2001:db8::1]/path'],
  ['an IPv6 host with a port', 'http://[2001:db8::1]:8080/'],
  ['brackets inside a value', 'https://www.example.com/?q=a[b]c'],
  ['escapes ending in a hex pair', 'https://example.com/?v=%E2%82%AC'],
  ['an escape then a letter then an escape', 'https://example.com/caf%C3%A9t%20x'],
  ['a percent sign in a word', 'https://example.com/sale/50%off'],
  ['many indexed keys', 'https://example.com/?ids[]=1&a[b][c]=2'],
];

const html = (url: string) =>
  `<html><body><p><a href="${url.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')}">Go</a></p></body></html>`;

describe('template placeholders in links', () => {
  for (const [kind, url] of TEMPLATED) {
    it(`leaves a link alone in HTML and text: ${kind}`, () => {
      assert.ok(containsPlaceholder(url), url);
      const body = html(url);
      const text = `Go: ${url} now`;
      const result = instrumentMail({ html: body, text }, { clickUrl });
      assert.deepEqual(result.links, []);
      assert.equal(result.html, body);
      assert.equal(result.text, text);
    });
  }
  for (const [kind, url] of ORDINARY) {
    it(`tracks a lookalike: ${kind}`, () => {
      assert.ok(!containsPlaceholder(url), url);
      const result = instrumentMail({ html: html(url) }, { clickUrl });
      assert.deepEqual(
        result.links.map((link) => link.url),
        [url],
      );
    });
  }
});
