import { parseCidr } from '../config.js';
import { fail } from '../errors.js';
import type { Address } from '../mail/index.js';
import { checkAddress } from '../mail/index.js';
import { type SmtpSecurity, TRACKING_POLICIES, type TrackingPolicy } from '../vocabulary.js';

export interface SmtpRelaySettings {
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly username: string | null;
  /** Encrypted with a key derived from SECRET (see smtp-password.ts); never leaves the server. */
  readonly passwordEncrypted: string | null;
  readonly allowInvalidCertificate: boolean;
}

/**
 * The team's shared mailbox, read and written over IMAP (RFC 9051; src/mailbox): the untracked
 * copy of each sent message goes to its Sent folder, its INBOX is watched for replies.
 */
export interface MailboxSettings {
  readonly host: string;
  /** 993 with `tls`, 143 with `starttls` or `none`, as the provider says. */
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly username: string;
  /** Encrypted as the relay's is (smtp-password.ts); never leaves the server. */
  readonly passwordEncrypted: string;
  /** The Sent folder's name; null: the folder with the `\\Sent` special-use flag (RFC 6154). */
  readonly sentFolder: string | null;
}

export interface WorkspaceSettings {
  /** The From of every mail when set; otherwise each mail is from its sending user. */
  readonly defaultSender: Address | null;
  /** Overrides SMTP_URL for this workspace's mail. */
  readonly smtpRelay: SmtpRelaySettings | null;
  /** The shared mailbox (issue 17); null: none. */
  readonly mailbox: MailboxSettings | null;
  readonly privacyNotice: { readonly enabled: boolean; readonly text: string | null };
  readonly notifyOnMachineEvents: boolean;
  /** Addresses and CIDR ranges of the team's own networks: hits from there are `self`. */
  readonly internalNetworks: readonly string[];
  /**
   * How tracked mail tracks (vocabulary's TRACKING_POLICIES): each message keeps the policy in
   * force when it was sent.
   */
  readonly trackingPolicy: TrackingPolicy;
  /**
   * Whether new messages start with tracking on, for users who have not chosen for themselves
   * (`users.trackingDefault`); false for workspaces made before it existed.
   */
  readonly trackingDefault: boolean;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = Object.freeze({
  defaultSender: null,
  smtpRelay: null,
  mailbox: null,
  privacyNotice: { enabled: true, text: null },
  notifyOnMachineEvents: false,
  internalNetworks: [],
  trackingPolicy: 'notice',
  trackingDefault: false,
});

export function parseSettings(json: string): WorkspaceSettings {
  const stored = JSON.parse(json) as Partial<WorkspaceSettings>;
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    privacyNotice: { ...DEFAULT_SETTINGS.privacyNotice, ...stored.privacyNotice },
  };
}

/** The shared mailbox as the API takes it. */
export interface MailboxPatch {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  /** Absent: keep the stored password (the account must be the same). */
  password?: string;
  sentFolder?: string | null;
}

/** A change as the API takes it: absent fields stay, `null` clears. */
export interface SettingsPatch {
  defaultSender?: { email: string; name?: string } | null;
  smtpRelay?: {
    host: string;
    port: number;
    security: SmtpSecurity;
    username?: string | null;
    /** Absent: keep the stored password; null: remove it. */
    password?: string | null;
    allowInvalidCertificate?: boolean;
  } | null;
  mailbox?: MailboxPatch | null;
  privacyNotice?: { enabled?: boolean; text?: string | null };
  notifyOnMachineEvents?: boolean;
  internalNetworks?: string[];
  trackingPolicy?: TrackingPolicy;
  trackingDefault?: boolean;
}

export function applySettingsPatch(
  current: WorkspaceSettings,
  patch: SettingsPatch,
  encryptPassword: (password: string) => string,
): WorkspaceSettings {
  let next: WorkspaceSettings = { ...current };
  if (patch.defaultSender !== undefined) {
    if (patch.defaultSender === null) next = { ...next, defaultSender: null };
    else {
      const checked = checkAddress(patch.defaultSender);
      if (!checked.ok) fail('MB_ERR_VALIDATION', `defaultSender: ${checked.reason}`);
      next = { ...next, defaultSender: checked.address };
    }
  }
  if (patch.smtpRelay !== undefined) {
    const relay = patch.smtpRelay;
    if (relay === null) next = { ...next, smtpRelay: null };
    else {
      const kept = current.smtpRelay?.passwordEncrypted ?? null;
      const passwordEncrypted =
        relay.password === undefined
          ? kept
          : relay.password === null
            ? null
            : encryptPassword(relay.password);
      next = {
        ...next,
        smtpRelay: {
          host: relay.host.trim(),
          port: relay.port,
          security: relay.security,
          username: relay.username?.trim() || null,
          passwordEncrypted,
          allowInvalidCertificate: relay.allowInvalidCertificate ?? false,
        },
      };
    }
  }
  if (patch.mailbox !== undefined) {
    next = { ...next, mailbox: nextMailbox(current.mailbox, patch.mailbox, encryptPassword) };
  }
  if (patch.privacyNotice !== undefined) {
    const text =
      patch.privacyNotice.text === undefined
        ? current.privacyNotice.text
        : patch.privacyNotice.text;
    next = {
      ...next,
      privacyNotice: {
        enabled: patch.privacyNotice.enabled ?? current.privacyNotice.enabled,
        text: text?.trim() ? text.trim() : null,
      },
    };
  }
  if (patch.notifyOnMachineEvents !== undefined) {
    next = { ...next, notifyOnMachineEvents: patch.notifyOnMachineEvents };
  }
  if (patch.internalNetworks !== undefined) {
    // The classifier's own parser: an entry saved here is an entry it matches.
    for (const entry of patch.internalNetworks) {
      try {
        parseCidr(entry);
      } catch (error) {
        fail('MB_ERR_VALIDATION', `internalNetworks: ${(error as Error).message}`);
      }
    }
    next = { ...next, internalNetworks: patch.internalNetworks.map((entry) => entry.trim()) };
  }
  if (patch.trackingPolicy !== undefined) {
    // The API's schema refuses other words first; this guards every other caller.
    if (!TRACKING_POLICIES.includes(patch.trackingPolicy)) {
      fail(
        'MB_ERR_VALIDATION',
        `trackingPolicy: ${JSON.stringify(patch.trackingPolicy)} is not one of ${TRACKING_POLICIES.join(', ')}`,
      );
    }
    next = { ...next, trackingPolicy: patch.trackingPolicy };
  }
  if (patch.trackingDefault !== undefined) {
    next = { ...next, trackingDefault: patch.trackingDefault };
  }
  return next;
}

/**
 * The mailbox setting after a change: null clears it; a new password is encrypted; without one
 * the stored password is kept, only for the same server and user (a password must not follow
 * its account to another server). Throws MB_ERR_VALIDATION when there is no password to use.
 */
function nextMailbox(
  current: MailboxSettings | null,
  patch: MailboxPatch | null,
  encryptPassword: (password: string) => string,
): MailboxSettings | null {
  if (patch === null) return null;
  const host = patch.host.trim();
  const username = patch.username.trim();
  let passwordEncrypted: string;
  if (patch.password !== undefined) passwordEncrypted = encryptPassword(patch.password);
  else if (current && current.host === host && current.username === username) {
    passwordEncrypted = current.passwordEncrypted;
  } else fail('MB_ERR_VALIDATION', 'mailbox.password: a new mailbox needs its password');
  return {
    host,
    port: patch.port,
    security: patch.security,
    username,
    passwordEncrypted,
    sentFolder: patch.sentFolder?.trim() || null,
  };
}
