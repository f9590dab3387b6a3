import { type Kysely, sql } from 'kysely';
import { idRange, numberArray, uuidArray, wordArray } from '../../platform/array-literals.ts';
import { newId } from '../../platform/ids.ts';
import type { DB } from '../../platform/schema.ts';
import type { PlannedEscalation, StoredEscalation } from './escalation-plan.ts';

/** The scheduled and fired rows of these tickets (what planning compares against). */
export function listLiveEscalations(db: Kysely<DB>, workspaceId: string, ticketIds: string[]): Promise<(StoredEscalation & { ticket_id: string })[]> {
  if (ticketIds.length === 0) return Promise.resolve([]);
  const { lo, hi } = idRange(ticketIds);
  return db
    .selectFrom('sla_escalations')
    .select(['id', 'ticket_id', 'metric', 'instance', 'offset_minutes', 'due_at', 'fire_at', 'state'])
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`ticket_id between ${lo}::uuid and ${hi}::uuid and ticket_id = any(${uuidArray(ticketIds)}::uuid[])`)
    .where('state', 'in', ['scheduled', 'fired'])
    .execute();
}

export async function cancelEscalations(db: Kysely<DB>, workspaceId: string, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('sla_escalations')
    .set({ state: 'cancelled', cancelled_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('state', '=', 'scheduled')
    .execute();
}

/**
 * Inserts planned rows; a row already stored under the same key is re-timed (or revived when it
 * was cancelled — the due time came back to the same instant), never touched once fired. One
 * statement with a parameter per column (`unnest`), not per value: a recompute plans a row for
 * most tickets, and building and binding eleven parameters per row was most of this statement's
 * cost to the app.
 */
export async function upsertEscalations(db: Kysely<DB>, workspaceId: string, rows: (PlannedEscalation & { ticket_id: string })[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const nowMs = now.getTime();
  await sql`
    insert into sla_escalations as e (id, workspace_id, ticket_id, metric, instance, offset_minutes, policy_id, due_at, fire_at, state, scheduled_at)
    select v.id, ${workspaceId}, v.ticket_id, v.metric, v.instance, v.offset_minutes, v.policy_id, to_timestamp(v.due_ms / 1000), to_timestamp(v.fire_ms / 1000), 'scheduled', ${now}
    from unnest(
      ${uuidArray(rows.map(() => newId(nowMs)))}::uuid[], ${uuidArray(rows.map((r) => r.ticket_id))}::uuid[], ${wordArray(rows.map((r) => r.metric))}::text[],
      ${numberArray(rows.map((r) => r.instance))}::int[], ${numberArray(rows.map((r) => r.offset_minutes))}::int[], ${uuidArray(rows.map((r) => r.policy_id))}::uuid[],
      ${numberArray(rows.map((r) => r.due_at.getTime()))}::float8[], ${numberArray(rows.map((r) => r.fire_at.getTime()))}::float8[]
    ) as v(id, ticket_id, metric, instance, offset_minutes, policy_id, due_ms, fire_ms)
    on conflict (ticket_id, metric, instance, offset_minutes, due_at) do update
    set fire_at = excluded.fire_at, policy_id = excluded.policy_id, scheduled_at = excluded.scheduled_at, state = 'scheduled', cancelled_at = null
    where e.state <> 'fired'`.execute(db);
}

/**
 * The next rows due, across all workspaces (the sweeper is one job for the whole instance),
 * in firing order after `after` (keyset on (fire_at, id)).
 */
export function listDueEscalations(db: Kysely<DB>, now: Date, after: { fireAt: Date; id: string } | null, limit: number) {
  let q = db
    .selectFrom('sla_escalations')
    .select(['id', 'workspace_id', 'ticket_id', 'fire_at'])
    .where('state', '=', 'scheduled')
    .where('fire_at', '<=', now);
  if (after) {
    const { fireAt, id } = after;
    q = q.where((eb) => eb.or([eb('fire_at', '>', fireAt), eb.and([eb('fire_at', '=', fireAt), eb('id', '>', id)])]));
  }
  return q.orderBy('fire_at').orderBy('id').limit(limit).execute();
}

/** The row if it is still scheduled, locked; null when another sweep got to it first. */
export function lockScheduledEscalation(db: Kysely<DB>, workspaceId: string, id: string) {
  return db
    .selectFrom('sla_escalations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('state', '=', 'scheduled')
    .forUpdate()
    .executeTakeFirst();
}

export async function markFired(db: Kysely<DB>, workspaceId: string, id: string, now: Date): Promise<void> {
  await db.updateTable('sla_escalations').set({ state: 'fired', fired_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export function findClock(db: Kysely<DB>, workspaceId: string, ticketId: string, metric: string, instance: number) {
  return db
    .selectFrom('ticket_clocks')
    .select(['state', 'due_at', 'policy_id', 'mode'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('metric', '=', metric)
    .where('instance', '=', instance)
    .executeTakeFirst();
}

export function findPolicyRules(db: Kysely<DB>, workspaceId: string, policyId: string) {
  return db
    .selectFrom('sla_policies')
    .select(['id', 'name', 'active', 'escalation_rules'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', policyId)
    .executeTakeFirst();
}

export async function teamExists(db: Kysely<DB>, workspaceId: string, teamId: string): Promise<boolean> {
  const row = await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('id', '=', teamId).executeTakeFirst();
  return row !== undefined;
}

export async function isTeamMember(db: Kysely<DB>, workspaceId: string, teamId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function teamMemberIds(db: Kysely<DB>, workspaceId: string, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** A ticket's rows in firing order (what was scheduled, fired and cancelled). */
export function listTicketEscalations(db: Kysely<DB>, workspaceId: string, ticketId: string) {
  return db
    .selectFrom('sla_escalations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .orderBy('fire_at')
    .orderBy('offset_minutes')
    .orderBy('id')
    .execute();
}

/**
 * Cancelled warnings older than `before`. Fired rows are kept: they are what makes each rule fire
 * exactly once. A cancelled one only matters while its due time can come back; if it does after
 * this, the scheduler plans the rule afresh, which is what a revival does anyway.
 */
export async function pruneCancelled(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db.deleteFrom('sla_escalations').where('state', '=', 'cancelled').where('cancelled_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
