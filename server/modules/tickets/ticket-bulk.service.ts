import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { BulkResultDto, bulkUpdateBody } from '../../../contracts/tickets.ts';
import { AppError } from '../../platform/errors.ts';
import type { DB, Ticket } from '../../platform/schema.ts';
import { actorRef, type RequestContext } from '../auth/actor.ts';
import { refreshTicketClocks } from '../sla-clocks/sla-clocks.service.ts';
import { assertReferences } from '../shared/references.repository.ts';
import { applyChanges, type TicketChanges } from './ticket-writer.ts';
import * as repo from './tickets.repository.ts';

type BulkInput = z.output<typeof bulkUpdateBody>;
type BulkChanges = BulkInput['changes'];

/** The PATCH-shaped changes for one ticket: tags are added/removed against what it has now. */
export function changesFor(ticket: Pick<Ticket, 'tags'>, changes: BulkChanges): TicketChanges {
  const { add_tags, remove_tags, ...fields } = changes;
  const out: TicketChanges = { ...fields };
  if (add_tags || remove_tags) {
    const remove = new Set((remove_tags ?? []).map((t) => t.toLowerCase()));
    const tags = [...ticket.tags, ...(add_tags ?? []).map((t) => t.toLowerCase())].filter((t) => !remove.has(t));
    out.tags = [...new Set(tags)];
  }
  return out;
}

/**
 * Applies the same changes to up to 100 tickets. Each ticket is its own transaction, through the
 * same writer + clock refresh as PATCH /tickets/:id, so one ticket that cannot change (closed,
 * not found, another workspace's) does not hold back the others: the answer says, per ticket,
 * updated / unchanged / failed with the error. References (assignee, team) are checked once,
 * before anything changes: a bad one fails the whole request (422).
 */
export async function bulkUpdateTickets(db: Kysely<DB>, ctx: RequestContext, input: BulkInput): Promise<BulkResultDto> {
  await assertReferences(db, ctx.workspaceId, 'users', [input.changes.assignee_id], 'changes.assignee_id');
  await assertReferences(db, ctx.workspaceId, 'teams', [input.changes.team_id], 'changes.team_id');
  const actor = actorRef(ctx.actor);
  const results: BulkResultDto['results'] = [];
  for (const id of input.ticket_ids) {
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        const ticket = await repo.findTicket(trx, ctx.workspaceId, id, { forUpdate: true });
        if (!ticket) throw new AppError('not_found', 'Ticket not found');
        const updated = await applyChanges(trx, ticket, changesFor(ticket, input.changes), actor, ctx.now);
        if (updated === ticket) return 'unchanged' as const;
        await refreshTicketClocks(trx, updated, ctx.now);
        return 'updated' as const;
      });
      results.push({ ticket_id: id, outcome, error: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ ticket_id: id, outcome: 'failed', error: { code: error.code, detail: error.message } });
    }
  }
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return { results, updated: count('updated'), unchanged: count('unchanged'), failed: count('failed') };
}
