import type { FastifyInstance } from 'fastify';
import {
  forgetMailbox,
  type MailboxStatus,
  mailboxStatus,
  verifyMailbox,
} from '../../mailbox/index.js';
import type { Resolver } from '../../outbound/index.js';
import {
  addDoNotTrack,
  changeWorkspaceSettings,
  doNotTrackList,
  removeDoNotTrack,
  type WorkspaceSettings,
  workspaceSettings,
} from '../../workspace/index.js';
import { principalOf } from '../plugins/auth.js';
import { iso } from '../presenters/accounts.js';
import { NoContent, responses } from '../schemas.js';
import { type Api, typed } from '../typed.js';
import {
  DoNotTrackBody,
  DoNotTrackEntry,
  DoNotTrackList,
  DoNotTrackParams,
  SettingsPatchBody,
  SettingsView,
} from './schema.js';

function presentSettings(
  settings: WorkspaceSettings,
  doNotTrack: string[],
  status: MailboxStatus | null,
) {
  const relay = settings.smtpRelay;
  const mailbox = settings.mailbox;
  return {
    defaultSender: settings.defaultSender,
    smtpRelay: relay
      ? {
          host: relay.host,
          port: relay.port,
          security: relay.security,
          username: relay.username,
          passwordSet: relay.passwordEncrypted !== null,
          allowInvalidCertificate: relay.allowInvalidCertificate,
        }
      : null,
    mailbox: mailbox
      ? {
          host: mailbox.host,
          port: mailbox.port,
          security: mailbox.security,
          username: mailbox.username,
          passwordSet: true,
          sentFolder: mailbox.sentFolder,
          status: status ? { ...status, checkedAt: iso(status.checkedAt) } : null,
        }
      : null,
    privacyNotice: settings.privacyNotice,
    notifyOnMachineEvents: settings.notifyOnMachineEvents,
    internalNetworks: [...settings.internalNetworks],
    trackingPolicy: settings.trackingPolicy,
    trackingDefault: settings.trackingDefault,
    doNotTrack,
  };
}

export interface WorkspaceRouteOptions {
  /** The DNS a relay host is checked against when saved (tests stand in for DNS); default the system's. */
  readonly resolve?: Resolver;
  /** The service's clock, epoch ms (the mailbox status's time). */
  readonly now?: () => number;
}

/** The workspace's settings and its do-not-track list: members read, admins change. */
export async function workspaceRoutes(
  app: FastifyInstance,
  options: WorkspaceRouteOptions,
): Promise<void> {
  const api = typed(app);
  getSettings(api);
  changeSettings(api, options);
  listDoNotTrack(api);
  addToDoNotTrack(api);
  removeFromDoNotTrack(api);
}

/** The settings as the API shows them: with the do-not-track list and the mailbox's status. */
async function settingsView(api: Api, workspaceId: string, settings: WorkspaceSettings) {
  return presentSettings(
    settings,
    await entriesOf(api, workspaceId),
    settings.mailbox ? await mailboxStatus(api.store.db, workspaceId) : null,
  );
}

/** The do-not-track list's entries alone, as the settings show them. */
async function entriesOf(api: Api, workspaceId: string) {
  return (await doNotTrackList(api.store.db, workspaceId)).map((row) => row.entry);
}

function getSettings(api: Api): void {
  api.get(
    '/api/v1/workspace/settings',
    {
      schema: {
        tags: ['workspace'],
        summary: 'The workspace’s settings (members read, admins change)',
        response: responses({ 200: SettingsView }),
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request).user;
      return settingsView(api, workspaceId, await workspaceSettings(api.store.db, workspaceId));
    },
  );
}

function changeSettings(api: Api, options: WorkspaceRouteOptions): void {
  api.patch(
    '/api/v1/workspace/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['workspace'],
        summary:
          'Change settings: default sender, SMTP relay (password write-only), privacy notice…',
        description:
          'An SMTP relay host that is, or resolves to, a private, loopback, link-local or translated address (IPv4-mapped, NAT64, 6to4…) is refused with 400 relay_host_forbidden unless the server runs with ALLOW_PRIVATE_NETWORKS; the address is checked again before every connection. A shared mailbox (IMAP) is refused the same way (400 mailbox_host_forbidden), then logged into: 400 mailbox_login_failed when the server refuses the user or password, 400 mailbox_unreachable when it cannot be reached, 400 mailbox_folder_missing when the sentFolder named does not exist (or, none named, no folder is flagged as Sent); nothing is stored then.',
        body: SettingsPatchBody,
        response: responses({ 200: SettingsView }),
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request).user;
      const outbound = {
        allowPrivate: api.config.allowPrivateNetworks,
        ...(options.resolve ? { resolve: options.resolve } : {}),
      };
      const now = options.now ?? Date.now;
      const settings = await changeWorkspaceSettings(
        api.store.db,
        api.keyring,
        workspaceId,
        request.body,
        outbound,
        {
          verifyMailbox: (login) =>
            verifyMailbox(api.store.db, workspaceId, login, outbound, now()),
        },
      );
      if (request.body.mailbox === null) await forgetMailbox(api.store.db, workspaceId);
      return settingsView(api, workspaceId, settings);
    },
  );
}

function listDoNotTrack(api: Api): void {
  api.get(
    '/api/v1/do-not-track',
    {
      schema: {
        tags: ['workspace'],
        summary: 'Addresses and domains whose mail goes out untracked',
        response: responses({ 200: DoNotTrackList }),
      },
    },
    async (request) => {
      const rows = await doNotTrackList(api.store.db, principalOf(request).user.workspaceId);
      return {
        entries: rows.map((row) => ({
          entry: row.entry,
          source: row.source,
          addedBy:
            row.createdBy !== null && row.createdByName !== null
              ? { id: row.createdBy, name: row.createdByName }
              : null,
          createdAt: iso(row.createdAt),
        })),
      };
    },
  );
}

function addToDoNotTrack(api: Api): void {
  api.post(
    '/api/v1/do-not-track',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['workspace'],
        summary: 'Add an address or @domain to the do-not-track list (admins)',
        body: DoNotTrackBody,
        response: responses({ 201: DoNotTrackEntry }),
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      const { entry } = await addDoNotTrack(
        api.store.db,
        user.workspaceId,
        request.body.entry,
        'admin',
        user.id,
      );
      reply.status(201);
      return { entry };
    },
  );
}

function removeFromDoNotTrack(api: Api): void {
  api.delete(
    '/api/v1/do-not-track/:entry',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['workspace'],
        summary: 'Remove an entry from the do-not-track list (admins)',
        params: DoNotTrackParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await removeDoNotTrack(
        api.store.db,
        principalOf(request).user.workspaceId,
        request.params.entry,
      );
      reply.status(204);
      return null;
    },
  );
}
