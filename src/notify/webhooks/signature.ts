import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Mailbeacon-Signature';
export const DELIVERY_HEADER = 'Mailbeacon-Delivery';
export const EVENT_HEADER = 'Mailbeacon-Event';

/** How old a signature may be before a receiver should refuse it (replays). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the timestamp is signed with the
 * body, so a captured delivery cannot be replayed later under a new time.
 */
export function signWebhook(secret: string, body: string, nowMs: number): string {
  const timestamp = Math.floor(nowMs / 1000);
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

export type SignatureCheck =
  | { readonly valid: true; readonly timestamp: number }
  | { readonly valid: false; readonly reason: 'malformed' | 'mismatch' | 'expired' };

/**
 * What a receiver does with a delivery: checks the header against the raw body it received.
 * Several `v1=` entries are accepted (any may match), so the scheme can roll a secret later.
 * Compared in constant time after a length check; never throws.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined | null,
  body: string,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  nowMs = Date.now(),
): SignatureCheck {
  if (!header) return { valid: false, reason: 'malformed' };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2) as [string, string | undefined];
    if (value === undefined) continue;
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0)
    return { valid: false, reason: 'malformed' };
  const expected = Buffer.from(mac(secret, timestamp, body), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { valid: false, reason: 'mismatch' };
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds)
    return { valid: false, reason: 'expired' };
  return { valid: true, timestamp };
}
