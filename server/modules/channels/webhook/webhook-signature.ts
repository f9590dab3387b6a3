import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signing of webhook calls, both ways: `X-Gapwise-Signature: sha256=<hex>` where the hex is
 * HMAC-SHA256(secret, `<X-Gapwise-Timestamp>.<raw body>`), the timestamp in Unix seconds. A call
 * more than five minutes away from our clock is refused (a captured call cannot be replayed
 * later), and a signature or event id seen before is refused (nor now).
 */

export const TIMESTAMP_HEADER = 'x-gapwise-timestamp';
export const SIGNATURE_HEADER = 'x-gapwise-signature';
export const TOLERANCE_SECONDS = 300;

export function newSigningSecret(): string {
  // Also valid as Telegram's secret_token (1–256 of A–Z a–z 0–9 _ -).
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest('hex')}`;
}

export function signedHeaders(secret: string, now: Date, rawBody: string): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'X-Gapwise-Timestamp': timestamp, 'X-Gapwise-Signature': signature(secret, timestamp, rawBody) };
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type SignatureCheck = { ok: true; signature: string } | { ok: false; reason: 'signature_invalid' | 'timestamp_stale' };

export function verifySignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: Buffer,
  now: Date,
): SignatureCheck {
  const ts = headers.timestamp?.trim();
  const given = headers.signature?.trim().toLowerCase();
  if (!ts || !given || !/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'signature_invalid' };
  // The signature first: an unsigned caller learns nothing about our clock.
  if (!safeEqual(given, signature(secret, ts, rawBody))) return { ok: false, reason: 'signature_invalid' };
  if (Math.abs(now.getTime() / 1000 - Number(ts)) > TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp_stale' };
  return { ok: true, signature: given };
}

/** Telegram's secret URL path token, derived from the channel secret (so nothing more is stored). */
export function telegramPathToken(secret: string): string {
  return createHmac('sha256', secret).update('telegram-path').digest('base64url').slice(0, 32);
}
