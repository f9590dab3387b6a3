import { describe, expect, it } from 'vitest';
import { newSigningSecret, signature, telegramPathToken, verifySignature } from './webhook-signature.ts';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = Buffer.from('{"a":1}');
  const now = new Date('2026-03-02T08:00:00Z');
  const ts = String(now.getTime() / 1000);

  it('matches the documented recipe: HMAC-SHA256 over "<timestamp>.<body>"', () => {
    // echo -n '1772438400.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    expect(signature(secret, '1772438400', '{"a":1}')).toBe('sha256=c737f27285d7ea19e8a7d8e1914486a20bee96c2e347edf54a62599c3a0e9bb9');
  });

  const cases: [string, { timestamp?: string; signature?: string }, string | true][] = [
    ['valid', { timestamp: ts, signature: signature(secret, ts, body) }, true],
    ['upper-case hex', { timestamp: ts, signature: signature(secret, ts, body).toUpperCase().replace('SHA256=', 'sha256=') }, true],
    ['4 min old', { timestamp: String(Number(ts) - 240), signature: signature(secret, String(Number(ts) - 240), body) }, true],
    ['6 min old', { timestamp: String(Number(ts) - 360), signature: signature(secret, String(Number(ts) - 360), body) }, 'timestamp_stale'],
    ['6 min ahead', { timestamp: String(Number(ts) + 360), signature: signature(secret, String(Number(ts) + 360), body) }, 'timestamp_stale'],
    ['other secret', { timestamp: ts, signature: signature('other', ts, body) }, 'signature_invalid'],
    ['timestamp not signed', { timestamp: String(Number(ts) + 1), signature: signature(secret, ts, body) }, 'signature_invalid'],
    ['no signature', { timestamp: ts }, 'signature_invalid'],
    ['no timestamp', { signature: signature(secret, ts, body) }, 'signature_invalid'],
    ['milliseconds', { timestamp: `${ts}000x`, signature: 'sha256=00' }, 'signature_invalid'],
  ];
  it.each(cases)('%s', (_label, headers, expected) => {
    const result = verifySignature(secret, { timestamp: headers.timestamp, signature: headers.signature }, body, now);
    expect(result.ok ? true : result.reason).toBe(expected);
  });

  it('secrets are fresh and usable as Telegram secret tokens; path tokens are stable per secret', () => {
    const a = newSigningSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(a).not.toBe(newSigningSecret());
    expect(telegramPathToken(a)).toBe(telegramPathToken(a));
    expect(telegramPathToken(a)).not.toBe(telegramPathToken(newSigningSecret()));
  });
});
