import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../test/email-helpers.ts';
import { addUser, createTicket, createWorkspace, signIn, TEST_PASSWORD } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createMailer, type Mailer } from '../../platform/mailer.ts';
import { refreshTicketFacts } from '../analytics/ticket-facts.service.ts';
import { recomputeWorkspaceClocks } from '../sla-clocks/sla-clocks.service.ts';
import { createOfficeCalendar, officeResolver } from '../sla-clocks/test-sla.ts';
import { createSurvey, invite, keyedWorkspace, postJson } from '../surveys/test-surveys.ts';
import { listTeamReports } from './reports.repository.ts';
import { deliverTeamReport, REPORTS_TEAM_SEND, sweepTeamReports, type TeamReportPayload } from './reports.service.ts';

/** Bangkok (UTC+7): the report week of Monday 9 November 2026 ends at 2026-11-15T17:00Z. */
const clock = new ManualClock('2026-11-10T03:00:00Z');
const bkk = (date: string, time: string) => `${date}T${time}:00+07:00`;

let sink: SmtpSink;
let mailer: Mailer;
beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'Gapwise <reports@example.com>' });
});
afterAll(async () => {
  await mailer?.close();
  await sink?.close();
});

const team = async (app: FastifyInstance, as: Auth, name: string, lead?: string) => {
  const res = await call(app, 'POST', '/api/v1/teams', { as, body: { name, ...(lead ? { lead_user_id: lead } : {}) } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

/** The queued send jobs of a workspace (the test queue does not work jobs). */
async function queued(app: FastifyInstance, workspaceId: string): Promise<TeamReportPayload[]> {
  const rows = await sql<{ data: TeamReportPayload }>`
    select data from pgboss.job where name = ${REPORTS_TEAM_SEND} and data->>'workspace_id' = ${workspaceId} order by created_on`.execute(app.deps.database.db);
  return rows.rows.map((r) => r.data);
}

const deliver = (app: FastifyInstance, payload: TeamReportPayload) =>
  deliverTeamReport({ db: app.deps.database.db, mailer, publicUrl: 'https://help.example.com' }, payload, clock.now());

describeEngines(
  'weekly team reports',
  (get) => {
    it('takes as lead only an active user of the workspace (422 on the field); users turn the report off themselves', async () => {
      const { app } = get();
      clock.set('2026-11-10T03:00:00Z');
      const ws = await createWorkspace(app);
      const other = await createWorkspace(app);
      const lead = await addUser(app, ws, 'agent', 'Lead');
      const gone = await addUser(app, ws, 'agent', 'Gone');
      expect((await call(app, 'DELETE', `/api/v1/users/${gone.id}`, { as: ws.as })).statusCode).toBe(204);
      const stranger = await addUser(app, other, 'agent', 'Stranger');

      for (const [id, message] of [
        [stranger.id, `unknown user ${stranger.id}`],
        [gone.id, 'this user is deactivated'],
      ] as const) {
        const res = await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: `T ${message}`, lead_user_id: id } });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ code: 'invalid_reference', issues: [{ path: 'body.lead_user_id', message }] });
      }
      const id = await team(app, ws.as, 'Support', lead.id);
      expect((await call(app, 'GET', `/api/v1/teams/${id}`, { as: ws.as })).json().lead_user_id).toBe(lead.id);
      const moved = await call(app, 'PATCH', `/api/v1/teams/${id}`, { as: ws.as, body: { lead_user_id: gone.id } });
      expect(moved.statusCode).toBe(422);
      expect(moved.json().issues).toEqual([{ path: 'body.lead_user_id', message: 'this user is deactivated' }]);
      const cleared = await call(app, 'PATCH', `/api/v1/teams/${id}`, { as: ws.as, body: { lead_user_id: null } });
      expect(cleared.json().lead_user_id).toBeNull();

      expect((await call(app, 'GET', `/api/v1/users/${lead.id}`, { as: lead.as })).json().weekly_report).toBe(true);
      const off = await call(app, 'PATCH', `/api/v1/users/${lead.id}`, { as: lead.as, body: { weekly_report: false } });
      expect(off.statusCode).toBe(200);
      expect(off.json().weekly_report).toBe(false);
      const colleague = await addUser(app, ws, 'agent');
      expect((await call(app, 'PATCH', `/api/v1/users/${colleague.id}`, { as: lead.as, body: { weekly_report: false } })).statusCode).toBe(403);
    });

    it('queues each team-week once under two concurrent sweeps, sends it once over SMTP, skips teams without a wanting lead, and catches up with the last week only', async () => {
      const { app, database } = get();
      clock.set('2026-11-10T03:00:00Z');
      const ws = await createWorkspace(app);
      const lead1 = await addUser(app, ws, 'agent', 'Ana');
      const lead2 = await addUser(app, ws, 'supervisor', 'Bo');
      const optedOut = await addUser(app, ws, 'agent', 'Cy');
      const leaving = await addUser(app, ws, 'agent', 'Di');
      const t1 = await team(app, ws.as, 'Alpha', lead1.id);
      const t2 = await team(app, ws.as, 'Beta', lead2.id);
      await team(app, ws.as, 'Gamma');
      await team(app, ws.as, 'Delta', optedOut.id);
      await team(app, ws.as, 'Epsilon', leaving.id);
      await call(app, 'PATCH', `/api/v1/users/${optedOut.id}`, { as: optedOut.as, body: { weekly_report: false } });
      await call(app, 'DELETE', `/api/v1/users/${leaving.id}`, { as: ws.as });
      await createTicket(app, ws.as, { team_id: t1 });

      // Monday 16 November 00:05 in Bangkok: the week of 9 November has ended.
      clock.set(bkk('2026-11-16', '00:05'));
      const deps = { db: database.db, jobs: app.deps.jobs };
      await Promise.all([sweepTeamReports(deps, clock.now()), sweepTeamReports(deps, clock.now())]);
      const jobs = await queued(app, ws.workspaceId);
      expect(jobs.map((j) => [j.team_id, j.week_start]).sort()).toEqual([[t1, '2026-11-09'], [t2, '2026-11-09']].sort());
      expect((await listTeamReports(database.db, ws.workspaceId, '2026-11-09')).map((r) => r.status)).toEqual(['queued', 'queued']);

      // Each job run twice at once (a redelivery): one sends, the other finds it taken.
      const before = sink.received.length;
      for (const job of jobs) {
        const outcomes = await Promise.allSettled([deliver(app, job), deliver(app, job)]);
        const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'retry'));
        expect(values.filter((v) => v === 'sent')).toHaveLength(1);
      }
      expect(await deliver(app, jobs[0] as TeamReportPayload)).toBe('already_done');
      const mails = (await sink.waitFor(before + 2)).slice(before);
      expect(mails.map((m) => m.to[0]).sort()).toEqual([lead1.email.toLowerCase(), lead2.email.toLowerCase()].sort());
      const alpha = mails.find((m) => m.to[0] === lead1.email.toLowerCase());
      expect(alpha?.parsed.subject?.replace(/\u2009/g, ' ')).toBe('Weekly report for Alpha: Nov 9 – 15, 2026');
      expect(alpha?.parsed.text).toContain('Tickets created\n  Alpha: 1; week before: 0');
      expect(alpha?.parsed.html).toContain('<table');
      expect(alpha?.parsed.headers.get('auto-submitted')).toBe('auto-generated');
      const rows = await listTeamReports(database.db, ws.workspaceId, '2026-11-09');
      expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
      expect(rows.every((r) => r.sent_at !== null && r.message_id !== null)).toBe(true);

      // A restart later that day: nothing new.
      clock.set(bkk('2026-11-16', '09:00'));
      await sweepTeamReports(deps, clock.now());
      expect(await queued(app, ws.workspaceId)).toHaveLength(2);

      // Three weeks of downtime: only the last ended week is queued.
      clock.set(bkk('2026-12-08', '10:00'));
      await sweepTeamReports(deps, clock.now());
      const later = (await queued(app, ws.workspaceId)).slice(2);
      expect(later.map((j) => j.week_start)).toEqual(['2026-11-30', '2026-11-30']);
    });

    it('mails the analytics API’s figures for the team and the week, next to the whole workspace and the week before', async () => {
      const { app, database } = get();
      clock.set(bkk('2026-11-02', '08:00'));
      // An API key: sessions would expire while the test moves the clock over two weeks.
      const ws = await keyedWorkspace(app);
      const lead = await addUser(app, ws, 'supervisor', 'Lin');
      const { calendar } = await createOfficeCalendar(app, ws.as);
      const a = await team(app, ws.as, 'Alpha', lead.id);
      const b = await team(app, ws.as, 'Beta');
      const csat = await createSurvey(app, ws.as, { type: 'csat' });

      const open = async (at: string, teamId: string) => {
        clock.set(at);
        return createTicket(app, ws.as, { team_id: teamId });
      };
      const reply = async (id: string, at: string) => {
        clock.set(at);
        expect((await call(app, 'POST', `/api/v1/tickets/${id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'On it' } })).statusCode).toBe(201);
      };
      const status = async (id: string, at: string, value: string) => {
        clock.set(at);
        expect((await call(app, 'PATCH', `/api/v1/tickets/${id}`, { as: ws.as, body: { status: value } })).statusCode).toBe(200);
      };
      const rate = async (ticket: { id: string; customer_id: string }, at: string, score: number) => {
        clock.set(at);
        const inv = await invite(app, ws.as, csat.id, { customer_id: ticket.customer_id, ticket_id: ticket.id });
        expect((await postJson(app, inv.token, { csat: score })).statusCode).toBe(200);
      };

      // The week before (2–8 November): one Alpha ticket answered in 1 h, solved.
      const w0 = await open(bkk('2026-11-02', '10:00'), a);
      await reply(w0.id, bkk('2026-11-02', '11:00'));
      await status(w0.id, bkk('2026-11-02', '12:00'), 'solved');
      // The week (9–15 November): Alpha has three, Beta one.
      const t1 = await open(bkk('2026-11-09', '10:00'), a);
      const t2 = await open(bkk('2026-11-10', '09:00'), a);
      const t3 = await open(bkk('2026-11-12', '10:00'), a);
      const t4 = await open(bkk('2026-11-09', '10:00'), b);
      await reply(t1.id, bkk('2026-11-09', '10:30')); // 30 min
      await reply(t2.id, bkk('2026-11-10', '11:00')); // 2 h: the median of the two is 1 h 15 min
      await reply(t2.id, bkk('2026-11-10', '12:00'));
      await reply(t4.id, bkk('2026-11-09', '13:00'));
      await status(t1.id, bkk('2026-11-10', '10:00'), 'solved');
      await status(t2.id, bkk('2026-11-11', '09:00'), 'solved');
      await status(t4.id, bkk('2026-11-09', '14:00'), 'solved');
      await status(t1.id, bkk('2026-11-13', '09:00'), 'open');
      await rate(t2, bkk('2026-11-11', '10:00'), 5);
      await rate(t4, bkk('2026-11-11', '10:00'), 2);
      clock.set(bkk('2026-11-17', '08:00'));
      await recomputeWorkspaceClocks(database.db, ws.workspaceId, clock.now(), { onlyOpen: false, resolver: officeResolver(calendar) });
      await refreshTicketFacts(database.db, { now: clock.now() });

      const leadAs = await signIn(app, lead.email, TEST_PASSWORD, ws.slug);
      const preview = await call(app, 'POST', `/api/v1/teams/${a}/report/preview`, { as: leadAs, body: { week_start: '2026-11-09' } });
      expect(preview.statusCode, preview.body).toBe(200);
      const report = preview.json();
      expect(report).toMatchObject({ week_start: '2026-11-09', week_end: '2026-11-15', from: '2026-11-08T17:00:00.000Z', to: '2026-11-15T17:00:00.000Z', time_zone: 'Asia/Bangkok', locale: 'en', lead_user_id: lead.id });

      const weeks = { last: ['2026-11-08T17:00:00Z', '2026-11-15T17:00:00Z'], before: ['2026-11-01T17:00:00Z', '2026-11-08T17:00:00Z'] } as const;
      for (const [scope, teamId] of [['team', a], ['workspace', null]] as const) {
        for (const week of ['last', 'before'] as const) {
          const query = `from=${weeks[week][0]}&to=${weeks[week][1]}${teamId ? `&team_id=${teamId}` : ''}`;
          const tickets = (await call(app, 'GET', `/api/v1/analytics/tickets?${query}`, { as: leadAs })).json().groups[0];
          const satisfaction = (await call(app, 'GET', `/api/v1/analytics/satisfaction?${query}`, { as: leadAs })).json().overall;
          const sla = Object.values(tickets.sla as Record<string, { n: number; achieved: number }>);
          const slaN = sla.reduce((s, m) => s + m.n, 0);
          expect(report.figures[scope][week], `${scope} ${week}`).toEqual({
            created: tickets.created,
            solved: tickets.solved,
            backlog: tickets.backlog,
            first_reply_business: { seconds: tickets.first_reply.business.median, n: tickets.first_reply.business.n },
            first_reply_calendar: { seconds: tickets.first_reply.calendar.median, n: tickets.first_reply.n },
            resolution: { seconds: tickets.resolution.calendar.median, n: tickets.resolution.n },
            sla_attainment: { rate: slaN === 0 ? null : sla.reduce((s, m) => s + m.achieved, 0) / slaN, n: slaN },
            reopen_rate: { rate: tickets.reopen.rate, n: tickets.reopen.n },
            one_touch_rate: { rate: tickets.one_touch.rate, n: tickets.one_touch.n },
            csat: { rate: satisfaction.csat.percent === null ? null : satisfaction.csat.percent / 100, n: satisfaction.csat.n },
            nps: { score: satisfaction.nps.score, n: satisfaction.nps.n },
          });
        }
      }
      // And by hand, so both cannot be wrong together.
      expect(report.figures.team.last).toMatchObject({ created: 3, solved: 2, backlog: 2, first_reply_calendar: { seconds: 4500, n: 2 }, reopen_rate: { rate: 0.5, n: 2 }, one_touch_rate: { rate: 0.5, n: 2 }, csat: { rate: 1, n: 1 } });
      expect(report.figures.workspace.last).toMatchObject({ created: 4, solved: 3, csat: { rate: 0.5, n: 2 } });
      expect(report.figures.team.before).toMatchObject({ created: 1, solved: 1, first_reply_calendar: { seconds: 3600, n: 1 } });
      expect(report.figures.team.last.sla_attainment.n).toBeGreaterThan(0);
      // Two agents' worth of tickets is too few for a p-chart: nobody is flagged.
      expect(report.flagged_agents).toEqual([]);
      // The email text says the same.
      expect(report.text).toContain('Tickets created\n  Alpha: 3; week before: 1\n  Whole workspace: 4; week before: 1');
      expect(report.text).toContain('Open tickets at week end\n  Alpha: 2;');
      expect(report.text).toContain('First reply, median (calendar time)\n  Alpha: 1.3 hr (n = 2); week before: 1 hr (n = 1)');
      expect(report.text).toContain('Reopened\n  Alpha: 50% (n = 2)');
      expect(report.text).toContain('Satisfied customers (CSAT)\n  Alpha: 100% (n = 1); week before: — (n = 0)\n  Whole workspace: 50% (n = 2)');
      expect(report.html).toContain(`/dashboard?range=custom&amp;from=2026-11-09&amp;to=2026-11-15&amp;tz=Asia%2FBangkok&amp;team_id=${a}`);
    });

    it('previews in Thai and Czech; preview needs a supervisor, send an admin; a test send goes out without using up the week', async () => {
      const { app, database } = get();
      clock.set(bkk('2026-11-11', '10:00'));
      const ws = await keyedWorkspace(app);
      const lead = await addUser(app, ws, 'agent', 'Somchai');
      const id = await team(app, ws.as, 'ทีมบริการ', lead.id);
      for (let i = 0; i < 3; i++) await createTicket(app, ws.as, { team_id: id });
      await call(app, 'PATCH', `/api/v1/users/${lead.id}`, { as: lead.as, body: { locale: 'th' } });
      clock.set(bkk('2026-11-17', '08:00'));
      await refreshTicketFacts(database.db, { now: clock.now() });
      const owner = await signIn(app, ws.owner.email, TEST_PASSWORD, ws.slug);

      const th = (await call(app, 'POST', `/api/v1/teams/${id}/report/preview`, { as: ws.as, body: {} })).json();
      expect(th.locale).toBe('th');
      expect(th.week_start).toBe('2026-11-09');
      expect(th.subject.replace(/\u2009/g, ' ')).toBe('รายงานประจำสัปดาห์ของ ทีมบริการ: 9–15 พ.ย. 2569');
      expect(th.text).toContain('สวัสดีคุณSomchai');
      expect(th.text).toContain('ทิกเก็ตที่สร้าง\n  ทีมบริการ: 3; สัปดาห์ก่อนหน้า: 0\n  ทั้งพื้นที่ทำงาน: 3;');
      expect(th.html).toContain('<html lang="th">');

      const cs = (await call(app, 'POST', `/api/v1/teams/${id}/report/preview`, { as: ws.as, body: { week_start: '2026-11-09', locale: 'cs' } })).json();
      expect(cs.subject.replace(/\u2009/g, ' ')).toBe('Týdenní přehled týmu ทีมบริการ: 09.11.2026 – 15.11.2026');
      expect(cs.text).toContain('Vytvořené požadavky\n  ทีมบริการ: 3; týden předtím: 0');
      expect(cs.text).toContain('Otevřené požadavky na konci týdne\n  ทีมบริการ: 3;');
      expect(cs.text).toContain('Týden trvá od pondělí 00:00 do dalšího pondělí 00:00 (Asia/Bangkok).');

      const bad = await call(app, 'POST', `/api/v1/teams/${id}/report/preview`, { as: ws.as, body: { week_start: '2026-11-10' } });
      expect(bad.statusCode).toBe(400);
      const agent = await addUser(app, ws, 'agent');
      expect((await call(app, 'POST', `/api/v1/teams/${id}/report/preview`, { as: agent.as, body: {} })).statusCode).toBe(403);
      const supervisor = await addUser(app, ws, 'supervisor');
      expect((await call(app, 'POST', `/api/v1/teams/${id}/report/preview`, { as: supervisor.as, body: {} })).statusCode).toBe(200);
      expect((await call(app, 'POST', `/api/v1/teams/${id}/report/send`, { as: supervisor.as, body: {} })).statusCode).toBe(403);
      const other = await createWorkspace(app);
      expect((await call(app, 'POST', `/api/v1/teams/${id}/report/preview`, { as: other.as, body: {} })).statusCode).toBe(404);

      const sent = await call(app, 'POST', `/api/v1/teams/${id}/report/send`, { as: ws.as, body: {} });
      expect(sent.statusCode, sent.body).toBe(202);
      expect(sent.json()).toMatchObject({ team_id: id, week_start: '2026-11-09', recipient_user_id: lead.id });
      const [job] = await queued(app, ws.workspaceId);
      const before = sink.received.length;
      expect(await deliver(app, job as TeamReportPayload)).toBe('sent');
      const [mail] = (await sink.waitFor(before + 1)).slice(before);
      expect(mail?.to).toEqual([lead.email.toLowerCase()]);
      expect(mail?.parsed.subject).toContain('รายงานประจำสัปดาห์ของ ทีมบริการ');
      // Not recorded: the scheduled report of that week still goes out.
      expect(await listTeamReports(database.db, ws.workspaceId, '2026-11-09')).toEqual([]);
      await sweepTeamReports({ db: database.db, jobs: app.deps.jobs }, clock.now());
      expect((await listTeamReports(database.db, ws.workspaceId, '2026-11-09')).map((r) => r.status)).toEqual(['queued']);

      const noLead = await team(app, ws.as, 'Nobody');
      const refused = await call(app, 'POST', `/api/v1/teams/${noLead}/report/send`, { as: ws.as, body: {} });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().issues).toEqual([{ path: 'body.to', message: 'the team has no active lead' }]);
      expect((await call(app, 'POST', `/api/v1/teams/${noLead}/report/send`, { as: owner, body: { to: 'me' } })).json().recipient_user_id).toBe(ws.owner.id);
      // An API key has no mailbox.
      expect((await call(app, 'POST', `/api/v1/teams/${noLead}/report/send`, { as: ws.as, body: { to: 'me' } })).statusCode).toBe(400);
    });
  },
  { clock: () => clock },
);
