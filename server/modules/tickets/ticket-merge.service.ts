import type { Kysely } from 'kysely';
import type { MergeResultDto } from '../../../contracts/tickets.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Attachment, DB, Message, Ticket } from '../../platform/schema.ts';
import { actorRef, type RequestContext } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { refreshedTicketSla, refreshTicketClocks } from '../sla-clocks/sla-clocks.service.ts';
import { findWorkspace } from '../workspaces/workspaces.repository.ts';
import { mergedIntoNote, noteLocale, transcriptNote } from './merge-notes.ts';
import { appendEvent, appendMessage, applyChanges } from './ticket-writer.ts';
import * as repo from './tickets.repository.ts';
import { toTicketDto } from './tickets.service.ts';

/** A message carries at most 100 attachments (contracts/tickets.ts). */
const MAX_ATTACHMENTS = 100;

/**
 * Merges source tickets into a target, in one transaction (see README "Ticket merge"):
 * - the target gets one internal note per source with the source's conversation (transcript,
 *   attachments carried over by reference) and a `merged_in` event {from}; its SLA clocks run on;
 * - each source gets an internal note "merged into #N", then a `merged` event {into, into_number}
 *   and is closed. `merged` comes before the close so the SLA engine cancels its running clocks
 *   (a plain close would fulfil them) and ignores what follows; the survey sweeper skips it.
 * The target is not given a `merged` event: the SLA engine ends a ticket's clocks on that type.
 * Tickets of different customers may be merged (a customer writing from two addresses is the
 * common case); the answer lists them as warnings and the target keeps its customer.
 */
export async function mergeTickets(db: Kysely<DB>, ctx: RequestContext, targetId: string, sourceIds: string[]): Promise<MergeResultDto> {
  if (sourceIds.includes(targetId)) {
    throw new AppError('validation_failed', 'A ticket cannot be merged into itself', {
      issues: [{ path: 'body.source_ticket_ids', message: 'contains the target ticket' }],
    });
  }
  return db.transaction().execute(async (trx) => {
    // Lock every ticket in id order, so two merges over the same tickets cannot deadlock.
    const locked = new Map<string, Ticket>();
    for (const id of [targetId, ...sourceIds].sort()) {
      const ticket = await repo.findTicket(trx, ctx.workspaceId, id, { forUpdate: true });
      if (ticket) locked.set(id, ticket);
    }
    let target = locked.get(targetId);
    if (!target) throw notFound('Ticket');
    const missing = sourceIds.filter((id) => !locked.has(id));
    if (missing.length) {
      throw new AppError('invalid_reference', 'source_ticket_ids refers to tickets that do not exist', {
        issues: missing.map((id) => ({ path: 'body.source_ticket_ids', message: `unknown id ${id}` })),
      });
    }
    if (target.status === 'closed') throw new AppError('conflict', 'The target ticket is closed; merge into an open ticket');
    const sources = sourceIds.map((id) => locked.get(id) as Ticket);
    const closed = sources.filter((s) => s.status === 'closed');
    if (closed.length) {
      throw new AppError('conflict', `Closed tickets cannot be merged: ${closed.map((s) => `#${s.number}`).join(', ')}`);
    }

    const workspace = await findWorkspace(trx, ctx.workspaceId);
    const locale = noteLocale(workspace?.default_locale);
    const actor = actorRef(ctx.actor);
    const note = { kind: 'internal_note' as const, channel: 'internal', html: null, authorUserId: ctx.actor.userId, at: ctx.now, actor };

    for (const source of sources) {
      const messages = await allMessages(trx, source);
      const appended = await appendMessage(trx, target, {
        ...note,
        text: transcriptNote(locale, source, messages),
        attachments: messages.flatMap((m) => m.attachments).slice(0, MAX_ATTACHMENTS) as Attachment[],
        metadata: { merge: { from_ticket_id: source.id, from_number: source.number } },
      });
      target = appended.ticket;

      const { ticket: noted } = await appendMessage(trx, source, {
        ...note,
        text: mergedIntoNote(locale, target.number),
        metadata: { merge: { into_ticket_id: target.id, into_number: target.number } },
      });
      await appendEvent(trx, noted, 'merged', actor, { into: target.id, into_number: target.number }, ctx.now);
      const closedSource = await applyChanges(trx, noted, { status: 'closed' }, actor, ctx.now);
      await refreshTicketClocks(trx, closedSource, ctx.now);
    }

    const from = sources.map((s) => ({ ticket_id: s.id, number: s.number }));
    await appendEvent(trx, target, 'merged_in', actor, { from }, ctx.now);
    const refreshed = await refreshTicketClocks(trx, target, ctx.now);
    await recordAudit(trx, ctx, 'ticket.merged', { type: 'ticket', id: target.id }, { number: target.number, from });
    return {
      ticket: toTicketDto(refreshed.ticket, refreshedTicketSla(refreshed, ctx.now)),
      merged: from,
      warnings: sources
        .filter((s) => s.customer_id !== target?.customer_id)
        .map((s) => ({ code: 'different_customer' as const, ticket_id: s.id })),
    };
  });
}

/** Every message of a ticket, oldest first, page by page. */
async function allMessages(db: Kysely<DB>, ticket: Ticket): Promise<Message[]> {
  const out: Message[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await repo.listMessages(db, ticket.workspace_id, ticket.id, after, 500);
    out.push(...page.slice(0, 500));
    if (page.length <= 500) return out;
    after = out.at(-1)?.id;
  }
}
