/**
 * SLA clocks stored on tickets (issue 3, item 5). The clock engine (sla/clocks) derives a ticket's
 * clocks from its events and the policies in force; this module stores them in `ticket_clocks`,
 * keeps the ticket's SLA summary columns in step, and serves them to the API. Called in the same
 * transaction as every ticket change, so stored clocks never lag behind the events.
 */
import type { Kysely } from 'kysely';
import type { TicketSlaDto } from '../../../contracts/sla.ts';
import type { DB, Ticket, TicketSlaSummary, TicketWithSla } from '../../platform/schema.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import type { ClockInstance, ClockMetric, ClockPolicy, ClockTarget, ClockTicketPriority, ClockTicketState, PolicyFor } from '../sla/clocks/clock-types.ts';
import { computeClocks } from '../sla/clocks/compute-clocks.ts';
import { type ClockPolicyResolver, loadClockPolicyResolver, type PolicyIssue } from '../sla-policies/policy-resolver.ts';
import { CalendarIndex, loadCalendars } from './calendar-index.ts';
import { toTicketSlaDto } from './clock-dto.ts';
import { byMetricAndInstance, type ClockRow, diffClockRows, keepFulfilled, summarize, toClockRow } from './clock-rows.ts';
import { loadEscalationSchedule } from '../sla-escalations/escalation-scheduler.ts';
import * as repo from './sla-clocks.repository.ts';
import { markTicketsDirty } from '../analytics/ticket-facts.repository.ts';

/**
 * The policy resolver, optionally able to say a policy's warning offsets for a metric (seconds
 * relative to due_at; negative ones warn). Without them no clock is ever "imminent".
 */
export type SlaClockResolver = ClockPolicyResolver & {
  warningOffsetsFor?(policyId: string, metric: ClockMetric): readonly number[];
};

export interface RefreshedTicket {
  /** The ticket with the SLA summary just stored. */
  ticket: TicketWithSla;
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
  /** Active policies the resolver had to leave out; every ticket refreshed is flagged with them. */
  readonly skipped: string | null;

