import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../../../platform/ids.ts';
import type { DB } from '../../../platform/schema.ts';
import * as customersRepo from '../../customers/customers.repository.ts';
import { findOrCreateCustomerByIdentity } from '../../customers/customers.service.ts';
import { normalizeIdentity } from '../../customers/identity.ts';
import { appendEvent } from '../../tickets/ticket-writer.ts';
import * as repo from './chat.repository.ts';

/**
 * Chat visitors: who is behind a widget. The widget keeps `v1.<visitor id>.<secret>` in
 * localStorage; the server keeps the secret's sha256. A visitor row (and its customer, found or
 * created by the `chat_visitor` identity) exists from the first message or email, never for a
 * mere page view, so a page with the widget does not fill the customer list.
 */

export interface VisitorKey {
  id: string;
  secret: string;
}

export type Visitor = NonNullable<Awaited<ReturnType<typeof repo.findVisitor>>>;

export function visitorTokenOf(key: VisitorKey): string {
  return `v1.${key.id}.${key.secret}`;
}

export function newVisitorKey(now: Date): VisitorKey {
  return { id: newId(now.getTime()), secret: randomBytes(24).toString('base64url') };
}

export function parseVisitorToken(token: string | undefined): VisitorKey | null {
  const match = token ? /^v1\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{32,64})$/.exec(token) : null;
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : null;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function sameSecret(visitor: Visitor, secret: string): boolean {
  const a = Buffer.from(visitor.secret_hash, 'hex');
  const b = Buffer.from(hashSecret(secret), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The visitor a hello frame's token names. A token whose visitor has no row yet (it never wrote)
 * is kept as it is; a token whose secret does not match (forged, or of another workspace) gets
 * a fresh key, so nobody reads another visitor's chat by guessing an id.
 */
export async function identifyVisitor(db: Kysely<DB>, workspaceId: string, token: string | undefined, now: Date): Promise<{ key: VisitorKey; visitor: Visitor | null }> {
  const key = parseVisitorToken(token);
  if (!key) return { key: newVisitorKey(now), visitor: null };
  const visitor = await repo.findVisitor(db, workspaceId, key.id);
  if (!visitor) {
    // An id taken by a visitor of another workspace is not reused (ids are global).
    return { key: (await repo.visitorIdTaken(db, key.id)) ? newVisitorKey(now) : key, visitor: null };
  }
  if (!sameSecret(visitor, key.secret)) return { key: newVisitorKey(now), visitor: null };
  await repo.updateVisitor(db, workspaceId, visitor.id, { last_seen_at: now });
  return { key, visitor };
}

/** The visitor's row, created (with its customer, by the chat_visitor identity) on first need. */
export async function ensureVisitor(trx: Kysely<DB>, workspaceId: string, key: VisitorKey, now: Date): Promise<Visitor> {
  const existing = await repo.findVisitor(trx, workspaceId, key.id);
  if (existing) return existing;
  const { customer } = await findOrCreateCustomerByIdentity(trx, workspaceId, { kind: 'chat_visitor', value: key.id }, { name: 'Chat visitor' }, now);
  return repo.insertVisitor(trx, {
    id: key.id,
    workspace_id: workspaceId,
    secret_hash: hashSecret(key.secret),
    customer_id: customer.id,
    email: null,
    created_at: now,
    last_seen_at: now,
  });
}

/**
 * The visitor leaves an email. Afterwards they are the same customer as their email tickets:
 * - nobody has the email yet: it becomes an identity of the visitor's customer;
 * - another customer has it: the visitor is linked to that customer (their `chat_visitor`
 *   identity moves there, and later chats open under it). The chat already running keeps its
 *   ticket's customer; a `chat_email_left` event names both customers so an agent can merge
 *   them (merging tickets between customers is the customer-merge feature's job).
 * A visitor without a row yet (email first, e.g. no agent online) is created under the email's
 * customer directly.
 */
export async function attachVisitorEmail(
  trx: Kysely<DB>,
  workspaceId: string,
  key: VisitorKey,
  email: string,
  name: string | undefined,
  openTicketId: string | null,
  now: Date,
): Promise<{ visitor: Visitor; customerId: string; linked: boolean }> {
  const value = normalizeIdentity('email', email);
  const owner = await customersRepo.findCustomerByIdentity(trx, workspaceId, 'email', value);
  let visitor = await repo.findVisitor(trx, workspaceId, key.id);
  if (!visitor) {
    const { customer } = owner ? { customer: owner } : await findOrCreateCustomerByIdentity(trx, workspaceId, { kind: 'email', value }, { name }, now);
    await customersRepo.addIdentities(trx, workspaceId, customer.id, [{ id: newId(now.getTime()), kind: 'chat_visitor', value: key.id }], now);
    visitor = await repo.insertVisitor(trx, {
      id: key.id,
      workspace_id: workspaceId,
      secret_hash: hashSecret(key.secret),
      customer_id: customer.id,
      email: value,
      created_at: now,
      last_seen_at: now,
    });
    return { visitor, customerId: customer.id, linked: owner !== undefined };
  }
  const previous = visitor.customer_id;
  let customerId = previous;
  if (!owner) {
    await customersRepo.addIdentities(trx, workspaceId, previous, [{ id: newId(now.getTime()), kind: 'email', value }], now);
  } else if (owner.id !== previous) {
    customerId = owner.id;
    await moveVisitorIdentity(trx, workspaceId, visitor.id, previous, owner.id, now);
  }
  await repo.updateVisitor(trx, workspaceId, visitor.id, { email: value, customer_id: customerId, last_seen_at: now });
  if (openTicketId) {
    await appendEvent(trx, { id: openTicketId, workspace_id: workspaceId }, 'chat_email_left', { actor_type: 'customer', actor_id: previous }, {
      email: value,
      customer_id: customerId,
      previous_customer_id: previous,
      linked: customerId !== previous,
    }, now);
  }
  return { visitor: { ...visitor, email: value, customer_id: customerId }, customerId, linked: customerId !== previous };
}

/** The chat_visitor identity goes with the visitor to the customer they turned out to be. */
async function moveVisitorIdentity(trx: Kysely<DB>, workspaceId: string, visitorId: string, from: string, to: string, now: Date) {
  const identities = await customersRepo.identitiesOf(trx, [from]);
  const keep = identities.filter((i) => !(i.kind === 'chat_visitor' && i.value === visitorId)).map((i) => ({ id: i.id, kind: i.kind, value: i.value }));
  await customersRepo.replaceIdentities(trx, workspaceId, from, keep, now);
  await customersRepo.addIdentities(trx, workspaceId, to, [{ id: newId(now.getTime()), kind: 'chat_visitor', value: visitorId }], now);
}
