import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createOfficeCalendar } from '../sla-clocks/test-sla.ts';
import { sweepEscalations } from './sla-escalations.service.ts';
import { at, type Body, createPolicy, emailJobsFor, inbox, runEmailJob, scheduleOf, slaEventsOf, sweep } from './test-escalations.ts';

const clock = new ManualClock(at('mon', '08:00'));
const iso = (d: Date) => d.toISOString();
/** How a notice shows a due time to a user without a time zone. */
const utc = (d: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(d);
const MINUTE = 60_000;

/** Calendar-time promises: first reply within 60 min (normal) or 30 min (high); resolution 2 h. */
const TARGETS = {
  normal: { first_reply: { minutes: 60, mode: 'calendar' }, resolution: { minutes: 120, mode: 'calendar' } },
  high: { first_reply: { minutes: 30, mode: 'calendar' }, resolution: { minutes: 120, mode: 'calendar' } },
};

async function workspaceWithAgent(app: FastifyInstance) {
  clock.set(at('mon', '08:00'));
  const ws = await createWorkspace(app);
  const agent = await addUser(app, ws, 'agent');
  return { ws, agent };
}

async function patch(app: FastifyInstance, as: Auth, url: string, body: Body) {
  const res = await call(app, 'PATCH', url, { as, body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describeEngines(
  'SLA warnings and escalations',
  (get) => {
    it('a warning 15 minutes before due fires once, at its minute and not before, in-app and queued for email', async () => {
      const { app, database } = get();
      const { ws, agent } = await workspaceWithAgent(app);
      await createPolicy(app, ws.as, {
        targets: TARGETS,
        escalation_rules: [{ metric: 'first_reply', offset_minutes: -15, actions: [{ type: 'notify', to: 'assignee' }] }],
      });
      clock.set(at('mon', '10:00'));
      const ticket = await createTicket(app, ws.as, { assignee_id: agent.id });
      expect(await scheduleOf(database, ws.workspaceId, ticket.id)).toEqual([
        { metric: 'first_reply', instance: 1, offset: -15, due_at: iso(at('mon', '11:00')), fire_at: iso(at('mon', '10:45')), state: 'scheduled' },
      ]);

      clock.set(new Date(at('mon', '10:45').getTime() - 1000));
      await sweep(app, clock);
      expect(await slaEventsOf(app, ws.as, ticket.id)).toEqual([]);
      expect(await inbox(app, agent.as)).toEqual([]);

      clock.set(at('mon', '10:45'));
      await sweep(app, clock);
      const fired = [{ type: 'sla_warning', metric: 'first_reply', offset: -15, due_at: iso(at('mon', '11:00')), at: iso(at('mon', '10:45')) }];
      expect(await slaEventsOf(app, ws.as, ticket.id)).toEqual(fired);
      expect((await scheduleOf(database, ws.workspaceId, ticket.id))[0]?.state).toBe('fired');

      const notices = await inbox(app, agent.as);
      expect(notices).toEqual([
        {
          id: expect.any(String),
          kind: 'sla_warning',
          ticket_id: ticket.id,
          subject: `SLA warning: #${ticket.number} first reply due in 15 min`,
          body: expect.stringContaining(`the first reply is due at ${utc(at('mon', '11:00'))}`),
          data: { metric: 'first_reply', instance: 1, offset_minutes: -15, due_at: iso(at('mon', '11:00')), policy_id: expect.any(String) },
          created_at: iso(at('mon', '10:45')),
          read_at: null,
        },
      ]);
      expect(await inbox(app, ws.as)).toEqual([]);

      // The email copy goes through the job queue; its handler records the rendered message
      // for the email channel (sent_at stays null: SMTP delivery is that channel's part).
      const jobs = await emailJobsFor(database, [notices[0]?.id]);
      expect(jobs).toEqual([{ workspace_id: ws.workspaceId, notification_id: notices[0]?.id }]);
      await runEmailJob(app, clock, jobs[0] as (typeof jobs)[number]);
      await runEmailJob(app, clock, jobs[0] as (typeof jobs)[number]);
      const emails = (await database.executeSql(`select user_id, channel, subject, body, sent_at from notifications where ticket_id = $1 and channel = 'email'`, [ticket.id])).rows;
      expect(emails).toEqual([{ user_id: agent.id, channel: 'email', subject: notices[0]?.subject, body: expect.stringContaining(notices[0]?.body), sent_at: null }]);

      // Later sweeps do not fire it again, and the ticket shows as imminent meanwhile.
      clock.set(at('mon', '10:50'));
      await sweep(app, clock);
      await sweep(app, clock);
      expect(await slaEventsOf(app, ws.as, ticket.id)).toEqual(fired);
      expect(await inbox(app, agent.as)).toHaveLength(1);
      expect((await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json().sla.status).toBe('imminent');
    });

    it('each recipient reads the notice in their own language and time zone', async () => {
      const { app } = get();
      const { ws, agent } = await workspaceWithAgent(app);
      await patch(app, ws.as, `/api/v1/users/${agent.id}`, { locale: 'th', time_zone: 'Asia/Bangkok' });
      await createPolicy(app, ws.as, {
        targets: TARGETS,
        escalation_rules: [{ metric: 'first_reply', offset_minutes: -15, actions: [{ type: 'notify', to: 'assignee' }, { type: 'notify', to: 'users', user_ids: [ws.owner.id] }] }],
      });
      clock.set(at('mon', '10:00'));
      const ticket = await createTicket(app, ws.as, { assignee_id: agent.id });
      clock.set(at('mon', '10:45'));
      await sweep(app, clock);
      const due = at('mon', '11:00');
      const bangkok = new Intl.DateTimeFormat('th', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Bangkok', timeZoneName: 'short' }).format(due);
      expect(await inbox(app, agent.as)).toEqual([
        expect.objectContaining({ subject: `เตือน SLA: #${ticket.number} การตอบกลับครั้งแรก ครบกำหนดในอีก 15 นาที`, body: expect.stringContaining(bangkok) }),
      ]);
      expect(await inbox(app, ws.as)).toEqual([expect.objectContaining({ subject: `SLA warning: #${ticket.number} first reply due in 15 min` })]);
    });

    it('escalations at 0 and +30 tag, reassign, notify the team and raise the priority, once each', async () => {
      const { app, database } = get();
      const { ws, agent } = await workspaceWithAgent(app);
      const lead = await addUser(app, ws, 'supervisor');
      const tier2 = await addUser(app, ws, 'agent');
      const team = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Second line' } })).json();
      await patch(app, ws.as, `/api/v1/users/${tier2.id}`, { team_ids: [team.id] });
      await createPolicy(app, ws.as, {
        targets: TARGETS,
        escalation_rules: [
          {
            metric: 'first_reply',
            offset_minutes: 0,
            actions: [{ type: 'add_tag', tag: 'SLA-Breach' }, { type: 'reassign', team_id: team.id }, { type: 'notify', to: 'team' }],
          },
          { metric: 'first_reply', offset_minutes: 30, actions: [{ type: 'raise_priority' }, { type: 'notify', to: 'users', user_ids: [lead.id] }] },
        ],
      });
      clock.set(at('mon', '10:00'));
      const ticket = await createTicket(app, ws.as, { assignee_id: agent.id, tags: ['printer'] });

      clock.set(at('mon', '10:59'));
      await sweep(app, clock);
      expect(await slaEventsOf(app, ws.as, ticket.id)).toEqual([]);

      clock.set(at('mon', '11:00'));
      await sweep(app, clock);
      const breached = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json();
      // The agent is not in the new team: the ticket goes back to that team's queue.
      expect(breached).toMatchObject({ tags: ['printer', 'sla-breach'], team_id: team.id, assignee_id: null, priority: 'normal' });
      expect(await inbox(app, tier2.as)).toEqual([expect.objectContaining({ kind: 'sla_escalated', subject: `SLA breached: #${ticket.number} first reply is due now` })]);
      expect(await inbox(app, agent.as)).toEqual([]);

      clock.set(at('mon', '11:30'));
      await sweep(app, clock);
      const raised = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json();
      expect(raised.priority).toBe('high');
      // The high target (30 min) keeps the start: 90 minutes are over it, so it breaches now.
      expect(raised.sla.clocks.find((c: Body) => c.metric === 'first_reply')).toMatchObject({ due_at: iso(at('mon', '11:30')), display_status: 'breaching' });
      expect(await inbox(app, lead.as)).toEqual([expect.objectContaining({ subject: `SLA escalation: #${ticket.number} first reply overdue by 30 min` })]);

      // The clock has breached and both rules fired for it: its new due time (11:30) does not
      // make them fire again (raise_priority would otherwise feed on itself up to urgent).
      clock.set(at('mon', '12:30'));
      await sweep(app, clock);
      await sweep(app, clock);
      const events = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/events?limit=100`, { as: ws.as })).json().data as Body[];
      expect(events.filter((e) => e.occurred_at >= iso(at('mon', '11:00'))).map((e) => [e.type, e.actor_type, e.occurred_at])).toEqual([
        ['sla_escalated', 'system', iso(at('mon', '11:00'))],
        ['tags_changed', 'system', iso(at('mon', '11:00'))],
        ['assigned', 'system', iso(at('mon', '11:00'))],
        ['team_changed', 'system', iso(at('mon', '11:00'))],
        ['sla_escalated', 'system', iso(at('mon', '11:30'))],
        ['priority_changed', 'system', iso(at('mon', '11:30'))],
      ]);
      expect(events.find((e) => e.type === 'sla_escalated')?.data).toEqual({
        metric: 'first_reply',
        instance: 1,
        offset_minutes: 0,
        due_at: iso(at('mon', '11:00')),
        policy_id: expect.any(String),
        actions: ['add_tag', 'reassign', 'notify'],
      });
      expect(await scheduleOf(database, ws.workspaceId, ticket.id)).toEqual([
        { metric: 'first_reply', instance: 1, offset: 0, due_at: iso(at('mon', '11:00')), fire_at: iso(at('mon', '11:00')), state: 'fired' },
        { metric: 'first_reply', instance: 1, offset: 30, due_at: iso(at('mon', '11:00')), fire_at: iso(at('mon', '11:30')), state: 'fired' },
      ]);
      expect(await inbox(app, lead.as)).toHaveLength(1);
      expect(await inbox(app, tier2.as)).toHaveLength(1);
    });

    it('a due time that moves cancels the old warning and schedules one at the new time; moving back revives it', async () => {
      const { app, database } = get();
      const { ws, agent } = await workspaceWithAgent(app);
      await createPolicy(app, ws.as, {
        targets: TARGETS,
        escalation_rules: [{ metric: 'first_reply', offset_minutes: -15, actions: [{ type: 'notify', to: 'assignee' }] }],
      });
      clock.set(at('mon', '10:00'));
      const ticket = await createTicket(app, ws.as, { assignee_id: agent.id });
      const url = `/api/v1/tickets/${ticket.id}`;

      clock.set(at('mon', '10:05'));
      await patch(app, ws.as, url, { priority: 'high' }); // first reply now due 10:30
      expect(await scheduleOf(database, ws.workspaceId, ticket.id)).toEqual([
        { metric: 'first_reply', instance: 1, offset: -15, due_at: iso(at('mon', '10:30')), fire_at: iso(at('mon', '10:15')), state: 'scheduled' },
        { metric: 'first_reply', instance: 1, offset: -15, due_at: iso(at('mon', '11:00')), fire_at: iso(at('mon', '10:45')), state: 'cancelled' },
      ]);
      clock.set(at('mon', '10:14'));
      await sweep(app, clock);
      expect(await slaEventsOf(app, ws.as, ticket.id)).toEqual([]);
      clock.set(at('mon', '10:15'));
      await sweep(app, clock);
      expect(await slaEventsOf(app, ws.as, ticket.id)).toEqual([
        { type: 'sla_warning', metric: 'first_reply', offset: -15, due_at: iso(at('mon', '10:30')), at: iso(at('mon', '10:15')) },
      ]);

      // Back to normal: due 11:00 again. That warning never fired, so it is scheduled again.
      clock.set(at('mon', '10:20'));
      await patch(app, ws.as, url, { priority: 'normal' });
      clock.set(at('mon', '10:44'));
      await sweep(app, clock);
      expect(await slaEventsOf(app, ws.as, ticket.id)).toHaveLength(1);
      clock.set(at('mon', '10:45'));
      await sweep(app, clock);
      clock.set(at('mon', '10:59'));
      await sweep(app, clock);
      expect((await slaEventsOf(app, ws.as, ticket.id)).map((e) => [e.due_at, e.at])).toEqual([
        [iso(at('mon', '10:30')), iso(at('mon', '10:15'))],
        [iso(at('mon', '11:00')), iso(at('mon', '10:45'))],
      ]);
      expect(await inbox(app, agent.as)).toHaveLength(2);
    });

    it('a paused clock never fires; resumed, it is scheduled again from its new due time', async () => {
      const { app, database } = get();
      const { ws } = await workspaceWithAgent(app);
      await createPolicy(app, ws.as, {
        targets: TARGETS,
        escalation_rules: [
          { metric: 'resolution', offset_minutes: -15, actions: [{ type: 'notify', to: 'assignee' }] },
          { metric: 'resolution', offset_minutes: 0, actions: [{ type: 'add_tag', tag: 'late' }] },
        ],
      });
      clock.set(at('mon', '10:00'));
      const ticket = await createTicket(app, ws.as); // resolution due 12:00
      clock.set(at('mon', '10:30'));
      const reply = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'Try this', status: 'pending' } });
      expect(reply.statusCode).toBe(201);
      expect((await scheduleOf(database, ws.workspaceId, ticket.id)).map((r) => r.state)).toEqual(['cancelled', 'cancelled']);

      for (const time of ['11:45', '12:00', '16:00']) {
        clock.set(at('mon', time));
        await sweep(app, clock);
      }
      expect(await slaEventsOf(app, ws.as, ticket.id)).toEqual([]);
      expect((await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json().tags).toEqual([]);

      // The customer answers at 17:00: 90 minutes remain, due 18:30, warned at 18:15.
      clock.set(at('mon', '17:00'));
      await call(app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as, body: { kind: 'customer', body_text: 'Did not help' } });
      expect((await scheduleOf(database, ws.workspaceId, ticket.id)).filter((r) => r.state === 'scheduled')).toEqual([
        { metric: 'resolution', instance: 1, offset: -15, due_at: iso(at('mon', '18:30')), fire_at: iso(at('mon', '18:15')), state: 'scheduled' },
        { metric: 'resolution', instance: 1, offset: 0, due_at: iso(at('mon', '18:30')), fire_at: iso(at('mon', '18:30')), state: 'scheduled' },
      ]);
      clock.set(at('mon', '18:30'));
      await sweep(app, clock);
      expect((await slaEventsOf(app, ws.as, ticket.id)).map((e) => [e.type, e.offset])).toEqual([
        ['sla_warning', -15],
        ['sla_escalated', 0],
      ]);
    });

    it('a fulfilled clock never fires', async () => {
      const { app, database } = get();
      const { ws, agent } = await workspaceWithAgent(app);
      await createPolicy(app, ws.as, {
        targets: TARGETS,
        escalation_rules: [
          { metric: 'first_reply', offset_minutes: -15, actions: [{ type: 'notify', to: 'assignee' }] },
          { metric: 'first_reply', offset_minutes: 0, actions: [{ type: 'raise_priority' }] },
        ],
      });
      clock.set(at('mon', '10:00'));
      const ticket = await createTicket(app, ws.as, { assignee_id: agent.id });
      clock.set(at('mon', '10:30'));
      await call(app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { as: agent.as, body: { kind: 'public_reply', body_text: 'Looking into it' } });
      expect((await scheduleOf(database, ws.workspaceId, ticket.id)).map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
      for (const time of ['10:45', '11:00', '12:00']) {
        clock.set(at('mon', time));
        await sweep(app, clock);
      }
      expect(await slaEventsOf(app, ws.as, ticket.id)).toEqual([]);
      expect(await inbox(app, agent.as)).toEqual([]);
      expect((await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json().priority).toBe('normal');
    });

    it('a rule removed from its policy before its time does not fire, even before the clocks are recomputed', async () => {
      const { app, database } = get();
      const { ws, agent } = await workspaceWithAgent(app);
      const policy = await createPolicy(app, ws.as, {
        targets: TARGETS,
        escalation_rules: [{ metric: 'first_reply', offset_minutes: -15, actions: [{ type: 'notify', to: 'assignee' }] }],
      });
      clock.set(at('mon', '10:00'));
      const ticket = await createTicket(app, ws.as, { assignee_id: agent.id });
      clock.set(at('mon', '10:30'));
      await patch(app, ws.as, `/api/v1/sla-policies/${policy.id}`, { escalation_rules: [] });
      clock.set(at('mon', '10:45'));
      await sweep(app, clock);
      expect(await slaEventsOf(app, ws.as, ticket.id)).toEqual([]);
      expect(await inbox(app, agent.as)).toEqual([]);
      expect((await scheduleOf(database, ws.workspaceId, ticket.id)).map((r) => r.state)).toEqual(['cancelled']);
    });

    it('two sweeps, one after the other or at the same time, fire a rule once', async () => {
      const { app, database } = get();
      const { ws, agent } = await workspaceWithAgent(app);
      await createPolicy(app, ws.as, {
        targets: TARGETS,
        escalation_rules: [{ metric: 'first_reply', offset_minutes: 0, actions: [{ type: 'notify', to: 'assignee' }, { type: 'add_tag', tag: 'late' }] }],
      });
      clock.set(at('mon', '10:00'));
      const first = await createTicket(app, ws.as, { assignee_id: agent.id });
      const second = await createTicket(app, ws.as, { assignee_id: agent.id });
      clock.set(at('mon', '11:00'));
      await sweep(app, clock);
      await sweep(app, clock);
      expect(await slaEventsOf(app, ws.as, first.id)).toHaveLength(1);

      // Concurrent sweeps (on PostgreSQL really in parallel, over two pooled connections).
      const deps = { db: database.db, jobs: app.deps.jobs };
      const results = await Promise.all([sweepEscalations(deps, clock.now()), sweepEscalations(deps, clock.now())]);
      expect(results.map((r) => r.failed)).toEqual([0, 0]);
      for (const t of [first, second]) {
        expect(await slaEventsOf(app, ws.as, t.id)).toHaveLength(1);
        expect((await call(app, 'GET', `/api/v1/tickets/${t.id}`, { as: ws.as })).json().tags).toEqual(['late']);
      }
      expect(await inbox(app, agent.as)).toHaveLength(2);
    });

    it('business-mode offsets count business time: warnings on Friday afternoon for a Monday 10:00 due time', async () => {
      const { app, database } = get();
      const { ws } = await workspaceWithAgent(app);
      const office = await createOfficeCalendar(app, ws.as); // Mon–Fri 09:00–17:00 Asia/Bangkok
      await createPolicy(app, ws.as, {
        targets: { normal: { first_reply: { minutes: 180, mode: 'business', calendar_id: office.id } } },
        escalation_rules: [
          { metric: 'first_reply', offset_minutes: -120, actions: [{ type: 'notify', to: 'assignee' }] },
          { metric: 'first_reply', offset_minutes: -60, actions: [{ type: 'notify', to: 'assignee' }] },
          { metric: 'first_reply', offset_minutes: 30, actions: [{ type: 'add_tag', tag: 'late' }] },
        ],
      });
      // Friday 15:00 + 3 business hours: Fri 15–17, Mon 09–10.
      clock.set(at('fri', '15:00'));
      const ticket = await createTicket(app, ws.as);
      const due = iso(at('mon2', '10:00'));
      expect(await scheduleOf(database, ws.workspaceId, ticket.id)).toEqual([
        { metric: 'first_reply', instance: 1, offset: -120, due_at: due, fire_at: iso(at('fri', '16:00')), state: 'scheduled' },
        // 60 business minutes before Monday 10:00 is Friday 17:00, the end of the last open
        // period (the library's endpoint rule), not Monday 09:00.
        { metric: 'first_reply', instance: 1, offset: -60, due_at: due, fire_at: iso(at('fri', '17:00')), state: 'scheduled' },
        { metric: 'first_reply', instance: 1, offset: 30, due_at: due, fire_at: iso(at('mon2', '10:30')), state: 'scheduled' },
      ]);
      // The first warning is the instant the stored clocks call the ticket imminent from.
      const columns = (await database.executeSql('select sla_next_warning_at from ticket_sla where ticket_id = $1', [ticket.id])).rows as { sla_next_warning_at: Date }[];
      expect(new Date(columns[0]?.sla_next_warning_at as Date).toISOString()).toBe(iso(at('fri', '16:00')));

      const steps: [Date, number][] = [
        [new Date(at('fri', '16:00').getTime() - MINUTE), 0],
        [at('fri', '16:00'), 1],
        [at('fri', '17:00'), 2],
        [at('mon2', '10:29'), 2],
        [at('mon2', '10:30'), 3],
      ];
      for (const [time, count] of steps) {
        clock.set(time);
        await sweep(app, clock);
        expect(await slaEventsOf(app, ws.as, ticket.id), time.toISOString()).toHaveLength(count);
      }
      expect((await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json().tags).toEqual(['late']);
    });
  },
  { clock: () => clock, config: { GAPWISE_SESSION_TTL_HOURS: '1000' } },
);

