import type { Kysely } from 'kysely';
import { iso } from '../../../contracts/common.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { newId } from '../../platform/ids.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import * as repo from './audit.repository.ts';

/**
 * Records an admin change. Call it with the same transaction as the change,
 * so the audit row exists exactly when the change does.
 */
export async function recordAudit(
  db: Kysely<DB>,
  ctx: RequestContext,
  action: string,
  entity: { type: string; id: string | null },
  changes: Record<string, unknown> = {},
) {
  await repo.insertAuditRow(db, {
    id: newId(ctx.now.getTime()),
    workspace_id: ctx.workspaceId,
    actor_type: ctx.actor.kind,
    actor_id: ctx.actor.id,
    action,
    entity_type: entity.type,
    entity_id: entity.id,
    changes: redact(changes),
    ip: ctx.ip ?? null,
    occurred_at: ctx.now,
  });
}

const SECRET_FIELDS = new Set(['password', 'password_hash', 'key', 'key_hash', 'token']);
function redact(changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : v]));
}

export async function listAudit(
  db: Kysely<DB>,
  ctx: RequestContext,
  query: { cursor?: string | undefined; limit: number; entity_type?: string | undefined; entity_id?: string | undefined; actor_id?: string | undefined },
) {
  const before = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listAuditRows(db, ctx.workspaceId, {
    entityType: query.entity_type,
    entityId: query.entity_id,
    actorId: query.actor_id,
    before,
    limit: query.limit,
  });
  return toPage(
    rows,
    query.limit,
    (r) => [r.id],
    (r) => ({
      id: r.id,
      actor_type: r.actor_type,
      actor_id: r.actor_id,
      action: r.action,
      entity_type: r.entity_type,
      entity_id: r.entity_id,
      changes: r.changes,
      ip: r.ip,
      occurred_at: iso(r.occurred_at) as string,
    }),
  );
}
