import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecretKey, SecretBox, secretBoxFor } from './secrets.ts';

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 7));

  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = box.seal('imap password ñ ภาษาไทย');
    const b = box.seal('imap password ñ ภาษาไทย');
    expect(a).not.toBe(b);
    expect(a).not.toContain('password');
    expect(box.open(a)).toBe('imap password ñ ภาษาไทย');
  });

  it('refuses a value sealed with another key or tampered with', () => {
    const sealed = box.seal('secret');
    expect(() => new SecretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(() => box.open(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => box.open('plain text')).toThrow(/format/);
  });

  it.each([
    ['64 hex digits', 'ab'.repeat(32), true],
    ['base64 of 32 bytes', Buffer.alloc(32, 1).toString('base64'), true],
    ['too short', 'abcd', false],
    ['base64 of 16 bytes', Buffer.alloc(16, 1).toString('base64'), false],
  ])('parseSecretKey: %s', (_name, value, ok) => {
    expect(parseSecretKey(value) !== undefined).toBe(ok);
  });

  it('without GAPWISE_SECRET_KEY keeps a private key file in the data dir, the same on every start', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gapwise-secrets-'));
    const sealed = secretBoxFor({ dataDir, secretKey: undefined }).seal('x');
    const file = path.join(dataDir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const reopened = new SecretBox(parseSecretKey(readFileSync(file, 'utf8')) as Buffer);
    expect(reopened.open(sealed)).toBe('x');
  });
});
