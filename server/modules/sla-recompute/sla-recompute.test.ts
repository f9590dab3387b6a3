import { expect, it, vi } from 'vitest';
import { createTicket, createWorkspace, type WorkspaceFixture } from '../../../test/factories.ts';
import { type Auth, call, describeEngines, walkPages } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { recomputeWorkspaceClocks } from '../sla-clocks/sla-clocks.service.ts';
import { createOfficeCalendar, HOUR, iso, mon, tue } from '../sla-clocks/test-sla.ts';
import { slaRecomputeJob } from './sla-recompute.job.ts';
import { SLA_RECOMPUTE } from './sla-recompute.queue.ts';

// A recompute that fails: the job must record it and let the queue retry.
const failing = vi.hoisted(() => new Set<string>());
vi.mock('../sla-clocks/sla-clocks.service.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../sla-clocks/sla-clocks.service.ts')>();
  return {
    ...real,
    recomputeWorkspaceClocks: async (...args: Parameters<typeof real.recomputeWorkspaceClocks>) => {
      if (failing.has(args[1])) throw new Error('disk on fire');
      return real.recomputeWorkspaceClocks(...args);
    },
  };
});

const clock = new ManualClock(mon('08:00'));
type App = Parameters<typeof call>[0];
// biome-ignore lint/suspicious/noExplicitAny: response bodies, checked by the assertions
type Body = Record<string, any>;

