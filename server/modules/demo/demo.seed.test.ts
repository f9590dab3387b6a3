import { beforeAll, expect, it } from 'vitest';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { createWorkspace, signIn, type WorkspaceFixture } from '../../../test/factories.ts';
import { AGENTS, DEMO_PASSWORD, STAFF_DOMAIN } from './content/company.ts';
import { seedDemoWorkspace } from './demo.seed.ts';

const THAI = /[\u0E00-\u0E7F]/;
const VIETNAMESE = /[ăơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const CZECH_HACEK = /[čďěňřšťž]/i;

/** Every item of a paginated list, page by page through the API. */
async function listAll<T>(app: Parameters<typeof call>[0], as: Auth, url: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await call(app, 'GET', `${url}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ data: T[]; next_cursor: string | null }>();
    items.push(...body.data);
    cursor = body.next_cursor;
  } while (cursor);
  return items;
}

interface TicketRow {
  id: string;
  number: number;
  subject: string;
  status: string;
  channel: string;
  customer_id: string;
  tier_id: string | null;
  team_id: string | null;
  branch_id: string | null;
  created_at: string;
}

describeEngines('demo workspace seed', (get) => {
  let ws: WorkspaceFixture;
  let seeded = 0;
  let tickets: TicketRow[] = [];

  beforeAll(async () => {
    const { app } = get();
    ws = await createWorkspace(app);
    seeded = await seedDemoWorkspace(app.deps.database.db, ws.workspaceId, app.deps.clock.now());
    tickets = await listAll<TicketRow>(app, ws.as, '/api/v1/tickets');
  }, 240_000);

  it('lists every seeded ticket through the API, to the workspace owner', () => {
    expect(seeded).toBeGreaterThanOrEqual(280);
    expect(tickets).toHaveLength(seeded);
    expect(new Set(tickets.map((t) => t.number)).size).toBe(seeded);
    const now = get().clock.now().getTime();
    expect(tickets.every((t) => new Date(t.created_at).getTime() < now)).toBe(true);
    expect(new Set(tickets.map((t) => t.channel))).toEqual(new Set(['email', 'web_form', 'chat', 'phone', 'visit', 'webhook', 'api']));
    for (const status of ['new', 'solved', 'closed']) expect(tickets.some((t) => t.status === status), status).toBe(true);
  });

  it('sets up three tiers, two branches, two teams and the staff, who sign in with the demo password', async () => {
    const { app } = get();
    const tiers = await listAll<{ name: string; rank: number; min_annual_revenue: string | null }>(app, ws.as, '/api/v1/tiers');
    expect(tiers.map((t) => [t.name, t.rank])).toEqual([['Platinum', 3], ['Gold', 2], ['Standard', 1]]);
    expect(tiers[0]?.min_annual_revenue).not.toBeNull();
    const branches = await listAll<{ name: string; time_zone: string }>(app, ws.as, '/api/v1/branches');
    expect(branches.map((b) => b.time_zone).sort()).toEqual(['Asia/Bangkok', 'Europe/Prague']);
    const teams = await listAll<{ id: string; name: string }>(app, ws.as, '/api/v1/teams');
    expect(teams.map((t) => t.name).sort()).toEqual(['Billing', 'Support']);
    const users = await listAll<{ role: string; team_ids: string[] }>(app, ws.as, '/api/v1/users');
    expect(users).toHaveLength(AGENTS.length + 1);
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(['owner', 'admin', 'supervisor', 'agent']));

    const agent = await signIn(app, `kittipong@${STAFF_DOMAIN}`, DEMO_PASSWORD, ws.slug);
    const mine = await call(app, 'GET', '/api/v1/tickets?limit=5', { as: agent });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().data.length).toBeGreaterThan(0);

    // Tickets point at the workspace's own teams, branches and tiers.
    const teamIds = new Set(teams.map((t) => t.id));
    expect(tickets.every((t) => t.team_id && teamIds.has(t.team_id) && t.branch_id)).toBe(true);
    expect(tickets.filter((t) => t.tier_id).length).toBeGreaterThan(seeded / 2);
  });

  it('has tickets from customers of all five languages, written in their scripts', async () => {
    const { app } = get();
    const customers = await listAll<{ id: string; locale: string | null; identities: { kind: string }[]; organization_id: string | null }>(
      app,
      ws.as,
      '/api/v1/customers',
    );
    expect(customers.length).toBeGreaterThanOrEqual(100);
    expect(customers.every((c) => c.identities.length > 0)).toBe(true);
    expect(customers.some((c) => c.organization_id)).toBe(true);
    const localeOf = new Map(customers.map((c) => [c.id, c.locale]));
    expect(new Set(tickets.map((t) => localeOf.get(t.customer_id)))).toEqual(new Set(['en', 'th', 'vi', 'cs', 'ms']));

    const subjects = (locale: string) => tickets.filter((t) => localeOf.get(t.customer_id) === locale).map((t) => t.subject);
    expect(subjects('th').every((s) => THAI.test(s))).toBe(true);
    expect(subjects('vi').some((s) => VIETNAMESE.test(s))).toBe(true);
    expect(subjects('cs').some((s) => CZECH_HACEK.test(s))).toBe(true);

    // A Thai conversation reads in Thai, message by message, with the customer and an agent as authors.
    const thai = tickets.find((t) => localeOf.get(t.customer_id) === 'th' && t.status === 'closed');
    const messages = (await call(app, 'GET', `/api/v1/tickets/${thai?.id}/messages?limit=100`, { as: ws.as })).json().data as {
      kind: string;
      body_text: string;
      author_customer_id: string | null;
      author_user_id: string | null;
    }[];
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages.every((m) => THAI.test(m.body_text))).toBe(true);
    expect(messages[0]).toMatchObject({ kind: 'customer', author_customer_id: thai?.customer_id });
    expect(messages.some((m) => m.kind === 'public_reply' && m.author_user_id)).toBe(true);
  });

  it('writes ticket_events for every ticket, starting with created, in time order like live traffic', async () => {
    const { app } = get();
    const rows = await app.deps.database.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'type', 'actor_type', 'actor_id', 'occurred_at', 'seq'])
      .where('workspace_id', '=', ws.workspaceId)
      .orderBy('seq')
      .execute();
    const byTicket = new Map<string, typeof rows>();
    for (const r of rows) byTicket.set(r.ticket_id, [...(byTicket.get(r.ticket_id) ?? []), r]);
    expect(byTicket.size).toBe(seeded);
    for (const events of byTicket.values()) {
      expect(events[0]?.type).toBe('created');
      expect(events.some((e) => e.type === 'message_added')).toBe(true);
    }
    // History was replayed in clock order: sequence numbers follow occurred_at.
    const times = rows.map((r) => new Date(r.occurred_at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const types = new Set(rows.map((r) => r.type));
    for (const type of ['assigned', 'status_changed', 'priority_changed', 'tags_changed']) expect(types.has(type), type).toBe(true);
    expect(new Set(rows.map((r) => r.actor_type))).toEqual(new Set(['customer', 'user', 'system']));

    const sample = tickets.find((t) => t.status === 'closed');
    const events = (await call(app, 'GET', `/api/v1/tickets/${sample?.id}/events?limit=100`, { as: ws.as })).json().data as { type: string; data: { to?: string } }[];
    expect(events[0]?.type).toBe('created');
    expect(events.at(-1)).toMatchObject({ type: 'status_changed', data: { to: 'closed' } });
  });
});
