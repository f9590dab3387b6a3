import type { Kysely } from 'kysely';
import { createBranchBody } from '../../../contracts/branches.ts';
import { createCustomerBody } from '../../../contracts/customers.ts';
import { createOrganizationBody } from '../../../contracts/organizations.ts';
import { createTeamBody } from '../../../contracts/teams.ts';
import { createTierBody } from '../../../contracts/tiers.ts';
import type { DB, Ticket } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { hashPassword } from '../auth/password.ts';
import { createBranch } from '../branches/branches.service.ts';
import { createCustomer, customerSegment, findCustomerRecord } from '../customers/customers.service.ts';
import { createOrganization } from '../organizations/organizations.service.ts';
import { createTeam } from '../teams/teams.service.ts';
import { normalizeBody } from '../tickets/message-body.ts';
import { appendMessage, applyChanges, type EventActor, openTicket, type TicketChanges } from '../tickets/ticket-writer.ts';
import { createTier } from '../tiers/tiers.service.ts';
import { recomputeWorkspaceClocks } from '../sla-clocks/sla-clocks.service.ts';
import { refreshTicketFacts } from '../analytics/ticket-facts.service.ts';
import * as usersRepo from '../users/users.repository.ts';
import { insertUserRecord } from '../users/users.service.ts';
import { AGENTS, BRANCHES, DEMO_PASSWORD, ORGANIZATIONS, STAFF_DOMAIN, TEAMS, TIERS } from './content/company.ts';
import { type DemoPlan, type PlanActor, type PlanStep, planDemoWorkspace, type TicketPlan } from './demo-generator.ts';
import { textToHtml } from './demo-text.ts';

/**
 * Loads the demo workspace (content/ and demo-generator.ts) through the
 * same services and ticket writer that live traffic uses, with historical
 * timestamps and real authors, so events, audit rows and metrics look as if
 * the company had been working for three months.
 */

const DAY = 24 * 60 * 60_000;
/** Actions (open, message, change) per transaction: few commits, none too large. */
const ACTIONS_PER_TRANSACTION = 400;

interface Refs {
  users: Map<string, string>;
  teams: Map<string, string>;
  branches: Map<string, string>;
  tiers: Map<string, string>;
  organizations: Map<string, string>;
  customers: Map<number, { id: string; organizationId: string | null; tierId: string | null }>;
}

