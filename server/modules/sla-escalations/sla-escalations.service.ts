/**
 * Fires the SLA warnings and escalations that are due (issue 3, item 6). The schedule is kept by
 * escalation-scheduler.ts whenever clocks are refreshed; this is the sweeper the
 * `sla.escalations.sweep` job runs every minute.
 *
 * Exactly once: each row is fired in its own transaction that locks the ticket, then the row
 * while it is still `scheduled`, re-checks it, runs the actions and marks it `fired`. A second
 * sweeper (another instance, a retried job, a sweep after a restart) finds the row fired and
 * skips it; a crash before commit leaves it scheduled for the next sweep. The ticket is locked
 * first, as every ticket change does, so a sweep and a ticket change never deadlock.
 */
import type { Kysely } from 'kysely';
import type { JobQueue } from '../../jobs/queue.ts';
import type { DB, Ticket, TicketPriority } from '../../platform/schema.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import type { EscalationAction, EscalationRule } from '../sla-policies/policy-types.ts';
import { refreshTicketClocks } from '../sla-clocks/sla-clocks.service.ts';
import { appendEvent, applyChanges, type EventActor, type TicketChanges } from '../tickets/ticket-writer.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { escalationNotice } from './escalation-notice.ts';
import * as repo from './sla-escalations.repository.ts';

export interface SweepDeps {
  db: Kysely<DB>;
  jobs: JobQueue;
  logger?: { error(obj: object, msg?: string): void };
}

export interface SweepResult {
  fired: number;
  cancelled: number;
  /** Rows another sweep handled first. */
  skipped: number;
  failed: number;
}

type Outcome = 'fired' | 'cancelled' | 'skipped';

const SYSTEM: EventActor = { actor_type: 'system', actor_id: null };
const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

/**
 * Fires every row due at `now`, oldest first, one transaction each. A row that fails is logged
 * and left scheduled (the next sweep tries again); the others still fire. Rows that become due
 * during the sweep (an escalation's own changes can do that) wait for the next one.
 */
export async function sweepEscalations(deps: SweepDeps, now: Date, options: { batchSize?: number } = {}): Promise<SweepResult> {
  const limit = options.batchSize ?? 100;
  const result: SweepResult = { fired: 0, cancelled: 0, skipped: 0, failed: 0 };
  let after: { fireAt: Date; id: string } | null = null;
  for (;;) {
    const due = await repo.listDueEscalations(deps.db, now, after, limit);
    for (const row of due) {
      try {
        result[await fireEscalation(deps, row, now)]++;
      } catch (error) {
        result.failed++;
        deps.logger?.error({ err: error, escalation_id: row.id, ticket_id: row.ticket_id }, 'SLA escalation failed');
      }
    }
    if (due.length < limit) return result;
    const last = due[due.length - 1] as (typeof due)[number];
    after = { fireAt: last.fire_at, id: last.id };
  }
}

