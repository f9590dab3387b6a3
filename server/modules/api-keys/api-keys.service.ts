import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { ApiKeyDto, createApiKeyBody, CreatedApiKeyDto } from '../../../contracts/api-keys.ts';
import { iso } from '../../../contracts/common.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { ApiKeysTable, DB } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { canGrantRole, type RequestContext } from '../auth/actor.ts';
import { hashSecret, newSecret } from '../auth/token.ts';
import * as repo from './api-keys.repository.ts';

/** How much of the key is kept in clear, to tell keys apart in lists ("gwk_" + 8 characters). */
const PREFIX_LENGTH = 12;

/** Never exposes the key nor its hash: the row only holds the hash anyway. */
export function toApiKeyDto(k: Selectable<ApiKeysTable>): ApiKeyDto {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.role,
    created_by: k.created_by,
    created_at: iso(k.created_at) as string,
    last_used_at: iso(k.last_used_at),
    expires_at: iso(k.expires_at),
    revoked_at: iso(k.revoked_at),
  };
}

/**
 * Creates a key and returns it in clear exactly once; only its SHA-256 hash
 * is stored, so a lost key cannot be shown again, only revoked and replaced.
 */
export async function createApiKey(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createApiKeyBody>): Promise<CreatedApiKeyDto> {
  // Keys are made by people: a leaked key must not be able to mint its own replacements.
  if (ctx.actor.kind !== 'user') throw forbidden('API keys can only be created by a signed-in user');
  if (!canGrantRole(ctx.actor, input.role)) throw forbidden(`You cannot create an API key with role ${input.role}`);
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  if (expiresAt && expiresAt.getTime() <= ctx.now.getTime()) {
    throw new AppError('validation_failed', 'expires_at must be in the future', {
      issues: [{ path: 'body.expires_at', message: 'must be in the future' }],
    });
  }
  const key = newSecret('gwk_');
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertApiKey(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      prefix: key.slice(0, PREFIX_LENGTH),
      key_hash: hashSecret(key),
      role: input.role,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      expires_at: expiresAt,
    });
    await recordAudit(trx, ctx, 'api_key.created', { type: 'api_key', id: row.id }, {
      name: row.name,
      role: row.role,
      prefix: row.prefix,
      expires_at: iso(row.expires_at),
    });
    return { ...toApiKeyDto(row), key };
  });
}

export async function listApiKeys(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listApiKeys(db, ctx.workspaceId, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toApiKeyDto);
}

/** Revoking is final and idempotent: a key revoked twice keeps its first revocation time. */
export async function revokeApiKey(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.findApiKey(trx, ctx.workspaceId, id))) throw notFound('API key');
    const revoked = await repo.revokeApiKey(trx, ctx.workspaceId, id, ctx.now);
    if (revoked) await recordAudit(trx, ctx, 'api_key.revoked', { type: 'api_key', id }, { prefix: revoked.prefix });
  });
}
