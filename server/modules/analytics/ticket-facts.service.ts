import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import { buildTicketFact, type TicketFact } from './ticket-facts-rules.ts';
import * as repo from './ticket-facts.repository.ts';
import { factDays, markDays } from './rollup.repository.ts';
import { refreshRollup } from './rollup.service.ts';

/**
 * Keeps `ticket_facts` (migration 0016) in step with the raw rows. Writers only mark tickets
 * dirty (`markTicketsDirty`, in their own transaction: ticket events, clock recomputes, survey
 * responses); `refreshTicketFacts` rebuilds the marked tickets in batches, run every minute by the
 * `analytics.facts.refresh` job and directly by tests, the demo seeder and `rebuildTicketFacts`.
 */

export { markTicketsDirty } from './ticket-facts.repository.ts';

/** Tickets per batch: one transaction, four loading queries and one upsert each. */
const BATCH = 500;

export interface RefreshOptions {
  /** Only this workspace's dirty tickets (default: every workspace's). */
  workspaceId?: string | undefined;
  /** Stop after about this many tickets (default: until the queue is empty). */
  limit?: number | undefined;
  /** The instant running SLA clocks are judged at (past due = breached). Default: the current time. */
  now?: Date | undefined;
  /** Batches in flight at once on a connection pool (several transactions; skip locked keeps them apart). Default 1. */
  concurrency?: number | undefined;
}

/**
 * Rebuilds the facts of dirty tickets, one transaction per batch. Rows are taken `for update skip
 * locked` and deleted only at the version read, so several instances share the work without
 * building a ticket twice at once, and a ticket marked again meanwhile is rebuilt again next time.
 * Returns the number of tickets rebuilt.
 */
export async function refreshTicketFacts(db: Kysely<DB>, options: RefreshOptions = {}): Promise<{ refreshed: number }> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  // A running clock that passed its due time is breached without any event: rebuild those too.
  await repo.markRecheckDue(db, now, options.workspaceId);
  let refreshed = 0;
  const worker = async () => {
    while (refreshed < limit) {
      const size = Math.min(BATCH, limit - refreshed);
      const done = db.isTransaction ? await refreshBatch(db, size, now, options.workspaceId) : await db.transaction().execute((trx) => refreshBatch(trx, size, now, options.workspaceId));
      if (done === 0) return;
      refreshed += done;
    }
  };
  const concurrency = db.isTransaction ? 1 : Math.max(1, options.concurrency ?? 1);
  await Promise.all(Array.from({ length: concurrency }, worker));
  // The rollup's days marked by the batches (and any rollup still to start) are rebuilt now.
  await refreshRollup(db, { workspaceId: options.workspaceId });
  return { refreshed };
}

async function refreshBatch(trx: Kysely<DB>, size: number, now: Date, workspaceId: string | undefined): Promise<number> {
  const claimed = await repo.claimDirty(trx, size, workspaceId);
  if (claimed.length === 0) return 0;
  const byWorkspace = new Map<string, string[]>();
  for (const row of claimed) {
    const list = byWorkspace.get(row.workspace_id) ?? [];
    list.push(row.ticket_id);
    byWorkspace.set(row.workspace_id, list);
  }
  const facts: TicketFact[] = [];
  // The rollup's days of the facts as they were and as they are rebuilt (both marked at the end).
  const days: { workspaceId: string; day: string }[] = [];
  for (const [ws, ids] of byWorkspace) {
    for (const day of await factDays(trx, ws, ids)) days.push({ workspaceId: ws, day });
    const inputs = await repo.loadFactInputs(trx, ws, ids);
    for (const ticket of inputs.tickets) {
      facts.push(buildTicketFact(ticket, inputs.events.get(ticket.id) ?? [], inputs.clocks.get(ticket.id) ?? [], inputs.surveys.get(ticket.id) ?? null, now));
    }
    const found = new Set(inputs.tickets.map((t) => t.id));
    await repo.deleteFacts(
      trx,
      ws,
      ids.filter((id) => !found.has(id)),
    );
  }
  await repo.upsertFacts(trx, facts);
  for (const [ws, ids] of byWorkspace) for (const day of await factDays(trx, ws, ids)) days.push({ workspaceId: ws, day });
  await markDays(trx, days);
  await repo.deleteDirty(trx, claimed);
  return claimed.length;
}

/**
 * Rebuilds every ticket's facts (of one workspace, or all): marks them all, then refreshes until
 * the queue is empty. For existing data and the benchmark's "time to build the aggregates".
 */
export async function rebuildTicketFacts(
  db: Kysely<DB>,
  workspaceId?: string,
  options: Omit<RefreshOptions, 'workspaceId' | 'limit'> = {},
): Promise<{ refreshed: number }> {
  await repo.markAllTicketsDirty(db, workspaceId);
  return refreshTicketFacts(db, { ...options, workspaceId });
}

/** Tickets waiting for a rebuild (for tests and monitoring). */
export function pendingTicketFacts(db: Kysely<DB>, workspaceId?: string): Promise<number> {
  return repo.countDirty(db, workspaceId);
}
