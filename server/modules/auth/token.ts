import { createHash, randomBytes } from 'node:crypto';

/** Random secret tokens (session cookies, API keys): stored only as a SHA-256 hash. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