async function fireEscalation(deps: SweepDeps, due: { id: string; workspace_id: string; ticket_id: string }, now: Date): Promise<Outcome> {
  return deps.db.transaction().execute(async (trx) => {
    const ticket = await findTicket(trx, due.workspace_id, due.ticket_id, { forUpdate: true });
    const row = await repo.lockScheduledEscalation(trx, due.workspace_id, due.id);
    if (!row) return 'skipped';
    const clock = ticket ? await repo.findClock(trx, row.workspace_id, row.ticket_id, row.metric, row.instance) : undefined;
    const stillDue = clock?.state === 'active' && clock.due_at?.getTime() === row.due_at.getTime();
    const rule = stillDue && clock.policy_id ? await findRule(trx, row.workspace_id, clock.policy_id, row.metric, row.offset_minutes) : null;
    // The schedule follows every clock refresh, so this only catches what changed without one:
    // a rule removed from the policy, a policy switched off, before the recompute gets there.
    if (!ticket || !clock || !rule) {
      await repo.cancelEscalations(trx, row.workspace_id, [row.id], now);
      return 'cancelled';
    }
    // Marked first: the refresh below reschedules this ticket, and must see this row as done.
    await repo.markFired(trx, row.workspace_id, row.id, now);
    const noticeInput = {
      ticketNumber: ticket.number,
      ticketSubject: ticket.subject,
      metric: row.metric,
      offsetMinutes: row.offset_minutes,
      dueAt: row.due_at,
      business: clock.mode === 'business',
    };
    const notice = escalationNotice(noticeInput);
    const detail = { metric: row.metric, instance: row.instance, offset_minutes: row.offset_minutes, due_at: row.due_at.toISOString(), policy_id: clock.policy_id };
    await appendEvent(trx, ticket, notice.kind, SYSTEM, { ...detail, actions: rule.actions.map((a) => a.type) }, now);

    const changes = await ticketChanges(trx, ticket, rule.actions);
    const updated = await applyChanges(trx, ticket, changes, SYSTEM, now);
    // A new priority or team can change targets and due times: the clocks (and with them this
    // ticket's schedule) are refreshed in this transaction, as after any ticket change.
    if (updated !== ticket) await refreshTicketClocks(trx, updated, now);

    const recipients = await recipientsOf(trx, updated, rule.actions);
    if (recipients.length > 0) {
      await notifyUsers(trx, deps.jobs, {
        workspaceId: row.workspace_id,
        userIds: recipients,
        ticketId: ticket.id,
        kind: notice.kind,
        subject: notice.subject,
        body: notice.body,
        // Each recipient reads it in their own language and time zone.
        render: (reader) => escalationNotice(noticeInput, reader),
        data: detail,
        dedupeKey: `sla_escalation:${row.id}`,
        at: now,
      });
    }
    return 'fired';
  });
}

async function findRule(db: Kysely<DB>, workspaceId: string, policyId: string, metric: string, offsetMinutes: number): Promise<EscalationRule | null> {
  const policy = await repo.findPolicyRules(db, workspaceId, policyId);
  if (!policy?.active) return null;
  return policy.escalation_rules.find((r) => r.metric === metric && r.offset_minutes === offsetMinutes) ?? null;
}

/**
 * What the rule's actions change on the ticket, in their order: priority one level up per
 * raise_priority (urgent stays urgent), the team (the assignee is unassigned unless a member of
 * it; a team deleted since is skipped), tags added.
 */
async function ticketChanges(db: Kysely<DB>, ticket: Ticket, actions: readonly EscalationAction[]): Promise<TicketChanges> {
  const changes: TicketChanges = {};
  for (const action of actions) {
    if (action.type === 'raise_priority') {
      const current = changes.priority ?? ticket.priority;
      changes.priority = PRIORITIES[Math.min(PRIORITIES.indexOf(current) + 1, PRIORITIES.length - 1)];
    } else if (action.type === 'reassign') {
      if (!(await repo.teamExists(db, ticket.workspace_id, action.team_id))) continue;
      changes.team_id = action.team_id;
      const assignee = ticket.assignee_id;
      if (assignee && !(await repo.isTeamMember(db, ticket.workspace_id, action.team_id, assignee))) changes.assignee_id = null;
    } else if (action.type === 'add_tag') {
      changes.tags = [...(changes.tags ?? ticket.tags), action.tag];
    }
  }
  return changes;
}

/**
 * Who the notify actions reach, as the ticket is after the rule's other actions (so "reassign,
 * then notify the team" tells the new team): its assignee, every member of its team (teams have
 * no lead yet), or the named users. Inactive users are left out when the notice is written.
 */
async function recipientsOf(db: Kysely<DB>, ticket: Ticket, actions: readonly EscalationAction[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const action of actions) {
    if (action.type !== 'notify') continue;
    if (action.to === 'assignee' && ticket.assignee_id) ids.add(ticket.assignee_id);
    if (action.to === 'team' && ticket.team_id) for (const id of await repo.teamMemberIds(db, ticket.workspace_id, ticket.team_id)) ids.add(id);
    if (action.to === 'users') for (const id of action.user_ids) ids.add(id);
  }
  return [...ids];
}
