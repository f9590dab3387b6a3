import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace, type WorkspaceFixture } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { PgBossQueue } from '../../jobs/pg-boss-queue.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { recomputeWorkspaceTiers, TIERS_RECOMPUTE } from './tier-assignment.service.ts';
import { tiersRecomputeJob } from './tiers-recompute.job.ts';

const clock = new ManualClock('2026-03-02T08:00:00Z');
const DAY = 24 * 3_600_000;
const silent = { info() {}, error() {} };

type App = Parameters<typeof call>[0];
// biome-ignore lint/suspicious/noExplicitAny: response bodies, checked by the assertions
type Body = Record<string, any>;

async function post(app: App, as: Auth, url: string, body: unknown): Promise<Body> {
  const res = await call(app, 'POST', `/api/v1${url}`, { as, body });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function customer(app: App, as: Auth, id: string): Promise<Body> {
  return (await call(app, 'GET', `/api/v1/customers/${id}`, { as })).json();
}

/** The recompute jobs queued for a workspace, oldest first. */
async function queuedRecomputes(database: Database, workspaceId: string): Promise<string[]> {
  const rows = (
    await database.executeSql(`select id from pgboss.job where name = $1 and data->>'workspace_id' = $2 order by created_on, id`, [TIERS_RECOMPUTE, workspaceId])
  ).rows as { id: string }[];
  return rows.map((r) => r.id);
}

/** Runs the job's handler as the queue would, with the given clock. */
async function runRecompute(database: Database, ws: WorkspaceFixture, at: ManualClock = clock, jobId = 'job-under-test') {
  await tiersRecomputeJob({ db: database.db, clock: at }).handle({ workspace_id: ws.workspaceId }, { jobId });
}

describeEngines(
  'tier assignment rules',
  (get) => {
    let queue: PgBossQueue | undefined;
    // The harness's queue is not started; tier changes here queue real jobs, so start one that only queues.
    beforeAll(async () => {
      const { app, database } = get();
      queue = new PgBossQueue(database, { work: false, logger: silent });
      queue.register(tiersRecomputeJob({ db: database.db, clock }));
      await queue.start();
      app.deps.jobs = queue;
    }, 60_000);
    afterAll(async () => {
      await queue?.stop();
    });

    async function setup() {
      clock.set('2026-03-02T08:00:00Z');
      const { app } = get();
      const ws = await createWorkspace(app);
      const tiers = {
        platinum: await post(app, ws.as, '/tiers', { name: 'Platinum', rank: 30, auto_assign: true, min_annual_revenue: 5_000_000, min_margin: '0.3' }),
        gold: await post(app, ws.as, '/tiers', { name: 'Gold', rank: 20, auto_assign: true, min_annual_revenue: '1000000' }),
        // Hand-tagging only (auto_assign defaults to false).
        vip: await post(app, ws.as, '/tiers', { name: 'VIP', rank: 100, min_annual_revenue: 1 }),
        keyAccount: await post(app, ws.as, '/tiers', { name: 'Key account', rank: 40 }),
        smallAccount: await post(app, ws.as, '/tiers', { name: 'Small account', rank: 5 }),
      };
      return { app, ws, tiers };
    }

    it('describes the rules on the tier and validates them', async () => {
      const { app, ws, tiers } = await setup();
      expect(tiers.gold).toMatchObject({ auto_assign: true, min_annual_revenue: '1000000', min_tickets_per_year: null });
      expect(tiers.vip).toMatchObject({ auto_assign: false, min_tickets_per_year: null });
      for (const body of [{ name: 'Neg', rank: 1, min_tickets_per_year: -1 }, { name: 'Frac', rank: 1, min_tickets_per_year: 2.5 }, { name: 'Str', rank: 1, auto_assign: 'yes' }]) {
        expect((await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body })).statusCode).toBe(400);
      }
    });

    it('assigns the tier a new customer is worth, unless one is set by hand', async () => {
      const { app, ws, tiers } = await setup();
      const make = async (body: Body) => post(app, ws.as, '/customers', { name: 'Customer', ...body });

      expect(await make({ annual_revenue: '2000000' })).toMatchObject({ tier_id: tiers.gold.id, tier_source: 'rule' });
      expect(await make({ annual_revenue: 6_000_000, margin: '0.35' })).toMatchObject({ tier_id: tiers.platinum.id, tier_source: 'rule' });
      expect(await make({ annual_revenue: 6_000_000, margin: '0.1' })).toMatchObject({ tier_id: tiers.gold.id, tier_source: 'rule' });
      // VIP's threshold is met, but VIP is not an auto-assign tier.
      expect(await make({ annual_revenue: '999999' })).toMatchObject({ tier_id: null, tier_source: 'rule' });
      expect(await make({ annual_revenue: 9_000_000, margin: 1, tier_id: tiers.vip.id })).toMatchObject({ tier_id: tiers.vip.id, tier_source: 'manual' });

      // The organization's tier applies when it ranks higher than what the customer's own value earns.
      const keyOrg = await post(app, ws.as, '/organizations', { name: 'Big Co', tier_id: tiers.keyAccount.id });
      const smallOrg = await post(app, ws.as, '/organizations', { name: 'Small Co', tier_id: tiers.smallAccount.id });
      expect(await make({ organization_id: keyOrg.id, annual_revenue: '2000000' })).toMatchObject({ tier_id: tiers.keyAccount.id, tier_source: 'organization' });
      expect(await make({ organization_id: smallOrg.id, annual_revenue: '2000000' })).toMatchObject({ tier_id: tiers.gold.id, tier_source: 'rule' });
      expect(await make({ organization_id: smallOrg.id })).toMatchObject({ tier_id: tiers.smallAccount.id, tier_source: 'organization' });
    });

    it('re-applies the rules when value fields change, never over a tier set by hand, and again once it is cleared', async () => {
      const { app, ws, tiers } = await setup();
      const patch = async (id: string, body: Body) => {
        const res = await call(app, 'PATCH', `/api/v1/customers/${id}`, { as: ws.as, body });
        expect(res.statusCode).toBe(200);
        return res.json();
      };
      const c = await post(app, ws.as, '/customers', { name: 'Growing', annual_revenue: 10 });
      expect(c).toMatchObject({ tier_id: null, tier_source: 'rule' });
      expect(await patch(c.id, { annual_revenue: '1500000' })).toMatchObject({ tier_id: tiers.gold.id, tier_source: 'rule' });
      expect(await patch(c.id, { annual_revenue: '7000000', margin: '0.5' })).toMatchObject({ tier_id: tiers.platinum.id, tier_source: 'rule' });
      const org = await post(app, ws.as, '/organizations', { name: 'Acme', tier_id: tiers.keyAccount.id });
      expect(await patch(c.id, { organization_id: org.id })).toMatchObject({ tier_id: tiers.keyAccount.id, tier_source: 'organization' });
      expect(await patch(c.id, { organization_id: null })).toMatchObject({ tier_id: tiers.platinum.id, tier_source: 'rule' });
      // Other changes leave the tier alone.
      expect(await patch(c.id, { name: 'Renamed' })).toMatchObject({ tier_id: tiers.platinum.id, tier_source: 'rule' });

      // Set by hand: value changes no longer move it, even down to nothing.
      expect(await patch(c.id, { tier_id: tiers.smallAccount.id })).toMatchObject({ tier_id: tiers.smallAccount.id, tier_source: 'manual' });
      expect(await patch(c.id, { annual_revenue: '9000000', organization_id: org.id })).toMatchObject({ tier_id: tiers.smallAccount.id, tier_source: 'manual' });
      // Cleared: back to the rules at once.
      expect(await patch(c.id, { tier_id: null })).toMatchObject({ tier_id: tiers.keyAccount.id, tier_source: 'organization' });
    });

    it('gives a customer first seen on a ticket the default tier, and the ticket that tier', async () => {
      const { app, ws } = await setup();
      const standard = await post(app, ws.as, '/tiers', { name: 'Standard', rank: 1, auto_assign: true, min_tickets_per_year: 0 });
      const ticket = await createTicket(app, ws.as, { customer: { email: 'new.person@example.com', name: 'New Person' } });
      expect(ticket.tier_id).toBe(standard.id);
      expect(await customer(app, ws.as, ticket.customer_id)).toMatchObject({ tier_id: standard.id, tier_source: 'rule' });
    });

    it('queues a recompute when tier rules change, not when nothing a rule reads changes', async () => {
      const { app, database } = get();
      clock.set('2026-03-02T08:00:00Z');
      const ws = await createWorkspace(app);
      const plain = await post(app, ws.as, '/tiers', { name: 'Plain', rank: 1 });
      await call(app, 'PATCH', `/api/v1/tiers/${plain.id}`, { as: ws.as, body: { rank: 2, description: 'No rules in use anywhere' } });
      expect(await queuedRecomputes(database, ws.workspaceId)).toHaveLength(0);

      const gold = await post(app, ws.as, '/tiers', { name: 'Gold', rank: 20, auto_assign: true, min_annual_revenue: 1 });
      expect(await queuedRecomputes(database, ws.workspaceId)).toHaveLength(1);
      await call(app, 'PATCH', `/api/v1/tiers/${gold.id}`, { as: ws.as, body: { name: 'Golden', description: 'Renamed only' } });
      expect(await queuedRecomputes(database, ws.workspaceId)).toHaveLength(1);
      await call(app, 'PATCH', `/api/v1/tiers/${gold.id}`, { as: ws.as, body: { min_annual_revenue: 1000 } });
      // With value rules in use, another tier's rank decides against organizations' tiers.
      await call(app, 'PATCH', `/api/v1/tiers/${plain.id}`, { as: ws.as, body: { rank: 50 } });
      expect((await call(app, 'DELETE', `/api/v1/tiers/${gold.id}`, { as: ws.as })).statusCode).toBe(204);
      expect(await queuedRecomputes(database, ws.workspaceId)).toHaveLength(4);
    });

    it('queues a recompute when an organization changes tier, so its members follow', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const gold = await post(app, ws.as, '/tiers', { name: 'Gold', rank: 2 });
      const org = await post(app, ws.as, '/organizations', { name: 'Acme' });
      await call(app, 'PATCH', `/api/v1/organizations/${org.id}`, { as: ws.as, body: { notes: 'no tier change' } });
      expect(await queuedRecomputes(database, ws.workspaceId)).toHaveLength(0);
      await call(app, 'PATCH', `/api/v1/organizations/${org.id}`, { as: ws.as, body: { tier_id: gold.id } });
      expect(await queuedRecomputes(database, ws.workspaceId)).toHaveLength(1);
    });

    it('POST /tiers/recompute queues the job (202) for admins only', async () => {
      const { app, database } = get();
      const { ws } = await setup();
      const before = await queuedRecomputes(database, ws.workspaceId);
      const agent = await addUser(app, ws, 'agent');
      expect((await call(app, 'POST', '/api/v1/tiers/recompute', { as: agent.as })).statusCode).toBe(403);
      const res = await call(app, 'POST', '/api/v1/tiers/recompute', { as: ws.as });
      expect(res.statusCode).toBe(202);
      const { job_id } = res.json();
      expect(await queuedRecomputes(database, ws.workspaceId)).toEqual([...before, job_id]);
      const audit = (await call(app, 'GET', '/api/v1/audit-log?entity_type=tier', { as: ws.as })).json().data;
      expect(audit[0]).toMatchObject({ action: 'tiers.recompute_requested', actor_id: ws.owner.id, changes: { job_id } });
    });

    it('the recompute job re-tiers customers by ticket volume, keeps hand-set tiers and the tiers tickets were filed under', async () => {
      const { app, database } = get();
      const { ws, tiers } = await setup();
      const email = (name: string) => `${name}@example.com`;
      const ticketFor = (name: string) => createTicket(app, ws.as, { customer: { email: email(name), name } });

      // Ten months ago: busy files one ticket, handpicked two.
      clock.set('2025-05-01T08:00:00Z');
      const first = await ticketFor('busy');
      const busyId: string = first.customer_id;
      const handpickedId: string = (await ticketFor('handpicked')).customer_id;
      await ticketFor('handpicked');
      // Recently: busy files two more, quiet one.
      clock.set('2026-02-20T08:00:00Z');
      await ticketFor('busy');
      await ticketFor('busy');
      const quietId: string = (await ticketFor('quiet')).customer_id;
      await call(app, 'PATCH', `/api/v1/customers/${handpickedId}`, { as: ws.as, body: { tier_id: tiers.vip.id } });
      expect(first.tier_id).toBeNull();

      clock.set('2026-03-02T08:00:00Z');
      const frequent = await post(app, ws.as, '/tiers', { name: 'Frequent', rank: 10, auto_assign: true, min_tickets_per_year: 3 });
      const queued = await queuedRecomputes(database, ws.workspaceId);
      expect(queued.length).toBeGreaterThan(0);
      // Nothing moves until the job runs.
      expect(await customer(app, ws.as, busyId)).toMatchObject({ tier_id: null, tier_source: 'rule' });

      await runRecompute(database, ws, clock, queued.at(-1));
      expect(await customer(app, ws.as, busyId)).toMatchObject({ tier_id: frequent.id, tier_source: 'rule' });
      expect(await customer(app, ws.as, quietId)).toMatchObject({ tier_id: null, tier_source: 'rule' });
      expect(await customer(app, ws.as, handpickedId)).toMatchObject({ tier_id: tiers.vip.id, tier_source: 'manual' });

      // Tickets keep the tier they were filed under; the next one gets the new tier.
      expect((await call(app, 'GET', `/api/v1/tickets/${first.id}`, { as: ws.as })).json().tier_id).toBeNull();
      expect((await ticketFor('busy')).tier_id).toBe(frequent.id);

      const audit = (await call(app, 'GET', '/api/v1/audit-log?entity_type=tier', { as: ws.as })).json().data;
      expect(audit[0]).toMatchObject({
        action: 'tiers.recomputed',
        actor_type: 'system',
        actor_id: null,
        changes: { job_id: queued.at(-1), customers_examined: 2, customers_changed: 1 },
      });

      // A second run changes nothing (the job is idempotent).
      expect(await recomputeWorkspaceTiers(database.db, ws.workspaceId, clock.now())).toEqual({ examined: 2, changed: 0 });

      // A year after the old ticket, busy has filed three in the last 365 days (the fourth was just now)...
      const later = new ManualClock('2026-05-01T09:00:00Z');
      await runRecompute(database, ws, later);
      expect(await customer(app, ws.as, busyId)).toMatchObject({ tier_id: frequent.id });
      // ...and once the recent ones age out too, busy drops back.
      await runRecompute(database, ws, new ManualClock('2027-02-21T09:00:00Z'));
      expect(await customer(app, ws.as, busyId)).toMatchObject({ tier_id: null, tier_source: 'rule' });
      expect(await customer(app, ws.as, handpickedId)).toMatchObject({ tier_id: tiers.vip.id, tier_source: 'manual' });
    });

    it('pages through customers in batches with the same result', async () => {
      const { app, database } = get();
      const { ws, tiers } = await setup();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await post(app, ws.as, '/customers', { name: `C${i}`, annual_revenue: i * 1_000_000 })).id);
      // Raise the bar: only the customers with 3M or more stay Gold.
      await call(app, 'PATCH', `/api/v1/tiers/${tiers.gold.id}`, { as: ws.as, body: { min_annual_revenue: 3_000_000 } });
      expect(await recomputeWorkspaceTiers(database.db, ws.workspaceId, clock.now(), { batchSize: 2 })).toEqual({ examined: 5, changed: 2 });
      const tierIds = await Promise.all(ids.map(async (id) => (await customer(app, ws.as, id)).tier_id));
      expect(tierIds).toEqual([null, null, null, tiers.gold.id, tiers.gold.id]);
    });

    it('applies the rules to customers created by an import, and the recompute counts imported tickets', async () => {
      const { app, database } = get();
      const { ws } = await setup();
      const standard = await post(app, ws.as, '/tiers', { name: 'Standard', rank: 1, auto_assign: true, min_tickets_per_year: 0 });
      const frequent = await post(app, ws.as, '/tiers', { name: 'Frequent', rank: 10, auto_assign: true, min_tickets_per_year: 3 });
      const line = (n: number) =>
        JSON.stringify({
          external_id: `old-${n}`,
          subject: `Imported ${n}`,
          channel: 'email',
          status: 'closed',
          created_at: `2026-01-0${n}T08:00:00Z`,
          customer: { email: 'imported@example.com' },
          messages: [{ kind: 'customer', body_text: 'Hello', created_at: `2026-01-0${n}T08:00:00Z` }],
        });
      const res = await call(app, 'POST', '/api/v1/imports/tickets', {
        as: ws.as,
        body: [1, 2, 3].map(line).join('\n'),
        headers: { 'content-type': 'application/x-ndjson' },
      });
      expect(res.json()).toMatchObject({ status: 'completed', created: 3 });
      const imported = (await call(app, 'GET', '/api/v1/tickets?limit=10', { as: ws.as })).json().data as Body[];
      expect(imported.map((t) => t.tier_id)).toEqual([standard.id, standard.id, standard.id]);

      await runRecompute(database, ws);
      expect(await customer(app, ws.as, imported[0]?.customer_id)).toMatchObject({ tier_id: frequent.id, tier_source: 'rule' });
    });
  },
  { clock: () => clock },
);
