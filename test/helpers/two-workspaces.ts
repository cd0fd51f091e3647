import { createUserInWorkspace } from '../../src/accounts/index.js';
import type { Role } from '../../src/store/index.js';
import { uploadAttachment } from '../factories.js';
import { deliveredAgo } from './delivery.js';
import { devInboxCopy } from './dev-inbox-urls.js';
import { bodyOf, HttpClient, type RequestOptions } from './http-client.js';
import { onServer } from './mail-urls.js';
import type { TestService } from './test-service.js';
import { waitUntil } from './wait.js';

/**
 * A client with a session cookie that sends `Origin` on every request, as the web app's fetch
 * calls do in a browser: the server refuses a cookie-authenticated write from another origin
 * (src/api/plugins/auth.ts), so this is the only CSRF proof the app asks for.
 */
export class BrowserClient extends HttpClient {
  override request<T = any>(method: string, path: string, options: RequestOptions = {}) {
    const origin = new URL(this.baseUrl).origin;
    return super.request<T>(method, path, {
      ...options,
      headers: { origin, ...options.headers },
    });
  }
}

/** One way of calling the API as one user of a team. */
export interface Principal {
  /** e.g. "alfa admin (cookie)", for failure messages. */
  readonly label: string;
  readonly role: Role;
  readonly via: 'cookie' | 'api_key';
  readonly client: HttpClient;
}

/** The ids and values of one of each resource a team made: what routes take as parameters. */
export interface TeamIds {
  readonly workspaceId: string;
  readonly adminId: string;
  readonly memberId: string;
  readonly sentId: string;
  readonly draftId: string;
  readonly attachmentId: string;
  readonly recipientId: string;
  readonly recipientEmail: string;
  readonly webhookId: string;
  /** A key of the admin's that no principal uses: routes may revoke it. */
  readonly apiKeyId: string;
  /** A pending invite the team's admin made. */
  readonly inviteId: string;
  readonly doNotTrack: string;
  readonly consentEmail: string;
  readonly notificationId: string;
  readonly eventId: string;
  /** A member no principal uses: routes may remove them. */
  readonly spareMemberId: string;
  /** The sent message's copy as the dev inbox caught it. */
  readonly devInboxId: string;
}

/** A workspace with an admin and a member, each as a cookie and as an API key. */
export interface Team {
  readonly name: string;
  readonly admin: BrowserClient;
  readonly member: BrowserClient;
  readonly principals: readonly Principal[];
  readonly ids: TeamIds;
  /** Strings only this team's data holds: another team's replies must never carry them. */
  readonly markers: readonly string[];
  /** The reader clicks the sent message's link: a new event, and a notification, each time. */
  click(): Promise<void>;
  /** The reader's download link (`/t/d/<token>`) of the sent message, on the server. */
  readonly downloadUrl: string;
}

/** What a team's names, addresses and texts are made of, so that each is told apart. */
function texts(tag: string, domain: string) {
  return {
    adminName: `${tag} Admin Person`,
    memberName: `${tag} Member Person`,
    spareName: `${tag} Spare Person`,
    subject: `${tag} quarterly secret subject`,
    draftSubject: `${tag} draft secret subject`,
    readerName: `${tag} Reader Person`,
    readerEmail: `reader-${tag}@${domain}`,
    filename: `${tag}-price-list.pdf`,
    chat: `${tag} private team note`,
    // Loopback, which the service lets webhooks reach in tests (WEBHOOK_ALLOW_PRIVATE).
    webhookUrl: `http://127.0.0.1:9/hooks/${tag}`,
    doNotTrack: `@bank-${tag}.example`,
    consentEmail: `consenting-${tag}@${domain}`,
    inviteEmail: `invitee-${tag}@${domain}`,
  };
}
type Texts = ReturnType<typeof texts>;

