import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createMacroBody, listMacrosQuery, MacroActions, MacroDto, MacroPreviewDto, updateMacroBody } from '../../../contracts/macros.ts';
import type { TicketDto } from '../../../contracts/tickets.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, MacrosTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { actorRef, hasRole, type RequestContext } from '../auth/actor.ts';
import { findCustomer, identitiesOf } from '../customers/customers.repository.ts';
import { assertReferences } from '../shared/references.repository.ts';
import { refreshedTicketSla, refreshTicketClocks } from '../sla-clocks/sla-clocks.service.ts';
import { appendEvent, applyChanges } from '../tickets/ticket-writer.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { toTicketDto } from '../tickets/tickets.service.ts';
import { findUser } from '../users/users.repository.ts';
import { findWorkspace } from '../workspaces/workspaces.repository.ts';
import { resolveActions, ticketChanges } from './macro-actions.ts';
import { pickLocale, renderTemplate } from './macro-render.ts';
import { placeholderValues } from './macro-values.ts';
import * as repo from './macros.repository.ts';

type MacroRow = Selectable<MacrosTable>;

export function toMacroDto(m: MacroRow): MacroDto {
  return {
    id: m.id,
    name: m.name,
    scope: m.owner_user_id === null ? 'shared' : 'personal',
    owner_user_id: m.owner_user_id,
    kind: m.kind,
    content: m.content,
    actions: m.actions,
    created_at: iso(m.created_at) as string,
    updated_at: iso(m.updated_at) as string,
  };
}

/** Shared macros are admin business; a personal one only its owner's (who alone can see it). */
function assertCanManage(ctx: RequestContext, ownerUserId: string | null): void {
  if (ownerUserId === null && !hasRole(ctx.actor, 'admin')) throw forbidden('Only admins manage shared macros');
  if (ownerUserId !== null && ownerUserId !== ctx.actor.userId) throw forbidden();
}

async function assertActionReferences(db: Kysely<DB>, ctx: RequestContext, actions: MacroActions | undefined): Promise<void> {
  if (!actions) return;
  await assertReferences(db, ctx.workspaceId, 'users', [actions.assignee_id === 'me' ? null : actions.assignee_id], 'actions.assignee_id');
  await assertReferences(db, ctx.workspaceId, 'teams', [actions.team_id], 'actions.team_id');
}

async function assertNameFree(db: Kysely<DB>, ctx: RequestContext, ownerUserId: string | null, name: string, self?: string) {
  const same = await repo.findMacroByName(db, ctx.workspaceId, ownerUserId, name);
  if (same && same.id !== self) throw conflict('A macro with this name already exists');
}

export async function createMacro(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createMacroBody>): Promise<MacroDto> {
  if (input.scope === 'personal' && !ctx.actor.userId) {
    throw new AppError('validation_failed', 'An API key has no personal macros; create a shared one', { issues: [{ path: 'body.scope', message: 'must be shared' }] });
  }
  const ownerUserId = input.scope === 'personal' ? ctx.actor.userId : null;
  assertCanManage(ctx, ownerUserId);
  return db.transaction().execute(async (trx) => {
    await assertNameFree(trx, ctx, ownerUserId, input.name);
    await assertActionReferences(trx, ctx, input.actions);
    const macro = await repo.insertMacro(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      owner_user_id: ownerUserId,
      name: input.name,
      kind: input.kind,
      content: JSON.stringify(input.content),
      actions: JSON.stringify(input.actions),
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    if (ownerUserId === null) await recordAudit(trx, ctx, 'macro.created', { type: 'macro', id: macro.id }, input);
    return toMacroDto(macro);
  });
}

async function visibleMacro(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<MacroRow> {
  const macro = await repo.findVisibleMacro(db, ctx.workspaceId, id, ctx.actor.userId);
  if (!macro) throw notFound('Macro');
  return macro;
}

export async function getMacro(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<MacroDto> {
  return toMacroDto(await visibleMacro(db, ctx, id));
}

export async function listMacros(db: Kysely<DB>, ctx: RequestContext, query: z.output<typeof listMacrosQuery>) {
  let after: { name: string; id: string } | undefined;
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor, 2);
    after = { name: String(name), id: String(id) };
  }
  const rows = await repo.listMacros(db, ctx.workspaceId, { userId: ctx.actor.userId, scope: query.scope, q: query.q, after, limit: query.limit });
  return toPage(rows, query.limit, (r) => [r.sort_name, r.id], toMacroDto);
}

export async function updateMacro(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateMacroBody>): Promise<MacroDto> {
  return db.transaction().execute(async (trx) => {
    const macro = await visibleMacro(trx, ctx, id);
    assertCanManage(ctx, macro.owner_user_id);
    if (input.name !== undefined) await assertNameFree(trx, ctx, macro.owner_user_id, input.name, id);
    await assertActionReferences(trx, ctx, input.actions);
    const updated = await repo.updateMacro(trx, ctx.workspaceId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.content !== undefined ? { content: JSON.stringify(input.content) } : {}),
      ...(input.actions !== undefined ? { actions: JSON.stringify(input.actions) } : {}),
      updated_at: ctx.now,
    });
    if (!updated) throw notFound('Macro');
    if (macro.owner_user_id === null) await recordAudit(trx, ctx, 'macro.updated', { type: 'macro', id }, input);
    return toMacroDto(updated);
  });
}