  constructor(
    readonly workspaceId: string,
    readonly resolver: SlaClockResolver | null,
    /** Why the policies could not be loaded; every ticket refreshed is flagged with it. */
    readonly error: string | null,
  ) {
    this.calendars = new CalendarIndex(workspaceId);
    this.skipped = skippedPoliciesNote(resolver?.issues ?? []);
    let last: { priority: ClockTicketPriority; tierId: string | null; ticket: ClockTicketState; policy: ClockPolicy | null } | null = null;
    this.policyFor = (priority, tierId, ticket) => {
      // The engine asks after every change of the ticket's state, mostly of its status. Policy
      // conditions never read the status or the assignee (spec, "Policies": tier, organization,
      // priority, channel, category, team, branch, tags, custom fields), so a state that differs
      // from the one asked about last only in those has the same policy. (Asking the resolver
      // again was a fifth of the engine's time in a recompute.)
      if (last && last.priority === priority && last.tierId === tierId && sameConditions(last.ticket, ticket)) return last.policy;
      const policy = resolver?.policyFor(priority, tierId, ticket) ?? null;
      if (policy && resolver && !this.#seen.has(policy)) {
        this.#seen.add(policy);
        const id = resolver.policyIdFor(priority, tierId, ticket);
        for (const list of Object.values(policy.targets)) for (const target of list ?? []) this.#policyOfTarget.set(target, id);
      }
      last = { priority, tierId, ticket, policy };
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
  const {
    refreshed: [refreshed],
  } = await refreshBatch(db, context, [row], now, { keepFulfilled: true, returnRefreshed: true });
  if (!refreshed) throw new Error(`refreshTicketClocks: ticket ${row.id} was not updated`);
  return refreshed;
}

/** Where a recompute batch ends: its last ticket, and whether it got as many as it asked for. */
interface BatchEnd {
  lastId: string;
  full: boolean;
}

export interface RecomputeOptions {
  /** true: tickets not closed, keeping fulfilled clocks as stored; false: every ticket, wholly from history. */
  onlyOpen: boolean;
  batchSize?: number;
  resolver?: SlaClockResolver;
  /** After each batch (and once before the first): tickets done, of `total` counted at the start. */
  onProgress?: (progress: { processed: number; total: number }) => void | Promise<void>;
}

/**
 * Recomputes the clocks of a workspace's tickets, in batches (one query for the events of a whole
 * batch, one transaction per batch unless `db` is already a transaction). For the recompute job
 * after a policy or calendar change (onlyOpen), and for a historical recompute (all tickets).
 * Two batches are in flight at a time outside a transaction: on PostgreSQL one batch's statements
 * run on one connection while the next batch is decoded and computed (bench/sla-recompute.ts).
 */
export async function recomputeWorkspaceClocks(db: Kysely<DB>, workspaceId: string, now: Date, options: RecomputeOptions): Promise<{ processed: number }> {
  const context = await loadWorkspaceClocks(db, workspaceId, options.resolver);
  const limit = options.batchSize ?? 1000;
  let processed = 0;
  const total = options.onProgress ? await repo.countTicketsForRecompute(db, workspaceId, options.onlyOpen) : 0;
  await options.onProgress?.({ processed, total });
  /**
   * One batch: its transaction picks its tickets itself, the next `limit` after `afterId`, locked
   * (one statement: listing them first and then locking them by id was two, and a list of ids for
   * the server to parse). `picked` learns where the batch ends as soon as they are locked, so the
   * next batch can start while this one computes.
   */
  const batch = async (trx: Kysely<DB>, afterId: string | null, picked: (end: BatchEnd | null) => void) => {
    const tickets = await repo.lockNextTicketsForRecompute(trx, workspaceId, { afterId, limit, onlyOpen: options.onlyOpen });
    const last = tickets.at(-1);
    picked(last ? { lastId: last.id, full: tickets.length === limit } : null);
    if (!last) return 0;
    const { changed } = await refreshBatch(trx, context, tickets, now, { keepFulfilled: options.onlyOpen, returnRefreshed: false });
    // Clocks changed without a ticket event: the analytics facts read them (SLA outcomes). A
    // ticket whose rows came out the same has nothing new for them.
    await markTicketsDirty(trx, workspaceId, changed);
    return tickets.length;
  };
  // Progress is reported outside the batch's transaction (on PGlite it holds the one connection).
  const done = async (count: number) => {
    processed += count;
    await options.onProgress?.({ processed, total });
  };
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let afterId: string | null = null;
  try {
    while (!failure) {
      const from = afterId;
      let picked!: (end: BatchEnd | null) => void;
      const whereItEnds = new Promise<BatchEnd | null>((resolve) => {
        picked = resolve;
      });
      if (db.isTransaction) {
        await done(await batch(db, from, picked));
      } else {
        const run: Promise<void> = db
          .transaction()
          .execute(async (trx) => {
            await repo.commitWithoutWaitingForDisk(trx);
            return batch(trx, from, picked);
          })
          .then(done)
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => {
            picked(null); // a batch that failed before locking its tickets ends the loop
            inFlight.delete(run);
          });
        inFlight.add(run);
      }
      const end = await whereItEnds;
      if (inFlight.size >= 2) await Promise.race(inFlight);
      // Fewer tickets than asked for: none are left after them.
      if (!end || !end.full) break;
      afterId = end.lastId;
    }
  } finally {
    // Never leave a batch running unobserved (these promises do not reject).
    await Promise.all(inFlight);
  }
  if (failure) throw (failure as { error: unknown }).error;
  return { processed };
}

/** A ticket's SLA for GET /tickets/:id: its clocks in one query, their calendars in another. */
export async function loadTicketSla(db: Kysely<DB>, ticket: Ticket, now: Date): Promise<TicketSlaDto> {
  const [rows, summary] = await Promise.all([
    repo.loadClockRows(db, ticket.workspace_id, [ticket.id]) as Promise<ClockRow[]>,
    repo.findTicketSla(db, ticket.workspace_id, ticket.id),
  ]);
  const ids = rows.filter((r) => r.calendar_id && (r.state === 'active' || r.state === 'paused')).map((r) => r.calendar_id as string);
  const calendars = ids.length > 0 ? await loadCalendars(db, ticket.workspace_id, ids) : new Map<string, BusinessCalendar>();
  return toTicketSlaDto(summary, sortRows(rows), calendars, now);
}

/** The SLA of a ticket just refreshed (no query). */
export function refreshedTicketSla(refreshed: RefreshedTicket, now: Date): TicketSlaDto {
  return toTicketSlaDto(refreshed.ticket, refreshed.clocks, refreshed.calendars, now);
}

interface RefreshedBatch<T> {
  /** Each ticket with its summary and clocks, when asked for (`returnRefreshed`; a recompute needs none). */
  refreshed: { ticket: T & TicketSlaSummary; clocks: ClockRow[]; calendars: ReadonlyMap<string, BusinessCalendar> }[];
  /** Tickets whose stored clock rows changed (any row written or removed). */
  changed: string[];
}

const YIELD_EVERY = 100;

/**
 * `tickets`: whole rows (returned with their summary), or only ids (the recompute needs no more).
 * Everything a ticket's clocks lead to (rows to write, their escalations, the summary) is worked
 * out right after its clocks are computed, so its events, instances and rows are garbage by the
 * next ticket: kept for the whole batch, they outlived the collector's young generation and were
 * copied on the way (V8 heap sampling of bench/sla-recompute.ts: what survived minor collections
 * went from 628 to 315 MB per 100k tickets).
 */
async function refreshBatch<T extends { id: string }>(
  db: Kysely<DB>,
  context: WorkspaceClocks,
  tickets: T[],
  now: Date,
  options: { keepFulfilled: boolean; returnRefreshed: boolean },
): Promise<RefreshedBatch<T>> {
  if (tickets.length === 0) return { refreshed: [], changed: [] };
  const ids = tickets.map((t) => t.id);
  const events = await repo.loadClockEvents(db, context.workspaceId, ids);
  // The stored rows: rows a recompute gives again are not rewritten, fulfilled ones may be kept,
  // and a ticket whose clocks could not be computed keeps them. (One indexed read, nothing when
  // none are stored, against a delete and an insert of every row.)
  const stored = await repo.loadStoredClocks(db, context.workspaceId, ids);
  // Warnings and escalations follow the clocks they were planned from, in the same transaction.
  const schedule = await loadEscalationSchedule(db, ids, {
    workspaceId: context.workspaceId,
    calendars: context.calendars.compiled,
    offsetsFor: (policyId, metric) => context.resolver?.warningOffsetsFor?.(policyId, metric as ClockMetric) ?? [],
  });

  const removed: repo.ClockKey[] = [];
  const added = new repo.ClockRowsCopy(context.workspaceId, tickets.length * 6);
  const changed: string[] = [];
  const updates: repo.TicketSlaColumns[] = [];
  const clocksOf: ClockRow[][] = [];
  for (let n = 0; n < tickets.length; n++) {
    const ticket = tickets[n] as T;
    // A recompute keeps two batches in flight: every hundred tickets this one lets the other's
    // finished statements be answered, so its next statement starts on the server while this one
    // computes, rather than after the whole batch (about 20 ms of the app's one thread): 6–8% less
    // wall time for the same work (bench/sla-recompute.ts). Every 25 cost more than it gave.
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const history = events.of(ticket.id);
    // Every stored event is a fact already: clocks are computed as of the latest one at least.
    let last = now.getTime();
    for (const e of history) if (e.occurred_at > last) last = e.occurred_at;
    const asOf = new Date(last);
    let fresh: ClockRow[] | null = null;
    let error = context.error;
    if (!error) {
      try {
        const instances = computeClocks(history, context.policyFor, last);
        // Stored clocks name their business calendar: the index is read once, when first needed.
        if (!context.calendars.loaded && instances.some((i) => i.target.mode === 'business')) await context.calendars.load(db);
        fresh = instances.map((i) => context.toRow(i, asOf));
      } catch (e) {
        error = `SLA clocks could not be computed: ${messageOf(e)}`;
      }
    }
    const old = sortRows(stored.of(ticket.id));
    let rows: ClockRow[] = old;
    if (fresh) {
      rows = options.keepFulfilled ? keepFulfilled(fresh, old) : fresh;
      const diff = diffClockRows(old, rows);
      if (diff.removed.length > 0 || diff.added.length > 0) changed.push(ticket.id);
      for (const r of diff.removed) removed.push({ ticket_id: ticket.id, metric: r.metric, instance: r.instance });
      for (const r of diff.added) added.add(ticket.id, r);
      schedule.plan(ticket.id, asOf, rows);
    }
    if (options.returnRefreshed) clocksOf.push(rows);
    const summary = summarize(rows, asOf);
    updates.push({
      id: ticket.id,
      sla_next_due_at: summary.sla_next_due_at,
      sla_next_warning_at: summary.sla_next_warning_at,
      sla_status: summary.sla_status,
      sla_error: error ?? context.skipped,
    });
  }
  // Removed first: a changed row is removed and inserted again under the same key.
  await repo.deleteClockRows(db, context.workspaceId, removed);
  await added.write(db);
  await schedule.write(db, now);
  // The summary is what was just computed: stored (unchanged rows are not rewritten), never read back.
  await repo.upsertTicketSla(db, context.workspaceId, updates);
  if (!options.returnRefreshed) return { refreshed: [], changed };
  const refreshed = tickets.map((ticket, i) => {
    const { id: _id, ...summary } = updates[i] as repo.TicketSlaColumns;
    return { ticket: { ...ticket, ...summary }, clocks: clocksOf[i] ?? [], calendars: context.calendars.compiled };
  });
  return { refreshed, changed };
}

function sortRows<R extends ClockRow>(rows: R[]): R[] {
  return [...rows].sort(byMetricAndInstance);
}

/** Whether two ticket states agree on everything a policy condition can read (tags and custom fields by identity). */
function sameConditions(a: ClockTicketState, b: ClockTicketState): boolean {
  return (
    a.priority === b.priority &&
    a.tier_id === b.tier_id &&
    a.organization_id === b.organization_id &&
    a.channel === b.channel &&
    a.category === b.category &&
    a.team_id === b.team_id &&
    a.branch_id === b.branch_id &&
    a.tags === b.tags &&
    a.custom_fields === b.custom_fields
  );
}

/**
 * A policy the resolver skipped (a business target's calendar is deleted or never open) is not
 * applied, so tickets it was meant for fall to the next matching policy, or to none: their clocks
 * may be wrong, and which tickets it would have matched is not known. So every ticket refreshed
 * while any active policy is skipped is flagged, naming the policies (issue 3, "Bad input").
 */
function skippedPoliciesNote(issues: readonly PolicyIssue[]): string | null {
  const skipped = issues.filter((i) => i.skipped);
  if (skipped.length === 0) return null;
  return skipped.map((i) => `SLA policy ${i.policy_id}, ${i.path}: ${i.message}.`).join(' ');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
