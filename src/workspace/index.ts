import { BroadcastChannel } from 'node:worker_threads';
import { fail } from '../errors.js';
import type { Keyring } from '../keyring/index.js';
import type { OutboundPolicy } from '../outbound/index.js';
import { type Db, findWorkspaceById, updateWorkspaceSettings } from '../store/index.js';
import { checkMailboxHost, checkRelayHost } from './relay-host.js';
import {
  applySettingsPatch,
  type MailboxSettings,
  parseSettings,
  type SettingsPatch,
  type WorkspaceSettings,
} from './settings.js';
import { decryptSmtpPassword, encryptSmtpPassword } from './smtp-password.js';
import { resolveTrackingDefault, type TrackingDefaultUser } from './tracking-default.js';

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
  type MailboxPatch,
  type MailboxSettings,
  parseSettings,
  type SettingsPatch,
  type SmtpRelaySettings,
  type WorkspaceSettings,
} from './settings.js';
export { decryptSmtpPassword, encryptSmtpPassword } from './smtp-password.js';
export { resolveTrackingDefault, type TrackingDefaultUser } from './tracking-default.js';

export async function workspaceSettings(db: Db, workspaceId: string): Promise<WorkspaceSettings> {
  const workspace = await findWorkspaceById(db, workspaceId);
  if (!workspace) fail('MB_ERR_NOT_FOUND');
  return parseSettings(workspace.settings);
}

/**
 * Whether a new message from `user` starts with tracking on when its author says nothing: the
 * user's own default (`user.trackingDefault`: 1 on, 0 off) when they chose one, else their
 * workspace's `trackingDefault` setting (false unless an admin switched it on). What the API's
 * `POST /api/v1/messages` without `tracking.enabled`, the compose screen (through `GET
 * /api/v1/auth/me`) and mail submitted over SMTP start from; an explicit choice always wins.
 * Reads the workspace's settings (one query); `404 MB_ERR_NOT_FOUND` if the workspace is gone.
 */
export async function effectiveTrackingDefault(
  db: Db,
  user: TrackingDefaultUser,
): Promise<boolean> {
  return resolveTrackingDefault(user, await workspaceSettings(db, user.workspaceId));
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

/** A shared mailbox's account with its password in clear: what an IMAP login needs. */
export interface MailboxLogin extends Omit<MailboxSettings, 'passwordEncrypted'> {
  readonly password: string;
}

/**
 * The mailbox setting with its password decrypted; undefined when no key of the keyring opens
 * it (SECRET was replaced: the admin saves the password again).
 */
export function mailboxLogin(keyring: Keyring, mailbox: MailboxSettings): MailboxLogin | undefined {
  const password = decryptSmtpPassword(keyring, mailbox.passwordEncrypted);
  if (password === undefined) return undefined;
  const { passwordEncrypted: _, ...rest } = mailbox;
  return { ...rest, password };
}

export interface ChangeSettingsOptions {
  /**
   * Checks a new or changed shared mailbox before anything is stored (src/mailbox logs in over
   * IMAP); throws a MailbeaconError (400) to refuse it. Absent: the mailbox is stored unchecked.
   */
  readonly verifyMailbox?: (login: MailboxLogin) => Promise<void>;
}

/**
 * Applies an admin's change and tells every listener. A new SMTP relay or IMAP host is checked
 * against the outbound policy first (`outbound`: ALLOW_PRIVATE_NETWORKS and the resolver), and a
 * mailbox is logged into (`options.verifyMailbox`); a refusal throws a MailbeaconError (400) and
 * nothing is stored.
 */
export async function changeWorkspaceSettings(
  db: Db,
  keyring: Keyring,
  workspaceId: string,
  patch: SettingsPatch,
  outbound: OutboundPolicy,
  options: ChangeSettingsOptions = {},
): Promise<WorkspaceSettings> {
  if (patch.smtpRelay) await checkRelayHost(patch.smtpRelay.host, outbound);
  if (patch.mailbox) await checkMailboxHost(patch.mailbox.host, outbound);
  const current = await workspaceSettings(db, workspaceId);
  const next = applySettingsPatch(current, patch, (password) =>
    encryptSmtpPassword(keyring, password),
  );
  if (patch.mailbox && next.mailbox && options.verifyMailbox) {
    const login = mailboxLogin(keyring, next.mailbox);
    if (!login) fail('MB_ERR_VALIDATION', 'mailbox.password: save the password again');
    await options.verifyMailbox(login);
  }
  await updateWorkspaceSettings(db, workspaceId, JSON.stringify(next));
  for (const listener of listeners) listener(workspaceId);
  settingsChannel().postMessage(workspaceId);
  return next;
}
