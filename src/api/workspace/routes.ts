import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
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
import {
  DoNotTrackBody,
  DoNotTrackEntry,
  DoNotTrackList,
  DoNotTrackParams,
  SettingsPatchBody,
  SettingsView,
} from './schema.js';

function presentSettings(settings: WorkspaceSettings, doNotTrack: string[]) {
  const relay = settings.smtpRelay;
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
    privacyNotice: settings.privacyNotice,
    notifyOnMachineEvents: settings.notifyOnMachineEvents,
    internalNetworks: [...settings.internalNetworks],
    doNotTrack,
  };
}

export async function workspaceRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.store.db;
  const entriesOf = async (workspaceId: string) =>
    (await doNotTrackList(db, workspaceId)).map((row) => row.entry);

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
      return presentSettings(
        await workspaceSettings(db, workspaceId),
        await entriesOf(workspaceId),
      );
    },
  );

  api.patch(
    '/api/v1/workspace/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['workspace'],
        summary:
          'Change settings: default sender, SMTP relay (password write-only), privacy notice…',
        body: SettingsPatchBody,
        response: responses({ 200: SettingsView }),
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request).user;
      const settings = await changeWorkspaceSettings(db, app.keyring, workspaceId, request.body);
      return presentSettings(settings, await entriesOf(workspaceId));
    },
  );

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
      const rows = await doNotTrackList(db, principalOf(request).user.workspaceId);
      return {
        entries: rows.map((row) => ({
          entry: row.entry,
          source: row.source,
          createdAt: iso(row.createdAt),
        })),
      };
    },
  );

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
      const entry = await addDoNotTrack(db, user.workspaceId, request.body.entry, 'admin', user.id);
      reply.status(201);
      return { entry };
    },
  );

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
      await removeDoNotTrack(db, principalOf(request).user.workspaceId, request.params.entry);
      reply.status(204);
      return null;
    },
  );
}
