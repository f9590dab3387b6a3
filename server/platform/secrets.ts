import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * Secrets Gapwise must be able to read back (IMAP passwords, webhook signing secrets), encrypted
 * at rest with AES-256-GCM. The key comes from GAPWISE_SECRET_KEY (32 bytes, base64 or hex); without
 * it, from `<data dir>/secret.key`, created on first use (mode 0600). Several app instances on one
 * PostgreSQL must share GAPWISE_SECRET_KEY: a key file is per machine.
 *
 * Sealed form: `v1:<base64 of iv(12) | tag(16) | ciphertext>`. The version prefix lets the key or
 * the scheme change later without guessing what a stored value is.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox: the key must be 32 bytes');
    this.#key = key;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** Throws when the value was not sealed with this key (or was tampered with). */
  open(sealed: string): string {
    if (!sealed.startsWith('v1:')) throw new Error('SecretBox: unknown sealed format');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    if (raw.length < 28) throw new Error('SecretBox: sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** Parses GAPWISE_SECRET_KEY: 32 bytes as 64 hex digits or base64. Undefined when it is not one. */
export function parseSecretKey(value: string): Buffer | undefined {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

const boxes = new Map<string, SecretBox>();

/** The instance's SecretBox (one per key source, made once). */
export function secretBoxFor(config: Pick<Config, 'dataDir' | 'secretKey'>): SecretBox {
  const source = config.secretKey ? `env:${config.secretKey}` : `file:${config.dataDir}`;
  let box = boxes.get(source);
  if (!box) {
    box = new SecretBox(config.secretKey ? (parseSecretKey(config.secretKey) as Buffer) : keyFromFile(config.dataDir));
    boxes.set(source, box);
  }
  return box;
}

function keyFromFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx': two processes starting at once cannot both write a key; the loser reads the winner's.
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  const key = parseSecretKey(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte key (base64 or hex)`);
  return key;
}
