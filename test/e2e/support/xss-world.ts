import { signupAdmin, uploadAttachment } from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { devInboxCopy } from '../../helpers/dev-inbox-urls.js';
import { bodyOf, type HttpClient } from '../../helpers/http-client.js';
import { onServer } from '../../helpers/mail-urls.js';
import type { TestService } from '../../helpers/test-service.js';
import type { Payloads } from './xss.js';

/** The user-controlled values as the API stored them (what a page should show as text). */
export interface XssValues {
  readonly userName: string;
  readonly workspaceName: string;
  readonly senderName: string;
  readonly privacyNotice: string;
  readonly subject: string;
  readonly recipientName: string;
  readonly filename: string;
  readonly linkUrl: string;
  readonly chat: string;
  readonly draftSubject: string;
  readonly draftRecipientName: string;
  readonly webhookUrl: string;
  readonly doNotTrack: string;
  readonly consentEmail: string;
  readonly consentProof: string;
  readonly apiKeyName: string;
}

/** A workspace whose every user-controlled field carries a payload, and where it shows. */
export interface XssWorld {
  readonly admin: HttpClient;
  readonly values: XssValues;
  readonly sentId: string;
  readonly draftId: string;
  readonly devInboxId: string;
  readonly privacyUrl: string;
  readonly downloadUrl: string;
  readonly expiredUrl: string;
  /** The sent message's chat as the API gives it: notes and lines made from its events. */
  readonly chatLines: readonly string[];
}

/** Text inside a double-quoted HTML attribute. */
function attribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** A body with markup of its own: a link whose URL carries a payload, and a javascript: link. */
function mailHtml(p: Payloads, linkUrl: string): string {
  return `<html><body><p>${p.for('mail body')}</p>
<p><a href="${attribute(linkUrl)}">Offer</a> <a href="javascript:__xss(0)">js</a></p>
<img src=x onerror="__xss(0)"></body></html>`;
}

/** The workspace's settings, its lists and the admin's API key, each with a payload. */
async function settingsWithPayloads(admin: HttpClient, p: Payloads) {
  const senderName = p.for('sender name');
  const privacyNotice = p.for('privacy notice');
  bodyOf(
    await admin.patch('/api/v1/workspace/settings', {
      defaultSender: { email: 'sales@example.com', name: senderName },
      privacyNotice: { enabled: true, text: privacyNotice },
    }),
    200,
  );
  const webhook = bodyOf(
    await admin.post('/api/v1/webhooks', {
      url: `http://127.0.0.1:9/hook?${p.for('webhook URL')}`,
      events: ['open'],
    }),
  );
  const entry = bodyOf(
    await admin.post('/api/v1/do-not-track', { entry: `"${p.for('dnt', 1)}"@bank.example` }),
  );
  const consentProof = p.for('consent proof');
  const consent = bodyOf(
    await admin.post('/api/v1/consents', {
      email: `"${p.for('consent email', 2)}"@example.org`,
      proof: consentProof,
    }),
  );
  const key = bodyOf(await admin.post('/api/v1/api-keys', { name: p.for('API key name') }));
  return {
    senderName,
    privacyNotice,
    webhookUrl: webhook.url as string,
    doNotTrack: entry.entry as string,
    consentEmail: consent.email as string,
    consentProof,
    apiKeyName: key.name as string,
  };
}

/** Sends `message` at once, and returns it with its copy in the dev inbox, delivered an hour ago. */
async function sendTracked(server: TestService, admin: HttpClient, message: object, to: string) {
  const sent = bodyOf(await admin.post('/api/v1/messages', { ...message, send: true }));
  const copy = await devInboxCopy(server, to, admin);
  await deliveredAgo(server.service.store, sent.id);
  return { sent, copy };
}

/** A reader opens and clicks with a User-Agent that carries a payload; the events follow. */
async function readWith(
  server: TestService,
  urls: { pixel: string; clicks: string[] },
  ua: string,
) {
  const headers = { 'user-agent': ua };
  await fetch(onServer(urls.pixel, server.url), { headers });
  await fetch(onServer(urls.clicks[0]!, server.url), { headers, redirect: 'manual' });
  await server.service.idle();
}

