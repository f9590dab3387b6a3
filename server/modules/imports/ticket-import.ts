import type { Kysely } from 'kysely';
import type { ImportedMessage, ImportTicketLine } from '../../../contracts/imports.ts';
import { AppError } from '../../platform/errors.ts';
import type { Customer, DB, Ticket } from '../../platform/schema.ts';
import { customerSegment, findOrCreateCustomerByIdentity } from '../customers/customers.service.ts';
import { normalizeIdentity } from '../customers/identity.ts';
import { normalizeBody } from '../tickets/message-body.ts';
import { appendMessage, applyChanges, type EventActor, openTicket } from '../tickets/ticket-writer.ts';
import { findTicketByExternalId } from '../tickets/tickets.repository.ts';
import { refreshTicketClocks } from '../sla-clocks/sla-clocks.service.ts';
import { lastInstant, replaySteps } from './ticket-history.ts';

/** Name → id lookups for one workspace (see loadDirectory). */
export interface Directory {
  userByEmail: Map<string, string>;
  teamByName: Map<string, string>;
  branchByName: Map<string, string>;
}

export function toDirectory(rows: { users: { id: string; email: string }[]; teams: { id: string; name: string }[]; branches: { id: string; name: string }[] }): Directory {
  return {
    userByEmail: new Map(rows.users.map((u) => [u.email.toLowerCase(), u.id])),
    teamByName: new Map(rows.teams.map((t) => [t.name.trim().toLowerCase(), t.id])),
    branchByName: new Map(rows.branches.map((b) => [b.name.trim().toLowerCase(), b.id])),
  };
}

const SYSTEM: EventActor = { actor_type: 'system', actor_id: null };

function unknown(field: string, what: string, value: string): AppError {
  return new AppError('invalid_reference', `${field}: no ${what} "${value}" in this workspace`, {
    issues: [{ path: field, message: `unknown ${what} ${value}` }],
  });
}

function lookup(map: Map<string, string>, value: string | null | undefined, field: string, what: string): string | null {
  if (!value) return null;
  const id = map.get(value.trim().toLowerCase());
  if (!id) throw unknown(field, what, value);
  return id;
}

/**
 * Imports one ticket with its whole history, inside the caller's
 * transaction. Agents are matched by email among the workspace's users
 * (deactivated users too, so departed agents keep their history); an email
 * that matches nobody fails the line rather than misattributing history.
 * Returns 'skipped' when the external_id was imported before. SLA clocks
 * are computed from the ticket's own timestamps, as of `now`.
 */
export async function importTicketRecord(db: Kysely<DB>, workspaceId: string, dir: Directory, record: ImportTicketLine, now: Date): Promise<'created' | 'skipped'> {
  if (await findTicketByExternalId(db, workspaceId, record.external_id)) return 'skipped';

  const assigneeId = lookup(dir.userByEmail, record.assignee_email, 'assignee_email', 'user');
  const teamId = lookup(dir.teamByName, record.team, 'team', 'team');
  const branchId = lookup(dir.branchByName, record.branch, 'branch', 'branch');
  const createdAt = new Date(record.created_at);

  const identity = record.customer.email
    ? { kind: 'email' as const, value: record.customer.email }
    : { kind: 'phone' as const, value: record.customer.phone ?? '' };
  const { customer } = await findOrCreateCustomerByIdentity(db, workspaceId, identity, { name: record.customer.name ?? undefined }, createdAt);
  const segment = await customerSegment(db, customer);

  const steps = replaySteps(record);
  const userActor = (email: string | null | undefined, field: string): EventActor => {
    const id = lookup(dir.userByEmail, email, field, 'user');
    return id ? { actor_type: 'user', actor_id: id } : SYSTEM;
  };
  // Resolve every author before writing, so a bad email fails fast.
  const authors = new Map<ImportedMessage, { actor: EventActor; customerId: string | null }>();
  for (const [i, m] of record.messages.entries()) {
    if (m.kind === 'customer') {
      const writer = await customerAuthor(db, workspaceId, customer, record, m, createdAt);
      authors.set(m, { actor: { actor_type: 'customer', actor_id: writer }, customerId: writer });
    } else {
      authors.set(m, { actor: userActor(m.author_email, `messages.${i}.author_email`), customerId: null });
    }
  }
  const changeActors = record.status_changes.map((s, i) => userActor(s.by_email, `status_changes.${i}.by_email`));
  const changeActorByEmail = new Map(record.status_changes.map((s, i) => [s.by_email ?? null, changeActors[i] ?? SYSTEM]));

  const first = steps.find((s) => s.kind === 'message');
  let ticket: Ticket = await openTicket(db, {
    workspaceId,
    subject: record.subject,
    customerId: customer.id,
    organizationId: segment.organizationId,
    tierId: segment.tierId,
    channel: record.channel,
    status: 'new',
    priority: record.priority,
    category: record.category,
    tags: record.tags,
    assigneeId,
    teamId,
    branchId,
    customFields: record.custom_fields,
    externalId: record.external_id,
    at: createdAt,
    actor: first?.kind === 'message' ? (authors.get(first.message)?.actor ?? SYSTEM) : SYSTEM,
  });

  for (const step of steps) {
    if (step.kind === 'message') {
      const author = authors.get(step.message) ?? { actor: SYSTEM, customerId: null };
      const body = normalizeBody({ body_text: step.message.body_text ?? undefined, body_html: step.message.body_html ?? undefined });
      ({ ticket } = await appendMessage(db, ticket, {
        kind: step.message.kind,
        channel: record.channel,
        text: body.text,
        html: body.html,
        authorUserId: author.actor.actor_type === 'user' ? author.actor.actor_id : null,
        authorCustomerId: author.customerId,
        requestedStatus: step.requestedStatus,
        at: step.at,
        actor: author.actor,
      }));
    } else {
      ticket = await applyChanges(db, ticket, { status: step.to }, changeActorByEmail.get(step.byEmail) ?? SYSTEM, step.at);
    }
  }
  // The record's final status is the truth, even where the history was incomplete.
  if (ticket.status !== record.status) {
    ticket = await applyChanges(db, ticket, { status: record.status }, SYSTEM, lastInstant(createdAt, steps));
  }
  await refreshTicketClocks(db, ticket, now);
  return 'created';
}

/**
 * A customer message is the ticket's customer's, unless it names another
 * email (someone in copy replied): then that person, found or created.
 */
async function customerAuthor(db: Kysely<DB>, workspaceId: string, customer: Customer, record: ImportTicketLine, m: ImportedMessage, at: Date): Promise<string> {
  const email = m.author_email;
  if (!email || (record.customer.email && normalizeIdentity('email', email) === normalizeIdentity('email', record.customer.email))) {
    return customer.id;
  }
  const { customer: writer } = await findOrCreateCustomerByIdentity(db, workspaceId, { kind: 'email', value: email }, {}, at);
  return writer.id;
}
