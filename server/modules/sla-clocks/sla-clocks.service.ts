/**
 * SLA clocks stored on tickets (issue 3, item 5). The clock engine (sla/clocks) derives a ticket's
 * clocks from its events and the policies in force; this module stores them in `ticket_clocks`,
 * keeps the ticket's SLA summary columns in step, and serves them to the API. Called in the same
 * transaction as every ticket change, so stored clocks never lag behind the events.
 */
import type { Kysely } from 'kysely';
import type { TicketSlaDto } from '../../../contracts/sla.ts';
import type { DB, Ticket } from '../../platform/schema.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import type { ClockInstance, ClockMetric, ClockPolicy, ClockTarget, PolicyFor } from '../sla/clocks/clock-types.ts';
import { computeClocks } from '../sla/clocks/compute-clocks.ts';
import { type ClockPolicyResolver, loadClockPolicyResolver } from '../sla-policies/policy-resolver.ts';
import { CalendarIndex, loadCalendars } from './calendar-index.ts';
import { toTicketSlaDto } from './clock-dto.ts';
import { byMetricAndInstance, type ClockRow, keepFulfilled, summarize, toClockRow } from './clock-rows.ts';
import * as repo from './sla-clocks.repository.ts';

/**
 * The policy resolver, optionally able to say a policy's warning offsets for a metric (seconds
 * relative to due_at; negative ones warn). Without them no clock is ever "imminent".
 */
export type SlaClockResolver = ClockPolicyResolver & {
  warningOffsetsFor?(policyId: string, metric: ClockMetric): readonly number[];
};

export interface RefreshedTicket {
  ticket: Ticket;
  clocks: ClockRow[];
  /** Business calendars of the clocks, by id. */
  calendars: ReadonlyMap<string, BusinessCalendar>;
}

/** One workspace's policies, loaded once for any number of tickets. */
class WorkspaceClocks {
  readonly calendars: CalendarIndex;
  readonly policyFor: PolicyFor;
  /** Which policy each target object came from (targets are compared by identity). */
  readonly #policyOfTarget = new WeakMap<ClockTarget, string | null>();
  readonly #seen = new WeakSet<ClockPolicy>();

  constructor(
    readonly workspaceId: string,
    readonly resolver: SlaClockResolver | null,
    /** Why the policies could not be loaded; every ticket refreshed is flagged with it. */
    readonly error: string | null,
  ) {
    this.calendars = new CalendarIndex(workspaceId);
    this.policyFor = (priority, tierId, ticket) => {
      const policy = resolver?.policyFor(priority, tierId, ticket) ?? null;
      if (policy && resolver && !this.#seen.has(policy)) {
        this.#seen.add(policy);
        const id = resolver.policyIdFor(priority, tierId, ticket);
        for (const list of Object.values(policy.targets)) for (const target of list ?? []) this.#policyOfTarget.set(target, id);
      }
      return policy;
    };
  }

  toRow(instance: ClockInstance, computedAt: Date): ClockRow {
    const policyId = this.#policyOfTarget.get(instance.target) ?? null;
    const target = instance.target;
    return toClockRow(instance, {
      policyId,
      calendarId: target.mode === 'business' ? this.calendars.idOf(target.calendar) : null,
      warningOffsets: policyId ? (this.resolver?.warningOffsetsFor?.(policyId, instance.metric) ?? []) : [],
      computedAt,
    });
  }
}

async function loadWorkspaceClocks(db: Kysely<DB>, workspaceId: string, resolver?: SlaClockResolver): Promise<WorkspaceClocks> {
  if (resolver) return new WorkspaceClocks(workspaceId, resolver, null);
  try {
    return new WorkspaceClocks(workspaceId, await loadClockPolicyResolver(db, workspaceId), null);
  } catch (error) {
    return new WorkspaceClocks(workspaceId, null, `SLA policies could not be loaded: ${messageOf(error)}`);
  }
}

/**
 * Recomputes one ticket's clocks from its events and stores them; updates the ticket's SLA
 * columns and returns the updated ticket with its clocks. Idempotent. Call it in the transaction
 * that changed the ticket, after the writer. `resolver` defaults to the workspace's policies.
 */
export async function refreshTicketClocks(
  db: Kysely<DB>,
  ticket: Ticket | { workspace_id: string; id: string },
  now: Date,
  resolver?: SlaClockResolver,
): Promise<RefreshedTicket> {
  const row = 'status' in ticket ? ticket : await repo.findTicketForRefresh(db, ticket.workspace_id, ticket.id);
  if (!row) throw new Error(`refreshTicketClocks: no ticket ${ticket.id}`);
  const context = await loadWorkspaceClocks(db, row.workspace_id, resolver);
  const [refreshed] = await refreshBatch(db, context, [row], now, { keepFulfilled: true });
  if (!refreshed) throw new Error(`refreshTicketClocks: ticket ${row.id} was not updated`);
  return refreshed;
}

export interface RecomputeOptions {
  /** true: tickets not closed, keeping fulfilled clocks as stored; false: every ticket, wholly from history. */
  onlyOpen: boolean;
  batchSize?: number;
  resolver?: SlaClockResolver;
  onProgress?: (progress: { processed: number }) => void;
}