/** The message every page shows: payloads in its subject, reader, file, link and chat. */
async function messageWithPayloads(server: TestService, admin: HttpClient, p: Payloads) {
  const file = bodyOf(await uploadAttachment(admin, `${p.for('file name', 1)}.pdf`, '%PDF-1.4'));
  const linkUrl = `https://example.com/offer?q=${p.for('link URL', 3)}`;
  const recipientName = p.for('recipient name');
  const subject = p.for('subject');
  const { sent, copy } = await sendTracked(
    server,
    admin,
    {
      to: [{ email: 'mario@example.org', name: recipientName }],
      subject,
      html: mailHtml(p, linkUrl),
      attachments: [file.id],
      tracking: { enabled: true },
    },
    'mario@example.org',
  );
  await readWith(server, copy.urls, `Mozilla/5.0 ${p.for('User-Agent')} Chrome/126.0`);
  const chat = p.for('chat line');
  bodyOf(await admin.post(`/api/v1/messages/${sent.id}/chat`, { text: chat }));
  return { sent, copy, file, values: { subject, recipientName, linkUrl, chat } };
}

/** A second send of the file whose link is then revoked: its download page is the 410 one. */
async function revokedCopy(
  server: TestService,
  admin: HttpClient,
  fileId: string,
  subject: string,
) {
  const { sent, copy } = await sendTracked(
    server,
    admin,
    {
      to: [{ email: 'luisa@example.org' }],
      subject,
      html: '<p>Files</p>',
      attachments: [fileId],
      tracking: { enabled: true },
    },
    'luisa@example.org',
  );
  const attachmentId = sent.attachments[0].id;
  const path = `/api/v1/messages/${sent.id}/attachments/${attachmentId}`;
  bodyOf(await admin.patch(path, { revoked: true }), 200);
  return copy.urls.download!;
}

/** A draft with payloads in its subject, its reader's name and markup of its body. */
async function draftWithPayloads(admin: HttpClient, p: Payloads) {
  const draftSubject = p.for('draft subject');
  const draftRecipientName = p.for('draft recipient name');
  const draft = bodyOf(
    await admin.post('/api/v1/messages', {
      to: [{ email: 'anna@example.org', name: draftRecipientName }],
      subject: draftSubject,
      html: mailHtml(p, 'https://example.com/draft'),
      send: false,
    }),
  );
  return { draftId: draft.id as string, draftSubject, draftRecipientName };
}

/** Everything made through the API, as the workspace's admin (signed up with payloads too). */
export async function makeXssWorld(server: TestService, p: Payloads): Promise<XssWorld> {
  const userName = p.for('user name');
  const workspaceName = p.for('workspace name');
  const { client: admin } = await signupAdmin(server.url, {
    name: userName,
    workspace: workspaceName,
  });
  const settings = await settingsWithPayloads(admin, p);
  const message = await messageWithPayloads(server, admin, p);
  const draft = await draftWithPayloads(admin, p);
  const expiredUrl = await revokedCopy(server, admin, message.file.id, message.values.subject);
  const chat = bodyOf(await admin.get(`/api/v1/messages/${message.sent.id}/chat`), 200);
  return {
    chatLines: chat.lines.map((line: { text: string }) => line.text),
    admin,
    values: {
      userName,
      workspaceName,
      ...settings,
      ...message.values,
      filename: message.file.filename,
      draftSubject: draft.draftSubject,
      draftRecipientName: draft.draftRecipientName,
    },
    sentId: message.sent.id,
    draftId: draft.draftId,
    devInboxId: message.copy.id,
    privacyUrl: onServer(message.copy.urls.privacy!, server.url),
    downloadUrl: onServer(message.copy.urls.download!, server.url),
    expiredUrl: onServer(expiredUrl, server.url),
  };
}