async function post(app: App, as: Auth, url: string, body: unknown, status = 201): Promise<Body> {
  const res = await call(app, 'POST', `/api/v1${url}`, { as, body });
  if (res.statusCode !== status) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function patch(app: App, as: Auth, url: string, body: unknown): Promise<Body> {
  const res = await call(app, 'PATCH', `/api/v1${url}`, { as, body });
  if (res.statusCode !== 200) throw new Error(`PATCH ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function recomputes(app: App, as: Auth): Promise<Body[]> {
  const res = await call(app, 'GET', '/api/v1/sla/recomputes?limit=100', { as });
  expect(res.statusCode).toBe(200);
  return res.json().data;
}

/** The sla.recompute jobs queued for a workspace, oldest first. */
async function queuedJobs(database: Database, workspaceId: string): Promise<Body[]> {
  const rows = await database.executeSql(`select data from pgboss.job where name = $1 and data->>'workspace_id' = $2 order by created_on, id`, [SLA_RECOMPUTE, workspaceId]);
  return (rows.rows as { data: Body }[]).map((r) => r.data);
}

/** Runs the handler of every job queued for the workspace, as the queue would. */
async function runJobs(database: Database, ws: WorkspaceFixture): Promise<void> {
  const handler = slaRecomputeJob({ db: database.db, clock });
  for (const data of await queuedJobs(database, ws.workspaceId)) await handler.handle(data as never, { jobId: 'job-under-test' });
}

function policyBody(calendarId: string, firstReplyMinutes = 240) {
  return {
    name: 'Office hours',
    targets: {
      normal: {
        first_reply: { minutes: firstReplyMinutes, mode: 'business', calendar_id: calendarId },
        resolution: { minutes: 960, mode: 'business', calendar_id: calendarId },
      },
    },
  };
}

async function getTicket(app: App, as: Auth, id: string): Promise<Body> {
  const res = await call(app, 'GET', `/api/v1/tickets/${id}`, { as });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const firstReply = (ticket: Body) => ticket.sla.clocks.find((c: Body) => c.metric === 'first_reply');

describeEngines(
  'SLA recompute job',
  (get) => {
    it('a policy change queues a recompute and its job in the same transaction; changes while it is queued reuse it', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const { id: calendarId } = await createOfficeCalendar(app, ws.as);
      expect(await recomputes(app, ws.as)).toEqual([]);

      // A refused change queues nothing.
      const refused = await call(app, 'POST', '/api/v1/sla-policies', { as: ws.as, body: policyBody('01900000-0000-7000-8000-000000000000') });
      expect(refused.statusCode).toBe(422);
      expect(await recomputes(app, ws.as)).toEqual([]);
      expect(await queuedJobs(database, ws.workspaceId)).toEqual([]);

      const policy = await post(app, ws.as, '/sla-policies', policyBody(calendarId));
      const [queued, ...others] = await recomputes(app, ws.as);
      expect(others).toEqual([]);
      expect(queued).toEqual({
        id: expect.any(String),
        reason: 'sla_policy.created',
        historical: false,
        status: 'queued',
        total: null,
        processed: 0,
        error: null,
        requested_by: ws.owner.id,
        created_at: iso(mon('08:00')),
        started_at: null,
        finished_at: null,
      });
      expect(await queuedJobs(database, ws.workspaceId)).toEqual([{ workspace_id: ws.workspaceId, recompute_id: queued?.id, historical: false }]);

      // Not started yet: it will load the policies as they are then, so it covers these too.
      await patch(app, ws.as, `/sla-policies/${policy.id}`, { name: 'Office hours (changed)' });
      const second = await post(app, ws.as, '/sla-policies', { name: 'Fallback', targets: { normal: { first_reply: { minutes: 600, mode: 'calendar' } } } });
      expect((await post(app, ws.as, '/sla-policies/reorder', { ids: [second.id, policy.id] }, 200)).data).toHaveLength(2);
      expect((await call(app, 'DELETE', `/api/v1/sla-policies/${second.id}`, { as: ws.as })).statusCode).toBe(204);
      expect(await recomputes(app, ws.as)).toEqual([queued]);
      expect(await queuedJobs(database, ws.workspaceId)).toHaveLength(1);

      clock.set(mon('08:30'));
      await runJobs(database, ws);
      const [done] = await recomputes(app, ws.as);
      expect(done).toMatchObject({ id: queued?.id, status: 'completed', total: 0, processed: 0, started_at: iso(mon('08:30')), finished_at: iso(mon('08:30')) });

      // An inactive policy moves no clock; a change to an active one after the run queues a new run.
      await post(app, ws.as, '/sla-policies', { name: 'Draft', active: false });
      expect(await recomputes(app, ws.as)).toHaveLength(1);
      await patch(app, ws.as, `/sla-policies/${policy.id}`, { targets: policyBody(calendarId, 60).targets });
      const list = await recomputes(app, ws.as);
      expect(list.map((r) => [r.reason, r.status])).toEqual([
        ['sla_policy.updated', 'queued'],
        ['sla_policy.created', 'completed'],
      ]);
      expect(await walkPages(app, ws.as, '/api/v1/sla/recomputes', 1)).toEqual(list.map((r) => r.id));
    });

    it('recomputes open tickets under the new policy and leaves closed ones as they were; a historical recompute redoes them all', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const { id: calendarId } = await createOfficeCalendar(app, ws.as);
      const policy = await post(app, ws.as, '/sla-policies', policyBody(calendarId));
      await runJobs(database, ws);

      clock.set(mon('10:00'));
      const open = await createTicket(app, ws.as);
      const solved = await createTicket(app, ws.as);
      const closed = await createTicket(app, ws.as);
      clock.set(mon('11:00'));
      for (const [id, status] of [[solved.id, 'solved'], [closed.id, 'solved']]) {
        expect((await call(app, 'POST', `/api/v1/tickets/${id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'Fixed', status } })).statusCode).toBe(201);
      }
      expect((await call(app, 'PATCH', `/api/v1/tickets/${closed.id}`, { as: ws.as, body: { status: 'closed' } })).statusCode).toBe(200);
      for (const t of [open, solved, closed]) expect(firstReply(await getTicket(app, ws.as, t.id)).target_seconds).toBe(4 * HOUR);

      // From now on: first reply within 30 business minutes.
      await patch(app, ws.as, `/sla-policies/${policy.id}`, { targets: policyBody(calendarId, 30).targets });
      // Until the job runs, stored clocks are as they were.
      expect(firstReply(await getTicket(app, ws.as, open.id)).target_seconds).toBe(4 * HOUR);

      clock.set(mon('12:00'));
      await runJobs(database, ws);
      const [run] = await recomputes(app, ws.as);
      expect(run).toMatchObject({ reason: 'sla_policy.updated', historical: false, status: 'completed', total: 2, processed: 2, finished_at: iso(mon('12:00')) });
      expect(firstReply(await getTicket(app, ws.as, open.id))).toMatchObject({ target_seconds: 1800, due_at: iso(mon('10:30')), display_status: 'breaching' });
      // A fulfilled clock keeps the promise made at the time; the closed ticket is not touched.
      expect(firstReply(await getTicket(app, ws.as, solved.id))).toMatchObject({ target_seconds: 4 * HOUR, outcome: 'achieved' });
      expect(firstReply(await getTicket(app, ws.as, closed.id))).toMatchObject({ target_seconds: 4 * HOUR, outcome: 'achieved' });

      // An admin asks for history to be judged by today's policy.
      clock.set(tue('09:00'));
      const historical = await post(app, ws.as, '/sla/recomputes', { historical: true }, 202);
      expect(historical).toMatchObject({ reason: 'requested', historical: true, status: 'queued', requested_by: ws.owner.id });
      expect((await call(app, 'GET', `/api/v1/sla/recomputes/${historical.id}`, { as: ws.as })).json()).toEqual(historical);
      await runJobs(database, ws);
      expect((await call(app, 'GET', `/api/v1/sla/recomputes/${historical.id}`, { as: ws.as })).json()).toMatchObject({
        status: 'completed',
        total: 3,
        processed: 3,
        started_at: iso(tue('09:00')),
      });
      for (const t of [solved, closed]) {
        expect(firstReply(await getTicket(app, ws.as, t.id))).toMatchObject({ target_seconds: 1800, outcome: 'breached', breached_at: iso(mon('10:30')) });
      }
      const audit = (await call(app, 'GET', '/api/v1/audit-log?limit=100', { as: ws.as })).json().data as Body[];
      expect(audit.find((a) => a.action === 'sla.recompute_requested')).toMatchObject({ entity_id: historical.id, changes: { historical: true } });
    });

    it('reports progress batch by batch, counted against the tickets found at the start', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const { id: calendarId } = await createOfficeCalendar(app, ws.as);
      await post(app, ws.as, '/sla-policies', policyBody(calendarId));
      clock.set(mon('10:00'));
      for (let i = 0; i < 5; i++) await createTicket(app, ws.as);
      const seen: { processed: number; total: number }[] = [];
      const done = await recomputeWorkspaceClocks(database.db, ws.workspaceId, clock.now(), { onlyOpen: true, batchSize: 2, onProgress: (p) => void seen.push(p) });
      expect(done.processed).toBe(5);
      // One report at the start and one per batch (2 + 2 + 1). Two batches run at once, so the
      // last two may finish in either order: the counts rise, but not always by 2 then 1.
      expect(seen).toHaveLength(4);
      expect(seen[0]).toEqual({ processed: 0, total: 5 });
      expect(seen.at(-1)).toEqual({ processed: 5, total: 5 });
      for (let i = 1; i < seen.length; i++) expect(seen[i]?.processed).toBeGreaterThan(seen[i - 1]?.processed ?? 0);
      expect(seen.every((p) => p.total === 5)).toBe(true);
      await runJobs(database, ws);
      expect((await recomputes(app, ws.as))[0]).toMatchObject({ status: 'completed', total: 5, processed: 5 });
    });

    it('a calendar change queues a recompute only when an active policy times targets by it', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const { id: used } = await createOfficeCalendar(app, ws.as);
      const hours = { mon: [{ start: '08:00', end: '18:00' }] };
      const unused = (await post(app, ws.as, '/calendars', { name: 'Unused', time_zone: 'Asia/Bangkok', weekly_hours: hours })).id;
      const draftOnly = (await post(app, ws.as, '/calendars', { name: 'Draft only', time_zone: 'Asia/Bangkok', weekly_hours: hours })).id;
      await post(app, ws.as, '/sla-policies', policyBody(used));
      await post(app, ws.as, '/sla-policies', { ...policyBody(draftOnly), name: 'Draft', active: false });
      await runJobs(database, ws);
      expect(await recomputes(app, ws.as)).toHaveLength(1);

      await patch(app, ws.as, `/calendars/${unused}`, { weekly_hours: { tue: [{ start: '08:00', end: '18:00' }] } });
      await patch(app, ws.as, `/calendars/${draftOnly}`, { weekly_hours: { tue: [{ start: '08:00', end: '18:00' }] } });
      expect(await recomputes(app, ws.as)).toHaveLength(1);

      await patch(app, ws.as, `/calendars/${used}`, { holidays: [{ date: '2026-01-06', name: 'Closed' }] });
      expect((await recomputes(app, ws.as)).map((r) => [r.reason, r.status])).toEqual([
        ['calendar.updated', 'queued'],
        ['sla_policy.created', 'completed'],
      ]);
      await runJobs(database, ws);

      const ics = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260107\r\nSUMMARY:Founders day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
      const imported = await call(app, 'POST', `/api/v1/calendars/${used}/holidays/import`, { as: ws.as, body: ics, headers: { 'content-type': 'text/calendar' } });
      expect(imported.statusCode, imported.body).toBe(200);
      expect((await recomputes(app, ws.as))[0]).toMatchObject({ reason: 'calendar.holidays_imported', status: 'queued' });
      await runJobs(database, ws);
      // The same file again adds nothing, so nothing to recompute.
      await call(app, 'POST', `/api/v1/calendars/${used}/holidays/import`, { as: ws.as, body: ics, headers: { 'content-type': 'text/calendar' } });
      expect((await recomputes(app, ws.as)).map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    });

    it('a failed run is recorded and retried by the queue; a completed run is not repeated', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const { id: calendarId } = await createOfficeCalendar(app, ws.as);
      await post(app, ws.as, '/sla-policies', policyBody(calendarId));
      const [queued] = await recomputes(app, ws.as);
      const [payload] = await queuedJobs(database, ws.workspaceId);
      const handler = slaRecomputeJob({ db: database.db, clock });

      failing.add(ws.workspaceId);
      clock.set(mon('09:00'));
      await expect(handler.handle(payload as never, { jobId: 'attempt-1' })).rejects.toThrow('disk on fire');
      expect((await recomputes(app, ws.as))[0]).toMatchObject({ id: queued?.id, status: 'failed', error: 'disk on fire', finished_at: iso(mon('09:00')) });

      failing.delete(ws.workspaceId);
      clock.set(mon('09:05'));
      await handler.handle(payload as never, { jobId: 'attempt-2' });
      const completed = (await recomputes(app, ws.as))[0];
      expect(completed).toMatchObject({ status: 'completed', error: null, started_at: iso(mon('09:05')), finished_at: iso(mon('09:05')) });

      clock.set(mon('09:10'));
      await handler.handle(payload as never, { jobId: 'attempt-3' });
      expect((await recomputes(app, ws.as))[0]).toEqual(completed);
    });

    it('POST /sla/recomputes validates, reuses a queued run, honours Idempotency-Key; unknown ids are 404', async () => {
      const { app } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      for (const body of [{ historical: 'yes' }, { historical: true, extra: 1 }]) {
        const res = await call(app, 'POST', '/api/v1/sla/recomputes', { as: ws.as, body });
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().code).toBe('validation_failed');
      }
      const first = await post(app, ws.as, '/sla/recomputes', {}, 202);
      expect(first).toMatchObject({ reason: 'requested', historical: false, status: 'queued' });
      expect(await post(app, ws.as, '/sla/recomputes', { historical: false }, 202)).toEqual(first);
      // No body at all is the default request.
      const bare = await call(app, 'POST', '/api/v1/sla/recomputes', { as: ws.as });
      expect(bare.statusCode).toBe(202);
      expect(bare.json()).toEqual(first);
      // An open-tickets run does not cover a historical one; a historical one covers both.
      const historical = await post(app, ws.as, '/sla/recomputes', { historical: true }, 202);
      expect(historical.id).not.toBe(first.id);
      expect(await post(app, ws.as, '/sla/recomputes', { historical: true }, 202)).toEqual(historical);
      expect([first.id, historical.id]).toContain((await post(app, ws.as, '/sla/recomputes', {}, 202)).id);

      const headers = { 'idempotency-key': 'recompute-1' };
      const once = await call(app, 'POST', '/api/v1/sla/recomputes', { as: ws.as, body: {}, headers });
      const twice = await call(app, 'POST', '/api/v1/sla/recomputes', { as: ws.as, body: {}, headers });
      expect(once.statusCode).toBe(202);
      expect(twice.statusCode).toBe(202);
      expect(twice.headers['idempotent-replayed']).toBe('true');
      expect(twice.json()).toEqual(once.json());
      expect(await recomputes(app, ws.as)).toHaveLength(2);

      const missing = await call(app, 'GET', '/api/v1/sla/recomputes/01900000-0000-7000-8000-000000000000', { as: ws.as });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('not_found');
    });
  },
  // Sessions outlive the days these tests travel through.
  { clock: () => clock, config: { GAPWISE_SESSION_TTL_HOURS: '10000' } },
);
