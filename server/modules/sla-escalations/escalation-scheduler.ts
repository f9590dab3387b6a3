/**
 * Keeps `sla_escalations` in step with the stored clocks. Used by the sla-clocks service in
 * every refresh (the transaction of each ticket change, imports, the recompute job),
 * so a schedule never lags behind the clocks it was made from: a moved due time, a pause, a
 * fulfilment or a cancellation changes the schedule in the same commit.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import type { ClockRow } from '../sla-clocks/clock-rows.ts';
import { diffSchedule, type PlannedEscalation, planEscalations, type RuleOffsetsFor, type StoredEscalation } from './escalation-plan.ts';
import * as repo from './sla-escalations.repository.ts';

export interface ScheduleOptions {
  workspaceId: string;
  /** Compiled business calendars by id (those of the clocks); read when a ticket is planned. */
  calendars: ReadonlyMap<string, BusinessCalendar>;
  offsetsFor: RuleOffsetsFor;
}

/**
 * The schedule of a batch of tickets, three statements at most: `loadEscalationSchedule` reads
 * the live rows of all of them, `plan` compares one ticket's clocks with them as soon as the
 * clocks are computed (so the clocks need not be kept for the whole batch: a recompute's batch
 * held thousands of rows until the end, and the collector copied them on the way), and `write`
 * cancels and upserts what changed.
 */
export class EscalationSchedule {
  readonly #cancel: string[] = [];
  readonly #upsert: (PlannedEscalation & { ticket_id: string })[] = [];

  constructor(
    private readonly options: ScheduleOptions,
    private readonly stored: ReadonlyMap<string, StoredEscalation[]>,
  ) {}

  /** One ticket whose clocks were just computed as of `asOf` (each ticket once). */
  plan(ticketId: string, asOf: Date, clocks: readonly ClockRow[]): void {
    const planned = planEscalations(clocks, this.options.offsetsFor, this.options.calendars);
    const existing = this.stored.get(ticketId) ?? [];
    if (planned.length === 0 && existing.length === 0) return;
    const changes = diffSchedule(planned, existing, asOf);
    for (const id of changes.cancel) this.#cancel.push(id);
    for (const row of changes.upsert) this.#upsert.push({ ...row, ticket_id: ticketId });
  }

  async write(db: Kysely<DB>, now: Date): Promise<void> {
    await repo.cancelEscalations(db, this.options.workspaceId, this.#cancel, now);
    await repo.upsertEscalations(db, this.options.workspaceId, this.#upsert, now);
  }
}

/** The live (scheduled and fired) escalations of these tickets, to plan against. */
export async function loadEscalationSchedule(db: Kysely<DB>, ticketIds: readonly string[], options: ScheduleOptions): Promise<EscalationSchedule> {
  const stored = new Map<string, StoredEscalation[]>();
  for (const row of await repo.listLiveEscalations(db, options.workspaceId, [...ticketIds])) {
    const list = stored.get(row.ticket_id);
    if (list) list.push(row);
    else stored.set(row.ticket_id, [row]);
  }
  return new EscalationSchedule(options, stored);
}