/** A user written through the accounts module (a second workspace has no open signup), logged in. */
async function loggedIn(server: TestService, workspace: string, name: string, role: Role) {
  const email = `${name.toLowerCase().replaceAll(' ', '.')}@${workspace.toLowerCase()}.example`;
  const password = `pw-${workspace}-${role}-long-enough`;
  const { user } = await createUserInWorkspace(
    server.service.store.db,
    { email, password, name },
    workspace,
    role,
  );
  const client = new BrowserClient(server.url);
  const reply = await client.post('/api/v1/auth/login', { email, password });
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${reply.text}`);
  return { client, user };
}

async function apiKeyClient(owner: HttpClient, name: string): Promise<HttpClient> {
  const key = bodyOf(await owner.post('/api/v1/api-keys', { name }));
  return new HttpClient(owner.baseUrl).withApiKey(key.key);
}

/** The four principals of a team: admin and member, each by cookie and by API key. */
async function principalsOf(name: string, admin: BrowserClient, member: BrowserClient) {
  const principal = (role: Role, via: Principal['via'], client: HttpClient): Principal => ({
    label: `${name} ${role} (${via})`,
    role,
    via,
    client,
  });
  return [
    principal('admin', 'cookie', admin),
    principal('admin', 'api_key', await apiKeyClient(admin, `${name} admin`)),
    principal('member', 'cookie', member),
    principal('member', 'api_key', await apiKeyClient(member, `${name} member`)),
  ];
}

/** A sent, tracked message with a file, opened by its reader so that it has an event. */
async function sentAndOpened(server: TestService, admin: BrowserClient, t: Texts) {
  const file = bodyOf(await uploadAttachment(admin, t.filename, '%PDF-1.4 test'));
  const sent = bodyOf(
    await admin.post('/api/v1/messages', {
      to: [{ email: t.readerEmail, name: t.readerName }],
      subject: t.subject,
      html: '<p><a href="https://example.com/offer">Offer</a></p>',
      attachments: [file.id],
      tracking: { enabled: true },
      send: true,
    }),
  );
  const { id: devInboxId, urls } = await devInboxCopy(server, t.readerEmail, admin);
  // A reader opens an hour after delivery: a person, so the open notifies (tests/helpers/delivery.ts).
  await deliveredAgo(server.service.store, sent.id);
  await fetch(onServer(urls.pixel, server.url), { headers: { 'user-agent': PERSON_UA } });
  await server.service.idle();
  return { sent, file, urls, devInboxId };
}

const PERSON_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

/** One of each resource a route takes an id of, made through the API as the team's admin. */
async function seedResources(server: TestService, admin: BrowserClient, t: Texts) {
  const { sent, file, urls, devInboxId } = await sentAndOpened(server, admin, t);
  const draft = bodyOf(
    await admin.post('/api/v1/messages', {
      to: [{ email: t.readerEmail, name: t.readerName }],
      subject: t.draftSubject,
      text: 'a draft',
      send: false,
    }),
  );
  bodyOf(await admin.post(`/api/v1/messages/${sent.id}/chat`, { text: t.chat }));
  const webhook = bodyOf(
    await admin.post('/api/v1/webhooks', { url: t.webhookUrl, events: ['open'] }),
  );
  const key = bodyOf(await admin.post('/api/v1/api-keys', { name: 'spare key' }));
  bodyOf(await admin.post('/api/v1/do-not-track', { entry: t.doNotTrack }));
  bodyOf(await admin.post('/api/v1/consents', { email: t.consentEmail, proof: 'signed form' }));
  const invite = bodyOf(
    await admin.post('/api/v1/invites', { email: t.inviteEmail, role: 'member' }),
  );
  const notifications = await waitUntil(async () => {
    const feed = (await admin.get('/api/v1/notifications')).body.notifications as any[];
    return feed.length > 0 ? feed : undefined;
  }, 'the open’s notification');
  const events = bodyOf(await admin.get(`/api/v1/messages/${sent.id}/events`), 200) as any;
  return {
    sentId: sent.id as string,
    draftId: draft.id as string,
    attachmentId: sent.attachments[0].id as string,
    recipientId: sent.recipients[0].id as string,
    webhookId: webhook.id as string,
    apiKeyId: key.id as string,
    inviteId: invite.id as string,
    notificationId: notifications[0].id as string,
    eventId: events.events[0].id as string,
    devInboxId,
    fileId: file.id as string,
    clickUrl: onServer(urls.clicks[0]!, server.url),
    downloadUrl: onServer(urls.download!, server.url),
  };
}

/**
 * A team (`name` is its workspace's name) with one of each resource, made through the API: its
 * strings carry `name`, so another team's replies can be searched for them.
 */
export async function makeTeam(server: TestService, name: string): Promise<Team> {
  const t = texts(name.toLowerCase(), `${name.toLowerCase()}.example`);
  const admin = await loggedIn(server, name, t.adminName, 'admin');
  const member = await loggedIn(server, name, t.memberName, 'member');
  const spare = await loggedIn(server, name, t.spareName, 'member');
  const principals = await principalsOf(name, admin.client, member.client);
  const seeded = await seedResources(server, admin.client, t);
  const { clickUrl, downloadUrl, ...resources } = seeded;
  const click = async () => {
    await fetch(clickUrl, { headers: { 'user-agent': PERSON_UA }, redirect: 'manual' });
    await server.service.idle();
  };
  const ids: TeamIds = {
    ...resources,
    workspaceId: admin.user.workspaceId,
    adminId: admin.user.id,
    memberId: member.user.id,
    spareMemberId: spare.user.id,
    recipientEmail: t.readerEmail,
    doNotTrack: t.doNotTrack,
    consentEmail: t.consentEmail,
  };
  const people = [admin.user, member.user, spare.user].flatMap((user) => [user.id, user.email]);
  const markers = [...Object.values(t), ...Object.values(resources), ids.workspaceId, ...people];
  return {
    name,
    admin: admin.client,
    member: member.client,
    principals,
    ids,
    markers,
    click,
    downloadUrl,
  };
}
