/**
 * Tracking tokens: `<key id (2)><base64url(payload ‖ mac)>`, 40–42 URL-safe characters.
 *
 * The payload is the recipient copy's random tracking id (128 bits, so tokens cannot be guessed)
 * and, for clicks, the link's number. The MAC (HMAC-SHA256 truncated to 96 bits) also covers the
 * token's kind, so an open token cannot be replayed as a click. It is checked, in constant time,
 * before any database work; the key id picks the key, so mail signed before a secret rotated
 * still verifies. No address or other personal data is in a token.
 */
import { timingSafeEqual } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Keyring } from '../keyring/index.js';
import { HONEYPOT_LINK_INDEX, TRACKING_ID_BYTES } from '../store/index.js';

/**
 * What a token opens. `aggregate` is a message's shared pixel (the `aggregate` policy): its
 * payload is the message's aggregate id, which names no recipient.
 */
export type TokenKind = 'open' | 'click' | 'download' | 'privacy' | 'aggregate';

const KIND_TAG: Record<TokenKind, string> = {
  open: 'o',
  click: 'c',
  download: 'd',
  privacy: 'p',
  aggregate: 'a',
};
const ID_BYTES = TRACKING_ID_BYTES;
const INDEX_BYTES = 2;
const MAC_BYTES = 12;
const KEY_ID_LENGTH = 2;
const MAX_INDEX = 0xffff;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;

export interface TokenValue {
  /** The recipient copy's tracking id (base64url). */
  readonly trackingId: string;
  /** The link's number, for click tokens. */
  readonly index?: number;
}

const KIND_BYTES = Object.fromEntries(
  Object.entries(KIND_TAG).map(([kind, tag]) => [kind, Buffer.from(tag, 'latin1')]),
) as Record<TokenKind, Buffer>;

/** Each key's HMAC state after the key's inner and outer blocks (RFC 2104), made once. */
const keyedMacs = new WeakMap<Buffer, ReturnType<typeof hmac.create>>();

/**
 * HMAC-SHA256 (RFC 2104) of the kind's tag and the payload, cut to MAC_BYTES. Every hit checks
 * one: node:crypto's createHmac builds a native context and absorbs the key on each call (~6 µs
 * here), where a copy of the keyed state only hashes the token's two blocks (~2 µs).
 */
function mac(key: Buffer, kind: TokenKind, payload: Buffer): Buffer {
  let keyedMac = keyedMacs.get(key);
  if (!keyedMac) {
    keyedMac = hmac.create(sha256, key);
    keyedMacs.set(key, keyedMac);
  }
  const digest = keyedMac.clone().update(KIND_BYTES[kind]).update(payload).digest();
  return Buffer.from(digest.buffer, digest.byteOffset, MAC_BYTES);
}

function payloadOf(kind: TokenKind, value: TokenValue): Buffer {
  const id = Buffer.from(value.trackingId, 'base64url');
  if (id.length !== ID_BYTES) throw new Error('a tracking id is 16 bytes of base64url');
  if (kind !== 'click') return id;
  const index = value.index;
  if (index === undefined || !Number.isInteger(index) || index < 0 || index > MAX_INDEX) {
    throw new Error(`a click token needs a link index from 0 to ${MAX_INDEX}`);
  }
  const indexBytes = Buffer.alloc(INDEX_BYTES);
  indexBytes.writeUInt16BE(index);
  return Buffer.concat([id, indexBytes]);
}

export function signToken(keyring: Keyring, kind: TokenKind, value: TokenValue): string {
  const { id, key } = keyring.current('tracking-token');
  const payload = payloadOf(kind, value);
  return id + Buffer.concat([payload, mac(key, kind, payload)]).toString('base64url');
}

function expectedLength(kind: TokenKind): number {
  const bytes = ID_BYTES + (kind === 'click' ? INDEX_BYTES : 0) + MAC_BYTES;
  return KEY_ID_LENGTH + Math.ceil((bytes * 4) / 3);
}

/** The token's value when it is genuine, else undefined (never throws on user input). */
export function verifyToken(
  keyring: Keyring,
  kind: TokenKind,
  token: string,
): TokenValue | undefined {
  if (token.length !== expectedLength(kind) || !TOKEN_PATTERN.test(token)) return undefined;
  const keyId = token.slice(0, KEY_ID_LENGTH);
  const body = Buffer.from(token.slice(KEY_ID_LENGTH), 'base64url');
  const payload = body.subarray(0, body.length - MAC_BYTES);
  const given = body.subarray(body.length - MAC_BYTES);
  // Base64url has several spellings of the last character's unused bits: accept only ours.
  if (body.toString('base64url') !== token.slice(KEY_ID_LENGTH)) return undefined;
  let valid = false;
  for (const candidate of keyring.all('tracking-token')) {
    if (candidate.id !== keyId) continue;
    if (timingSafeEqual(mac(candidate.key, kind, payload), given)) valid = true;
  }
  if (!valid) return undefined;
  const trackingId = payload.subarray(0, ID_BYTES).toString('base64url');
  return kind === 'click' ? { trackingId, index: payload.readUInt16BE(ID_BYTES) } : { trackingId };
}

/** The honeypot is a click token with the last index: no real link ever gets that number. */
export const HONEYPOT_INDEX = HONEYPOT_LINK_INDEX;
