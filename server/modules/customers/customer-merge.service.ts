import type { Kysely, Selectable, Updateable } from 'kysely';
import type { z } from 'zod';
import type { customerMergeResultDto } from '../../../contracts/customers.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { CustomersTable, DB } from '../../platform/schema.ts';
import { actorRef, type RequestContext } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { appendEvent } from '../tickets/ticket-writer.ts';
import * as repo from './customer-merge.repository.ts';
import { deleteCustomer, identitiesOf, updateCustomer } from './customers.repository.ts';
import { toCustomerDto } from './customers.service.ts';

/**
 * Merging two records of one person: everything that points at the source (identities,
 * tickets, message authorship, chat visitors, survey invitations and responses, earlier merges —
 * see CUSTOMER_REFERENCES) moves to the target, in one transaction with the audit row and a
 * `customer_merged` event on each moved ticket.
 *
 * The source is then deleted, not kept as a ghost: lists, tier rules and identity lookups never
 * meet it again, and a foreign key nobody moved makes the merge fail instead of leaving rows
 * behind. `customer_merges` remembers where it went, so GET /customers/<old id> answers 404
 * `customer_merged` with `merged_into`. Ticket events are facts and keep the actor id they were
 * recorded with; the merge log maps it. The target's own fields win; empty ones are filled from
 * the source, notes are joined, custom fields combined (the target's value wins a clash).
 */

type Customer = Selectable<CustomersTable>;

export class CustomerMergedError extends AppError {
  constructor(readonly mergedInto: string) {
    super('customer_merged', `This customer was merged into ${mergedInto}`, { fields: { merged_into: mergedInto } });
  }
}

/** Throws CustomerMergedError when the id is that of a merged customer; otherwise returns. */
export async function assertNotMerged(db: Kysely<DB>, workspaceId: string, customerId: string): Promise<void> {
  const merged = await repo.findMergedInto(db, workspaceId, customerId);
  if (merged) throw new CustomerMergedError(merged.target_customer_id);
}

function combinedFields(target: Customer, source: Customer, now: Date): Updateable<CustomersTable> {
  const fill = <K extends 'organization_id' | 'locale' | 'time_zone' | 'annual_revenue' | 'margin'>(k: K) => (target[k] === null ? { [k]: source[k] } : {});
  const notes = [target.notes, source.notes].filter((n): n is string => !!n && n.trim() !== '');
  return {
    ...fill('organization_id'),
    ...fill('locale'),
    ...fill('time_zone'),
    ...fill('annual_revenue'),
    ...fill('margin'),
    ...(target.tier_id === null && source.tier_id !== null ? { tier_id: source.tier_id, tier_source: source.tier_source } : {}),
    notes: notes.length > 0 ? notes.join('\n\n') : null,
    custom_fields: JSON.stringify({ ...source.custom_fields, ...target.custom_fields }),
    updated_at: now,
  };
}

export async function mergeCustomers(
  db: Kysely<DB>,
  ctx: RequestContext,
  targetId: string,
  sourceId: string,
): Promise<z.infer<typeof customerMergeResultDto>> {
  if (targetId === sourceId) {
    throw new AppError('validation_failed', 'A customer cannot be merged into itself', { issues: [{ path: 'body.source_customer_id', message: 'same as the target' }] });
  }
  return db.transaction().execute(async (trx) => {
    const locked = await repo.lockCustomers(trx, ctx.workspaceId, [targetId, sourceId]);
    const target = locked.find((c) => c.id === targetId);
    const source = locked.find((c) => c.id === sourceId);
    if (!target) {
      await assertNotMerged(trx, ctx.workspaceId, targetId);
      throw notFound('Customer');
    }
    if (!source) {
      const merged = await repo.findMergedInto(trx, ctx.workspaceId, sourceId);
      throw new AppError('invalid_reference', merged ? `The source customer was already merged into ${merged.target_customer_id}` : 'source_customer_id refers to something that does not exist', {
        issues: [{ path: 'body.source_customer_id', message: merged ? 'already merged' : `unknown id ${sourceId}` }],
      });
    }
    const tickets = await repo.ticketIdsOf(trx, ctx.workspaceId, sourceId);
    const moved = await repo.moveReferences(trx, ctx.workspaceId, sourceId, targetId);
    const updated = await updateCustomer(trx, ctx.workspaceId, targetId, combinedFields(target, source, ctx.now));
    await repo.recordMerge(trx, { source_customer_id: sourceId, workspace_id: ctx.workspaceId, target_customer_id: targetId, merged_by: ctx.actor.id, merged_at: ctx.now });
    await deleteCustomer(trx, ctx.workspaceId, sourceId);
    const actor = actorRef(ctx.actor);
    // No clock reads this event (sla/clocks ignores it), so the stored clocks stay as they are.
    for (const t of tickets) await appendEvent(trx, t, 'customer_merged', actor, { from: sourceId, to: targetId }, ctx.now);
    await recordAudit(trx, ctx, 'customer.merged', { type: 'customer', id: targetId }, {
      source_customer_id: sourceId,
      source_name: source.name,
      moved,
    });
    if (!updated) throw notFound('Customer');
    return {
      customer: toCustomerDto(updated, await identitiesOf(trx, [targetId])),
      merged: { source_customer_id: sourceId, moved },
    };
  });
}