/**
 * Recomputes the clocks of a workspace's tickets, in batches (one query for the events of a whole
 * batch, one transaction per batch unless `db` is already a transaction). For the recompute job
 * after a policy or calendar change (onlyOpen), and for a historical recompute (all tickets).
 */
export async function recomputeWorkspaceClocks(db: Kysely<DB>, workspaceId: string, now: Date, options: RecomputeOptions): Promise<{ processed: number }> {
  const context = await loadWorkspaceClocks(db, workspaceId, options.resolver);
  const limit = options.batchSize ?? 500;
  let afterId: string | null = null;
  let processed = 0;
  for (;;) {
    const batch = async (trx: Kysely<DB>) => {
      const tickets = await repo.listTicketsForRecompute(trx, workspaceId, { afterId, limit, onlyOpen: options.onlyOpen });
      await refreshBatch(trx, context, tickets, now, { keepFulfilled: options.onlyOpen });
      return tickets;
    };
    const tickets = db.isTransaction ? await batch(db) : await db.transaction().execute(batch);
    processed += tickets.length;
    options.onProgress?.({ processed });
    if (tickets.length < limit) return { processed };
    afterId = tickets[tickets.length - 1]?.id ?? null;
  }
}

/** A ticket's SLA for GET /tickets/:id: its clocks in one query, their calendars in another. */
export async function loadTicketSla(db: Kysely<DB>, ticket: Ticket, now: Date): Promise<TicketSlaDto> {
  const rows = (await repo.loadClockRows(db, ticket.workspace_id, [ticket.id])) as ClockRow[];
  const ids = rows.filter((r) => r.calendar_id && (r.state === 'active' || r.state === 'paused')).map((r) => r.calendar_id as string);
  const calendars = ids.length > 0 ? await loadCalendars(db, ticket.workspace_id, ids) : new Map<string, BusinessCalendar>();
  return toTicketSlaDto(ticket, sortRows(rows), calendars, now);
}

/** The SLA of a ticket just refreshed (no query). */
export function refreshedTicketSla(refreshed: RefreshedTicket, now: Date): TicketSlaDto {
  return toTicketSlaDto(refreshed.ticket, refreshed.clocks, refreshed.calendars, now);
}

interface Computed {
  ticket: Ticket;
  asOf: Date;
  instances: ClockInstance[] | null;
  error: string | null;
}

async function refreshBatch(
  db: Kysely<DB>,
  context: WorkspaceClocks,
  tickets: Ticket[],
  now: Date,
  options: { keepFulfilled: boolean },
): Promise<RefreshedTicket[]> {
  if (tickets.length === 0) return [];
  const ids = tickets.map((t) => t.id);
  const events = groupBy(await repo.loadClockEvents(db, context.workspaceId, ids), (e) => e.ticket_id);
  const stored = groupBy((await repo.loadClockRows(db, context.workspaceId, ids)) as (ClockRow & { ticket_id: string })[], (r) => r.ticket_id);

  const computed: Computed[] = tickets.map((ticket) => {
    const history = events.get(ticket.id) ?? [];
    // Every stored event is a fact already: clocks are computed as of the latest one at least.
    const last = history.reduce((max, e) => Math.max(max, e.occurred_at.getTime()), now.getTime());
    const asOf = new Date(last);
    if (context.error) return { ticket, asOf, instances: null, error: context.error };
    try {
      return { ticket, asOf, instances: computeClocks(history, context.policyFor, asOf), error: null };
    } catch (error) {
      return { ticket, asOf, instances: null, error: `SLA clocks could not be computed: ${messageOf(error)}` };
    }
  });
  if (computed.some((c) => c.instances?.some((i) => i.target.mode === 'business'))) await context.calendars.load(db);

  const rewritten: string[] = [];
  const newRows: (ClockRow & { ticket_id: string })[] = [];
  const clocksOf = new Map<string, ClockRow[]>();
  const updates = computed.map(({ ticket, asOf, instances, error }) => {
    const old = sortRows(stored.get(ticket.id) ?? []);
    let rows: ClockRow[] = old;
    if (instances) {
      const fresh = instances.map((i) => context.toRow(i, asOf));
      rows = options.keepFulfilled ? keepFulfilled(fresh, old) : fresh;
      rewritten.push(ticket.id);
      for (const r of rows) newRows.push({ ...r, ticket_id: ticket.id });
    }
    clocksOf.set(ticket.id, rows);
    return { id: ticket.id, ...summarize(rows, asOf), sla_error: error };
  });
  await repo.replaceClockRows(db, context.workspaceId, rewritten, newRows);
  const updated = await repo.updateTicketSla(db, context.workspaceId, updates);
  return updated.map((ticket) => ({ ticket, clocks: clocksOf.get(ticket.id) ?? [], calendars: context.calendars.compiled }));
}

function sortRows<R extends ClockRow>(rows: R[]): R[] {
  return [...rows].sort(byMetricAndInstance);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
