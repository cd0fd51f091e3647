import { BroadcastChannel } from 'node:worker_threads';
import { fail } from '../errors.js';
import type { Keyring } from '../keyring/index.js';
import type { OutboundPolicy } from '../outbound/index.js';
import { type Db, findWorkspaceById, updateWorkspaceSettings } from '../store/index.js';
import { checkRelayHost } from './relay-host.js';
import {
  applySettingsPatch,
  parseSettings,
  type SettingsPatch,
  type WorkspaceSettings,
} from './settings.js';
import { encryptSmtpPassword } from './smtp-password.js';

export {
  type ActiveConsent,
  activeConsents,
  type ConsentingCopy,
  consentedKeys,
  consentLog,
  consentTimeline,
  hasConsent,
  importConsent,
  MAX_PROOF_LENGTH,
  recordRecipientConsent,
  withdrawConsentAsAdmin,
} from './consents.js';
export {
  addDoNotTrack,
  doNotTrackKeysOf,
  doNotTrackList,
  normalizeDoNotTrackEntry,
  removeDoNotTrack,
} from './do-not-track.js';
export { allOptOutProofs, optOutProofs } from './opt-out-log.js';
export {
  DEFAULT_SETTINGS,
  parseSettings,
  type SettingsPatch,
  type SmtpRelaySettings,
  type WorkspaceSettings,
} from './settings.js';
export { decryptSmtpPassword, encryptSmtpPassword } from './smtp-password.js';

export async function workspaceSettings(db: Db, workspaceId: string): Promise<WorkspaceSettings> {
  const workspace = await findWorkspaceById(db, workspaceId);
  if (!workspace) fail('MB_ERR_NOT_FOUND');
  return parseSettings(workspace.settings);
}

type SettingsListener = (workspaceId: string) => void;
const listeners = new Set<SettingsListener>();
/**
 * Settings changes made on any thread of this process (the processing thread keeps its own
 * caches); a channel never delivers to its own sender, so local listeners are called directly.
 */
let channel: BroadcastChannel | undefined;
function settingsChannel(): BroadcastChannel {
  if (!channel) {
    channel = new BroadcastChannel('mailbeacon:workspace-settings');
    channel.onmessage = (event) => {
      const workspaceId = (event as { data: unknown }).data;
      if (typeof workspaceId !== 'string') return;
      for (const listener of listeners) listener(workspaceId);
    };
    // A listening cache must not keep the process alive.
    (channel as unknown as { unref(): void }).unref();
  }
  return channel;
}

/** Hears every settings change made by this process, on any thread (caches drop their copy). */
export function onSettingsChanged(listener: SettingsListener): () => void {
  settingsChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Applies an admin's change and tells every listener. A new SMTP relay host is checked against
 * the outbound policy first (`outbound`: ALLOW_PRIVATE_NETWORKS and the resolver); a refusal
 * throws a MailbeaconError (400) and nothing is stored.
 */
export async function changeWorkspaceSettings(
  db: Db,
  keyring: Keyring,
  workspaceId: string,
  patch: SettingsPatch,
  outbound: OutboundPolicy,
): Promise<WorkspaceSettings> {
  if (patch.smtpRelay) await checkRelayHost(patch.smtpRelay.host, outbound);
  const current = await workspaceSettings(db, workspaceId);
  const next = applySettingsPatch(current, patch, (password) =>
    encryptSmtpPassword(keyring, password),
  );
  await updateWorkspaceSettings(db, workspaceId, JSON.stringify(next));
  for (const listener of listeners) listener(workspaceId);
  settingsChannel().postMessage(workspaceId);
  return next;
}
