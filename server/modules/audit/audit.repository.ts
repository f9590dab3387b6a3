import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';

export async function insertAuditRow(
  db: Kysely<DB>,
  row: {
    id: string;
    workspace_id: string;
    actor_type: string;
    actor_id: string | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    changes: Record<string, unknown>;
    ip: string | null;
    occurred_at: Date;
  },
) {
  await db.insertInto('audit_log').values({ ...row, changes: JSON.stringify(row.changes) }).execute();
}

export function listAuditRows(
  db: Kysely<DB>,
  workspaceId: string,
  filter: { entityType?: string | undefined; entityId?: string | undefined; actorId?: string | undefined; before?: string | undefined; limit: number },
) {
  let q = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.before) q = q.where('id', '<', filter.before);
  return q.orderBy('id', 'desc').limit(filter.limit + 1).execute();
}
