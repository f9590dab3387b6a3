import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { recomputeWorkspaceClocks } from './sla-clocks.service.ts';
import { createOfficeCalendar, HOUR, iso, mon, officeResolver } from './test-sla.ts';

const clock = new ManualClock(mon('08:00'));
const period = `from=${encodeURIComponent(mon('00:00'))}&to=${encodeURIComponent('2026-01-06T00:00:00+07:00')}`;

describeEngines(
  'SLA report',
  (get) => {
    it('attainment, counts, medians and p90 of elapsed time and slack on a constructed set', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const supervisor = await addUser(app, ws, 'supervisor');
      const agent = await addUser(app, ws, 'agent');
      const { calendar } = await createOfficeCalendar(app, ws.as);
      const resolver = officeResolver(calendar);

      clock.set(mon('10:00'));
      const open = async (priority: string) => (await createTicket(app, ws.as, { priority })).id;
      const [n1, n2, n3] = [await open('normal'), await open('normal'), await open('normal')];
      await open('normal'); // never answered: its first_reply runs, due 14:00
      const h1 = await open('high');
      const reply = async (id: string, at: string) => {
        clock.set(at);
        const res = await call(app, 'POST', `/api/v1/tickets/${id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'Hello' } });
        expect(res.statusCode).toBe(201);
      };
      await reply(n1, mon('11:00')); // 1 h of 4: achieved
      await reply(h1, mon('11:00')); // 1 h of 2: achieved
      await reply(n2, mon('12:00')); // 2 h of 4: achieved
      await reply(n3, mon('15:00')); // 5 h of 4: breached
      clock.set(mon('16:00'));
      // The policies are hand-built here, so the clocks are computed with them explicitly.
      await recomputeWorkspaceClocks(database.db, ws.workspaceId, clock.now(), { onlyOpen: false, resolver });

      const report = async (as: Auth, query: string) => call(app, 'GET', `/api/v1/reports/sla?${query}`, { as });
      const byPriority = await report(supervisor.as, `${period}&group_by=priority&metric=first_reply`);
      expect(byPriority.statusCode).toBe(200);
      expect(byPriority.json()).toEqual({
        from: iso(mon('00:00')),
        to: '2026-01-05T17:00:00.000Z',
        group_by: 'priority',
        rows: [
          {
            group: 'high',
            metric: 'first_reply',
            n: 1,
            achieved: 1,
            breached: 0,
            running: 0,
            overdue: 0,
            attainment: 1,
            elapsed_seconds: { business: { median: HOUR, p90: HOUR }, calendar: { median: HOUR, p90: HOUR } },
            slack_seconds: { business: { median: HOUR, p90: HOUR }, calendar: { median: HOUR, p90: HOUR } },
          },
          {
            group: 'normal',
            metric: 'first_reply',
            n: 3,
            achieved: 2,
            breached: 1,
            running: 1,
            overdue: 1,
            attainment: 2 / 3,
            // Elapsed 1 h, 2 h, 5 h: p90 = 2 h + 0.8 × 3 h. Slack 3 h, 2 h, −1 h: p90 = 2 h + 0.8 × 1 h.
            elapsed_seconds: { business: { median: 2 * HOUR, p90: 15840 }, calendar: { median: 2 * HOUR, p90: 15840 } },
            slack_seconds: { business: { median: 2 * HOUR, p90: 10080 }, calendar: { median: 2 * HOUR, p90: 10080 } },
          },
        ],
      });

      // Every metric, no grouping, over a week: the resolution clocks all run (due Tuesday and Wednesday).
      const week = `from=${encodeURIComponent(mon('00:00'))}&to=${encodeURIComponent('2026-01-12T00:00:00+07:00')}`;
      const all = (await report(ws.as, week)).json();
      expect(all.rows.map((r: { metric: string; group: string | null; n: number; running: number; attainment: number | null }) => [r.metric, r.group, r.n, r.running, r.attainment])).toEqual([
        ['first_reply', null, 4, 1, 3 / 4],
        ['resolution', null, 0, 5, null],
      ]);
      const byPolicy = (await report(ws.as, `${week}&group_by=policy&metric=resolution`)).json();
      expect(byPolicy.rows).toEqual([expect.objectContaining({ group: resolver.policyId, running: 5 })]);

      expect((await report(agent.as, period)).statusCode).toBe(403);
      const backwards = await report(ws.as, `from=${encodeURIComponent(mon('12:00'))}&to=${encodeURIComponent(mon('11:00'))}`);
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().code).toBe('validation_failed');
    });
  },
  { clock: () => clock, config: { GAPWISE_SESSION_TTL_HOURS: '10000' } },
);
