import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { seededRandom } from '../../../test/seeded-random.ts';
import { ManualClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { EXACT_LIMIT } from './distribution-rules.ts';
import { upsertFacts } from './ticket-facts.repository.ts';
import type { TicketFact } from './ticket-facts-rules.ts';
import { refreshRollup } from './rollup.service.ts';
import { factDays, markDays } from './rollup.repository.ts';

/**
 * The rollup (day and week rows) answers every analytics endpoint exactly as the facts queries do:
 * random facts, random requests between local midnights, each asked twice — with the rollup, and
 * with the rollup switched off (state not ready) so the facts are read — and the answers compared.
 * Groups stay under EXACT_LIMIT values, so percentiles are exact too (the bucketed ones are checked
 * against exact percentiles in distribution-rules.test.ts); means are compared to 1e-9.
 */

const clock = new ManualClock('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
/** Midnight 2 February 2026 in Bangkok (the workspace's zone). */
const START = Date.parse('2026-02-01T17:00:00Z');
const DAYS = 24;

function round(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(10));
  if (Array.isArray(value)) return value.map(round);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
  return value;
}

describeEngines(
  'Analytics rollup: the same answers as the facts',
  (get) => {
    it('for random facts and random requests to every analytics endpoint', async () => {
      const { app, database } = get();
      const db = database.db;
      const ws = await createWorkspace(app);
      const random = seededRandom(20261124);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const maybe = <T>(p: number, value: () => T): T | null => (random() < p ? value() : null);

      const insert = async (table: 'teams' | 'branches' | 'tiers' | 'organizations', names: string[]) => {
        const ids = names.map(() => newId());
        for (const [i, id] of ids.entries()) {
          if (table === 'tiers') await sql`insert into tiers (id, workspace_id, name, rank) values (${id}, ${ws.workspaceId}, ${names[i]}, ${i + 1})`.execute(db);
          else if (table === 'branches') await sql`insert into branches (id, workspace_id, name, time_zone) values (${id}, ${ws.workspaceId}, ${names[i]}, 'Asia/Bangkok')`.execute(db);
          else if (table === 'organizations')
            await sql`insert into organizations (id, workspace_id, name, created_at, updated_at) values (${id}, ${ws.workspaceId}, ${names[i]}, now(), now())`.execute(db);
          else await sql`insert into teams (id, workspace_id, name) values (${id}, ${ws.workspaceId}, ${names[i]})`.execute(db);
        }
        return ids;
      };
      const teams = await insert('teams', ['Alpha', 'Beta', 'Gamma']);
      const branches = await insert('branches', ['North', 'South']);
      const tiers = await insert('tiers', ['Gold', 'Silver']);
      const organizations = await insert('organizations', ['Acme', 'Globex']);
      const agent = newId();
      await sql`insert into users (id, workspace_id, email, name, role) values (${agent}, ${ws.workspaceId}, 'agent@rollup.test', 'Agent', 'agent')`.execute(db);
      const agents = [ws.owner.id, agent];

      // Times in whole minutes, so several tickets share a value (ties for the ranks).
      const minutes = (max: number) => (1 + Math.floor(random() * max)) * 60;
      const facts: TicketFact[] = [];
      for (let i = 0; i < 150; i++) {
        const created = START - 3 * DAY + Math.floor(random() * (DAYS + 3) * 24 * 60) * 60_000;
        const firstReplyS = maybe(0.85, () => minutes(600));
        const firstSolvedS = maybe(0.75, () => minutes(3000));
        const firstSolved = firstSolvedS === null ? null : created + firstSolvedS * 1000;
        const reopened = firstSolved !== null && random() < 0.2 ? firstSolved + minutes(2000) * 1000 : null;
        const solved = reopened === null ? firstSolved : maybe(0.6, () => reopened + minutes(2000) * 1000);
        const replies = firstReplyS === null ? 0 : Math.floor(random() * 3);
        let replyAt = created + (firstReplyS ?? 0) * 1000;
        const nextAt = Array.from({ length: replies }, () => {
          replyAt += minutes(900) * 1000;
          return new Date(replyAt);
        });
        const metrics = ['first_reply', 'next_reply', 'resolution'].filter(() => random() < 0.6);
        const breached = metrics.filter(() => random() < 0.3);
        const achieved = metrics.filter((m) => !breached.includes(m));
        const tags = random() < 0.3 ? ['vip'] : random() < 0.2 ? ['vip', 'refund'] : [];
        facts.push({
          ticket_id: newId(created),
          workspace_id: ws.workspaceId,
          tier_id: maybe(0.8, () => pick(tiers)),
          organization_id: maybe(0.6, () => pick(organizations)),
          channel: pick(['email', 'chat', 'phone']),
          priority: pick(['low', 'normal', 'high', 'urgent']),
          category: maybe(0.5, () => pick(['billing', 'shipping'])),
          team_id: maybe(0.9, () => pick(teams)),
          branch_id: maybe(0.8, () => pick(branches)),
          assignee_id: maybe(0.7, () => pick(agents)),
          tags,
          status: solved === null ? 'open' : 'solved',
          excluded: random() < 0.05,
          created_at: new Date(created),
          first_reply_at: firstReplyS === null ? null : new Date(created + firstReplyS * 1000),
          first_reply_s: firstReplyS,
          first_reply_business_s: firstReplyS === null ? null : maybe(0.8, () => Math.round((firstReplyS as number) * 0.6)),
          next_reply_at: nextAt,
          next_reply_s: nextAt.map(() => minutes(900)),
          next_reply_business_s: nextAt.map(() => maybe(0.8, () => minutes(500))),
          last_next_reply_at: nextAt[nextAt.length - 1] ?? null,
          first_solved_at: firstSolved === null ? null : new Date(firstSolved),
          solved_at: solved === null ? null : new Date(solved),
          reopened_at: reopened === null ? null : new Date(reopened),
          reopens: reopened === null ? 0 : 1,
          resolution_s: firstSolvedS,
          resolution_business_s: firstSolvedS === null ? null : Math.round(firstSolvedS * 0.5),
          agent_replies: replies + (firstReplyS === null ? 0 : 1),
          handle_s: minutes(90),
          sla_achieved: achieved,
          sla_breached: breached,
          sla_slack_ratio: achieved.length > 0 ? Math.floor(random() * 100) / 100 : null,
          sla_recheck_at: null,
          csat: maybe(0.5, () => 1 + Math.floor(random() * 5)),
          ces: null,
          refreshed_at: new Date(START),
        });
      }
      await upsertFacts(db, facts);
      const days = await factDays(
        db,
        ws.workspaceId,
        facts.map((f) => f.ticket_id),
      );
      await markDays(
        db,
        days.map((day) => ({ workspaceId: ws.workspaceId, day })),
      );
      await refreshRollup(db, { workspaceId: ws.workspaceId });
      const state = await db.selectFrom('analytics_rollup_state').selectAll().where('workspace_id', '=', ws.workspaceId).executeTakeFirstOrThrow();
      expect(state).toMatchObject({ time_zone: 'Asia/Bangkok', ready: true });
      const rows = await sql<{ level: string; n: string }>`select level, count(*) as n from analytics_rollup where workspace_id = ${ws.workspaceId} group by level order by level`.execute(db);
      expect(rows.rows.map((r) => r.level)).toEqual(['day', 'week']);
      expect(facts.length).toBeLessThan(EXACT_LIMIT);

      const setReady = (ready: boolean) => sql`update analytics_rollup_state set ready = ${ready} where workspace_id = ${ws.workspaceId}`.execute(db);
      const ask = async (url: string) => {
        const res = await call(app, 'GET', url, { as: ws.as });
        expect(res.statusCode, `${url}\n${res.body}`).toBe(200);
        return round(res.json());
      };
      const both = async (url: string) => {
        const fromRollup = await ask(url);
        await setReady(false);
        const fromFacts = await ask(url);
        await setReady(true);
        expect([url, fromRollup]).toEqual([url, fromFacts]);
      };

      const oneFilter = (): Record<string, string> => {
        const r = random();
        if (r < 0.15) return { team_id: pick(teams) };
        if (r < 0.25) return { priority: pick(['low', 'normal', 'high', 'urgent']) };
        if (r < 0.35) return { tag: pick(['vip', 'refund']) };
        if (r < 0.45) return { tier_id: pick(tiers) };
        if (r < 0.5) return { category: 'billing' };
        return {};
      };
      const range = () => {
        const startDay = Math.floor(random() * (DAYS - 3));
        const days = 1 + Math.floor(random() * (DAYS + 4 - startDay));
        return { from: new Date(START + startDay * DAY).toISOString(), to: new Date(START + (startDay + days) * DAY).toISOString() };
      };
      const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

      for (let i = 0; i < 12; i++) {
        const groupBy = pick(['none', 'day', 'week', 'month', 'team', 'tag', 'channel', 'tier']);
        const filters = groupBy === 'none' || ['day', 'week', 'month'].includes(groupBy) ? oneFilter() : groupBy === 'team' && random() < 0.4 ? { team_id: pick(teams) } : {};
        await both(`/api/v1/analytics/tickets?${query({ ...range(), group_by: groupBy, ...filters })}`);
      }
      for (let i = 0; i < 12; i++) {
        const unit = pick(['team', 'branch', 'agent']);
        const measure = pick(['sla_met', 'csat_satisfied', 'first_reply', 'resolution']);
        const params: Record<string, string> = { ...range(), unit, measure, min_n: '2' };
        if (measure === 'sla_met' && random() < 0.5) params.sla_metric = pick(['first_reply', 'next_reply', 'resolution']);
        if (measure === 'first_reply' || measure === 'resolution') {
          params.time_basis = pick(['calendar', 'business']);
          params.period = pick(['day', 'week', 'month']);
        }
        if (unit === 'team' && random() < 0.3) params.team_id = pick(teams);
        await both(`/api/v1/analytics/consistency?${query(params)}`);
      }
      for (let i = 0; i < 8; i++) {
        const params: Record<string, string> = { ...range(), by: pick(['tier', 'branch', 'team']), exceed_slack_ratio: pick(['0.25', '0.1', '0.5', '0.33']) };
        if (random() < 0.5) params.require_sla_to_exceed = 'true';
        await both(`/api/v1/analytics/service-levels?${query(params)}`);
      }
      for (let i = 0; i < 6; i++) {
        await both(`/api/v1/analytics/value?${query({ ...range(), by: pick(['tier', 'organization']), hourly_rate: '30' })}`);
      }
    });
  },
  { clock: () => clock },
);