export async function deleteMacro(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const macro = await visibleMacro(trx, ctx, id);
    assertCanManage(ctx, macro.owner_user_id);
    await repo.deleteMacro(trx, ctx.workspaceId, id);
    if (macro.owner_user_id === null) await recordAudit(trx, ctx, 'macro.deleted', { type: 'macro', id }, { name: macro.name });
  });
}

/**
 * The macro rendered for a ticket: the text in the customer's language (else the workspace's,
 * else English, else any), placeholders filled, unknown ones left as written and listed.
 */
export async function previewMacro(db: Kysely<DB>, ctx: RequestContext, ticketId: string, macroId: string): Promise<MacroPreviewDto> {
  const ticket = await findTicket(db, ctx.workspaceId, ticketId);
  if (!ticket) throw notFound('Ticket');
  const macro = await visibleMacro(db, ctx, macroId);
  const [customer, agent, workspace] = await Promise.all([
    findCustomer(db, ctx.workspaceId, ticket.customer_id),
    ctx.actor.userId ? findUser(db, ctx.workspaceId, ctx.actor.userId) : undefined,
    findWorkspace(db, ctx.workspaceId),
  ]);
  const identities = customer ? await identitiesOf(db, [customer.id]) : [];
  const email = identities.find((i) => i.kind === 'email')?.value ?? null;
  const locale = pickLocale(macro.content, [customer?.locale, workspace?.default_locale]) ?? 'en';
  const text = macro.content[locale] ?? { text: '' };
  const values = placeholderValues(
    {
      ticket,
      customer: customer ? { name: customer.name, email } : null,
      agent: agent ? { name: agent.name, email: agent.email } : null,
      workspace: workspace ? { name: workspace.name } : null,
    },
    locale,
  );
  const body = renderTemplate(text.text, values);
  const html = text.html ? renderTemplate(text.html, values, { html: true }) : null;
  const unknown = [...new Set([...body.unknown, ...(html?.unknown ?? [])])];
  return {
    macro_id: macro.id,
    name: macro.name,
    kind: macro.kind,
    locale,
    body_text: body.output,
    body_html: html?.output ?? null,
    unknown_placeholders: unknown,
    actions: resolveActions(macro.actions, ctx.actor.userId),
  };
}

/**
 * Applies a macro's actions to the ticket in one transaction (tags added/removed against the
 * ticket's tags as they are now), with a `macro_applied` event naming the macro. The reply text
 * is not sent here: the agent edits and sends it as a normal message.
 */
export async function applyMacro(db: Kysely<DB>, ctx: RequestContext, ticketId: string, macroId: string): Promise<TicketDto> {
  return db.transaction().execute(async (trx) => {
    const ticket = await findTicket(trx, ctx.workspaceId, ticketId, { forUpdate: true });
    if (!ticket) throw notFound('Ticket');
    const macro = await visibleMacro(trx, ctx, macroId);
    const changes = ticketChanges(macro.actions, ticket, ctx.actor.userId);
    await assertReferences(trx, ctx.workspaceId, 'users', [changes.assignee_id], 'actions.assignee_id');
    await assertReferences(trx, ctx.workspaceId, 'teams', [changes.team_id], 'actions.team_id');
    const actor = actorRef(ctx.actor);
    const updated = await applyChanges(trx, ticket, changes, actor, ctx.now);
    await appendEvent(trx, ticket, 'macro_applied', actor, { macro_id: macro.id, name: macro.name }, ctx.now);
    const refreshed = await refreshTicketClocks(trx, updated, ctx.now);
    return toTicketDto(refreshed.ticket, refreshedTicketSla(refreshed, ctx.now));
  });
}
