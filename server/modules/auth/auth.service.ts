import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB } from '../../platform/schema.ts';
import type { Actor } from './actor.ts';
import * as repo from './auth.repository.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { hashSecret, newSecret } from './token.ts';

export interface LoginInput {
  email: string;
  password: string;
  workspace?: string | undefined;
}

/** An email in more workspaces than this must name its workspace to sign in (bounds the hashing work). */
const MAX_WORKSPACES_PER_EMAIL = 5;

type LoginLimits = Pick<Config, 'loginMaxPerAccount' | 'loginMaxPerIp' | 'loginWindowMs' | 'sessionTtlMs'>;

/**
 * Checks the password and opens a session. Failures are throttled per
 * account and per IP (counted in the database, so several app instances
 * share the count). Unknown accounts cost the same time as wrong passwords.
 */
export async function login(
  db: Kysely<DB>,
  limits: LoginLimits,
  input: LoginInput,
  client: { ip: string | null; userAgent: string | null },
  now: Date,
) {
  const email = input.email.trim().toLowerCase();
  const accountKey = `account:${email}`;
  const ipKey = `ip:${client.ip ?? 'unknown'}`;
  const since = new Date(now.getTime() - limits.loginWindowMs);
  const retryAfterSeconds = Math.ceil(limits.loginWindowMs / 1000);
  if (
    (await repo.countRecentLoginFailures(db, accountKey, since)) >= limits.loginMaxPerAccount ||
    (await repo.countRecentLoginFailures(db, ipKey, since)) >= limits.loginMaxPerIp
  ) {
    throw new AppError('rate_limited', 'Too many failed sign-in attempts; try again later', { retryAfterSeconds });
  }

  const candidates = await repo.findActiveUsersByEmail(db, email);
  const matching = input.workspace ? candidates.filter((c) => c.slug === input.workspace) : candidates;
  // Check the password before saying anything about the account, so that
  // someone without it learns nothing (not even that the email is in several
  // workspaces). An unknown account costs one hash like a wrong password.
  const verified: typeof matching = [];
  for (const c of matching.length > 0 ? matching.slice(0, MAX_WORKSPACES_PER_EMAIL) : [null]) {
    const ok = await verifyPassword(input.password, c?.password_hash ?? (await dummyPasswordHash()));
    if (c?.password_hash && ok) verified.push(c);
  }
  const user = verified[0];
  if (!user) {
    await repo.recordLoginFailure(db, [accountKey, ipKey], now);
    throw new AppError('invalid_credentials', 'Email or password is wrong');
  }
  if (verified.length > 1) {
    throw new AppError('validation_failed', 'This email belongs to several workspaces; say which one', {
      issues: [{ path: 'body.workspace', message: 'required: the workspace slug' }],
    });
  }
  await repo.clearLoginFailures(db, accountKey);

  const token = newSecret('gws_');
  const expiresAt = new Date(now.getTime() + limits.sessionTtlMs);
  const sessionId = newId(now.getTime());
  await repo.insertSession(db, {
    id: sessionId,
    token_hash: hashSecret(token),
    workspace_id: user.workspace_id,
    user_id: user.id,
    expires_at: expiresAt,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 500) ?? null,
    now,
  });
  return { token, expiresAt, sessionId, userId: user.id, workspaceId: user.workspace_id, role: user.role, isInstanceAdmin: user.is_instance_admin };
}

export async function logout(db: Kysely<DB>, actor: Actor, now: Date) {
  if (actor.sessionId) await repo.revokeSession(db, actor.sessionId, now);
}

export async function actorFromSessionToken(db: Kysely<DB>, token: string, now: Date): Promise<Actor | null> {
  const s = await repo.findLiveSession(db, hashSecret(token), now);
  if (!s) return null;
  return {
    kind: 'user',
    id: s.user_id,
    userId: s.user_id,
    workspaceId: s.workspace_id,
    role: s.role,
    isInstanceAdmin: s.is_instance_admin,
    sessionId: s.id,
  };
}

export async function actorFromApiKey(db: Kysely<DB>, key: string, now: Date): Promise<Actor | null> {
  const k = await repo.findLiveApiKey(db, hashSecret(key), now);
  if (!k) return null;
  await repo.touchApiKey(db, k.id, now);
  return {
    kind: 'api_key',
    id: k.id,
    userId: null,
    workspaceId: k.workspace_id,
    role: k.role,
    isInstanceAdmin: false,
    sessionId: null,
  };
}
