import type { IdentityKind } from '../../platform/schema.ts';

/**
 * Identities are stored normalised so the same person is found whichever
 * way they wrote it: emails lowercased, phone numbers as digits with an
 * optional leading +.
 */
export function normalizeIdentity(kind: IdentityKind, value: string): string {
  const v = value.trim();
  if (kind === 'email') return v.toLowerCase();
  if (kind === 'phone') return (v.startsWith('+') ? '+' : '') + v.replace(/\D/g, '');
  return v;
}