function need<T>(map: Map<string | number, T>, key: string | number): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo seed: nothing made for ${key}`);
  return value;
}

async function ownerContext(db: Kysely<DB>, workspaceId: string) {
  const [owner] = await usersRepo.listUsers(db, workspaceId, { limit: 1, role: 'owner' });
  if (!owner) throw new Error('demo seed: the workspace has no owner');
  return (now: Date): RequestContext => ({
    actor: { kind: 'user', id: owner.id, userId: owner.id, workspaceId, role: 'owner', isInstanceAdmin: owner.is_instance_admin, sessionId: null },
    workspaceId,
    now,
    ip: null,
  });
}

/**
 * Tiers, branches, teams, staff and organizations, as the owner set them up
 * before going live. Inputs go through the API's own request schemas, so
 * they get the same defaults and checks as a request would.
 */
async function seedStructure(db: Kysely<DB>, ctx: (at: Date) => RequestContext, setupAt: Date, refs: Refs) {
  const at = ctx(setupAt);
  for (const tier of TIERS) {
    const input = createTierBody.parse({ name: tier.name, rank: tier.rank, description: tier.description, min_annual_revenue: tier.minAnnualRevenue });
    const dto = await createTier(db, at, input);
    refs.tiers.set(tier.key, dto.id);
  }
  for (const branch of BRANCHES) {
    const input = createBranchBody.parse({ name: branch.name, code: branch.code, time_zone: branch.timeZone, address: branch.address });
    const dto = await createBranch(db, at, input);
    refs.branches.set(branch.key, dto.id);
  }
  for (const team of TEAMS) {
    const dto = await createTeam(db, at, createTeamBody.parse({ name: team.name, description: team.description }));
    refs.teams.set(team.key, dto.id);
  }
  // scrypt is slow on purpose: hash the shared demo password once, not per user.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const agent of AGENTS) {
      const user = await insertUserRecord(
        trx,
        at.workspaceId,
        { email: `${agent.key}@${STAFF_DOMAIN}`, name: agent.name, role: agent.role, locale: agent.locale, time_zone: agent.timeZone },
        setupAt,
      );
      await usersRepo.updateUser(trx, at.workspaceId, user.id, { password_hash: passwordHash });
      const teamIds = agent.teams.map((t) => need(refs.teams, t));
      await usersRepo.setUserTeams(trx, at.workspaceId, user.id, teamIds);
      await recordAudit(trx, at, 'user.created', { type: 'user', id: user.id }, { email: user.email, role: user.role, team_ids: teamIds });
      refs.users.set(agent.key, user.id);
    }
  });
  for (const org of ORGANIZATIONS) {
    const input = createOrganizationBody.parse({
      name: org.name,
      domains: [org.domain],
      tier_id: need(refs.tiers, org.tier),
      annual_revenue: org.annualRevenue,
      margin: org.margin,
      notes: org.notes,
    });
    const dto = await createOrganization(db, at, input);
    refs.organizations.set(org.key, dto.id);
  }
}

async function seedCustomers(db: Kysely<DB>, ctx: (at: Date) => RequestContext, plan: DemoPlan, refs: Refs) {
  const byTime = [...plan.customers].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const c of byTime) {
    const identities = [
      ...(c.email ? [{ kind: 'email' as const, value: c.email }] : []),
      ...(c.phone ? [{ kind: 'phone' as const, value: c.phone }] : []),
    ];
    const input = createCustomerBody.parse({
      name: c.name,
      organization_id: c.organization ? need(refs.organizations, c.organization) : null,
      tier_id: c.tier ? need(refs.tiers, c.tier) : null,
      locale: c.locale,
      time_zone: c.timeZone,
      identities,
    });
    const at = ctx(c.createdAt);
    const dto = await createCustomer(db, at, input);
    // The tier a new ticket is filed under, by the same rule live tickets use.
    const segment = await customerSegment(db, await findCustomerRecord(db, at.workspaceId, dto.id));
    refs.customers.set(c.index, { id: dto.id, ...segment });
  }
}

function eventActor(actor: PlanActor, customerId: string, refs: Refs): EventActor {
  if (actor.type === 'customer') return { actor_type: 'customer', actor_id: customerId };
  if (actor.type === 'agent') return { actor_type: 'user', actor_id: need(refs.users, actor.agent) };
  return { actor_type: 'system', actor_id: null };
}

async function openPlannedTicket(db: Kysely<DB>, workspaceId: string, plan: TicketPlan, refs: Refs): Promise<Ticket> {
  const customer = need(refs.customers, plan.customer);
  return openTicket(db, {
    workspaceId,
    subject: plan.subject,
    customerId: customer.id,
    organizationId: customer.organizationId,
    tierId: customer.tierId,
    channel: plan.channel,
    status: 'new',
    priority: plan.priority,
    category: plan.category,
    tags: plan.tags,
    assigneeId: plan.assigneeAtOpen ? need(refs.users, plan.assigneeAtOpen) : null,
    teamId: need(refs.teams, plan.team),
    branchId: need(refs.branches, plan.branch),
    customFields: plan.orderNumber ? { order_number: plan.orderNumber } : {},
    at: plan.createdAt,
    actor: eventActor(plan.openedBy, customer.id, refs),
  });
}

async function applyStep(db: Kysely<DB>, ticket: Ticket, plan: TicketPlan, step: PlanStep, refs: Refs): Promise<Ticket> {
  const actor = eventActor(step.actor, ticket.customer_id, refs);
  if (step.type === 'change') {
    const changes: TicketChanges = {
      status: step.changes.status,
      priority: step.changes.priority,
      tags: step.changes.tags,
      assignee_id: step.changes.assignee ? need(refs.users, step.changes.assignee) : undefined,
    };
    return applyChanges(db, ticket, changes, actor, step.at);
  }
  // Mail arrives and leaves with an HTML part; chat, calls and integrations are plain text.
  const withHtml = plan.channel === 'email' && step.kind !== 'internal_note';
  const body = normalizeBody({ body_text: step.text, body_html: withHtml ? textToHtml(step.text) : undefined });
  const isCustomer = step.kind === 'customer';
  const { ticket: updated } = await appendMessage(db, ticket, {
    kind: step.kind,
    channel: plan.channel,
    text: body.text,
    html: body.html,
    authorUserId: isCustomer ? null : actor.actor_id,
    authorCustomerId: isCustomer ? ticket.customer_id : null,
    requestedStatus: step.type === 'message' ? step.status : undefined,
    at: step.at,
    actor,
  });
  return updated;
}

/**
 * Replays every ticket's history in global time order, so event sequence
 * numbers and ticket numbers follow the clock as they would have live.
 */
async function seedTickets(db: Kysely<DB>, workspaceId: string, tickets: TicketPlan[], refs: Refs) {
  const actions: { at: number; plan: TicketPlan; step: PlanStep | null; order: number }[] = [];
  for (const plan of tickets) {
    actions.push({ at: plan.createdAt.getTime(), plan, step: null, order: -1 });
    plan.steps.forEach((step, order) => actions.push({ at: step.at.getTime(), plan, step, order }));
  }
  actions.sort((a, b) => a.at - b.at || a.plan.index - b.plan.index || a.order - b.order);

  const open = new Map<number, Ticket>();
  for (let start = 0; start < actions.length; start += ACTIONS_PER_TRANSACTION) {
    const batch = actions.slice(start, start + ACTIONS_PER_TRANSACTION);
    await db.transaction().execute(async (trx) => {
      for (const { plan, step } of batch) {
        if (step === null) {
          open.set(plan.index, await openPlannedTicket(trx, workspaceId, plan, refs));
          continue;
        }
        const ticket = open.get(plan.index);
        if (!ticket) throw new Error(`demo seed: ticket ${plan.index} not opened`);
        open.set(plan.index, await applyStep(trx, ticket, plan, step, refs));
      }
    });
  }
}

/** Fills a fresh workspace with demo data; returns the number of tickets made. */
export async function seedDemoWorkspace(db: Kysely<DB>, workspaceId: string, now: Date): Promise<number> {
  const plan = planDemoWorkspace({ now });
  const earliest = Math.min(...plan.customers.map((c) => c.createdAt.getTime()), now.getTime() - 100 * DAY);
  const ctx = await ownerContext(db, workspaceId);
  const refs: Refs = { users: new Map(), teams: new Map(), branches: new Map(), tiers: new Map(), organizations: new Map(), customers: new Map() };
  await seedStructure(db, ctx, new Date(earliest - DAY), refs);
  await seedCustomers(db, ctx, plan, refs);
  await seedTickets(db, workspaceId, plan.tickets, refs);
  // SLA clocks from each ticket's history, in batches, as a historical recompute would.
  await recomputeWorkspaceClocks(db, workspaceId, now, { onlyOpen: false });
  // Analytics facts at once, rather than by the refresh job's next run.
  await refreshTicketFacts(db, { workspaceId, now });
  return plan.tickets.length;
}
