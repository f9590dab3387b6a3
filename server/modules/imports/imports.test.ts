import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace, type WorkspaceFixture } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { getImport, importTickets, MAX_STORED_ERRORS, operatorContext, PROGRESS_EVERY } from './imports.service.ts';

const clock = new ManualClock('2025-06-01T00:00:00Z');
const IMPORT_LIMIT = 256 * 1024;

type Line = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies, checked by the assertions
type Body = Record<string, any>;
const ndjson = (lines: (Line | string)[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

function postImport(app: Parameters<typeof call>[0], as: Auth, body: string) {
  return call(app, 'POST', '/api/v1/imports/tickets', { as, body, headers: { 'content-type': 'application/x-ndjson' } });
}

async function listAll(app: Parameters<typeof call>[0], as: Auth, query = '') {
  return (await call(app, 'GET', `/api/v1/tickets?limit=100${query}`, { as })).json().data as Body[];
}

async function eventsOf(app: Parameters<typeof call>[0], as: Auth, ticketId: string) {
  return (await call(app, 'GET', `/api/v1/tickets/${ticketId}/events?limit=100`, { as })).json().data as Body[];
}

function simpleLine(externalId: string, overrides: Line = {}): Line {
  return {
    external_id: externalId,
    subject: `Ticket ${externalId}`,
    channel: 'email',
    status: 'open',
    created_at: '2025-03-01T08:00:00Z',
    customer: { email: `${externalId}@customer.test` },
    messages: [{ kind: 'customer', body_text: `Hello from ${externalId}`, created_at: '2025-03-01T08:00:00Z' }],
    ...overrides,
  };
}

async function freshWorkspace(app: Parameters<typeof call>[0]): Promise<WorkspaceFixture> {
  clock.set('2025-06-01T00:00:00Z');
  return createWorkspace(app);
}

describeEngines(
  'ticket import',
  (get) => {
    it('concurrent imports that share new customers create every ticket and one customer per email', async () => {
      const { app } = get();
      const ws = await freshWorkspace(app);
      // Four files at once, every line a new external_id, all naming the same 10 new customers: a
      // first contact raced by another file must find the customer, never drop the ticket.
      const files = [0, 1, 2, 3].map((f) =>
        ndjson(Array.from({ length: 12 }, (_, i) => simpleLine(`race-${f}-${i}`, { customer: { email: `shared-${i % 10}@customer.test` } }))),
      );
      const results = await Promise.all(files.map((file) => postImport(app, ws.as, file)));
      for (const res of results) expect(res.json()).toMatchObject({ created: 12, skipped: 0, failed: 0 });
      const tickets = await listAll(app, ws.as, '&channel=email');
      expect(tickets).toHaveLength(48);
      const customers = (await call(app, 'GET', '/api/v1/customers?limit=100', { as: ws.as })).json().data as Body[];
      expect(customers.filter((c) => String(c.name).startsWith('shared-')).map((c) => c.name).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `shared-${i}`).sort(),
      );
    });

    it('imports multilingual tickets with their people, history and historical timestamps', async () => {
      const { app } = get();
      const ws = await freshWorkspace(app);
      const agent = await addUser(app, ws, 'agent');
      await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Support' } });
      const branch = (await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: 'Bangkok', time_zone: 'Asia/Bangkok' } })).json();
      const team = (await call(app, 'GET', '/api/v1/teams', { as: ws.as })).json().data[0];

      const file = ndjson([
        {
          external_id: 'zd-1042',
          subject: 'ใบแจ้งหนี้ผิดพลาด',
          channel: 'email',
          status: 'solved',
          priority: 'high',
          category: null,
          tags: ['Billing', 'billing', 'vip'],
          created_at: '2025-03-01T08:00:00Z',
          customer: { email: 'Malee@Example.com', name: 'มาลี', phone: null },
          assignee_email: agent.email.toUpperCase(),
          team: 'support',
          branch: 'Bangkok',
          custom_fields: { order: 'SO-7' },
          messages: [
            { kind: 'customer', author_email: 'malee@example.com', body_text: 'สวัสดีค่ะ ใบแจ้งหนี้เดือนนี้คิดเงินซ้ำสองครั้ง', body_html: null, created_at: '2025-03-01T08:00:00Z' },
            { kind: 'public_reply', author_email: agent.email, body_html: '<p>ขออภัยค่ะ <b>กำลังตรวจสอบ</b><script>x()</script></p>', created_at: '2025-03-01T09:10:00Z' },
            { kind: 'internal_note', author_email: agent.email, body_text: 'refund requested', created_at: '2025-03-01T09:15:00Z' },
          ],
          status_changes: [
            { to: 'pending', at: '2025-03-01T09:10:00Z', by_email: agent.email },
            { to: 'solved', at: '2025-03-02T10:00:00Z', by_email: agent.email },
          ],
        },
        '',
        {
          external_id: 'zd-1043',
          subject: 'Máy in bị hỏng',
          channel: 'phone',
          status: 'open',
          created_at: '2025-03-03T01:00:00+07:00',
          customer: { phone: '+84 90 123 4567', name: 'Nguyễn Văn An' },
          messages: [
            { kind: 'customer', body_text: 'Xin chào, máy in của tôi không hoạt động.', created_at: '2025-03-03T01:00:00+07:00' },
            // Someone in copy writes too: recorded as their own customer.
            { kind: 'customer', author_email: 'cc@example.vn', body_text: 'Tôi cũng gặp lỗi này.', created_at: '2025-03-03T02:00:00+07:00' },
          ],
        },
        simpleLine('zd-1044', {
          subject: 'Tiskárna nefunguje',
          created_at: '2025-02-20T10:00:00Z',
          status: 'closed',
          customer: { email: 'malee@example.com' },
          messages: [{ kind: 'customer', body_text: 'Dobrý den, tiskárna nefunguje. Děkuji!', created_at: '2025-02-20T10:00:00Z' }],
          status_changes: [{ to: 'closed', at: '2025-02-21T10:00:00Z' }],
        }),
      ]);
      clock.set('2025-06-01T06:00:00Z');
      const res = await postImport(app, ws.as, file);
      expect(res.statusCode).toBe(201);
      const report = res.json();
      expect(report).toMatchObject({ status: 'completed', total_lines: 3, processed: 3, created: 3, skipped: 0, failed: 0, errors: [], errors_truncated: false });
      expect(report.created_by).toBe(ws.owner.id);
      expect(res.headers.location).toBe(`/api/v1/imports/${report.id}`);
      expect((await call(app, 'GET', res.headers.location as string, { as: ws.as })).json()).toEqual(report);

      const tickets = await listAll(app, ws.as);
      const byExternal = new Map(tickets.map((t) => [t.external_id, t]));
      const thai = byExternal.get('zd-1042');
      expect(thai).toMatchObject({
        subject: 'ใบแจ้งหนี้ผิดพลาด',
        status: 'solved',
        priority: 'high',
        channel: 'email',
        tags: ['billing', 'vip'],
        assignee_id: agent.id,
        team_id: team.id,
        branch_id: branch.id,
        custom_fields: { order: 'SO-7' },
        created_at: '2025-03-01T08:00:00.000Z',
        updated_at: '2025-03-02T10:00:00.000Z',
        solved_at: '2025-03-02T10:00:00.000Z',
      });
      const customer = (await call(app, 'GET', `/api/v1/customers/${thai?.customer_id}`, { as: ws.as })).json();
      expect(customer).toMatchObject({ name: 'มาลี', created_at: '2025-03-01T08:00:00.000Z' });
      // The same email on another line is the same customer.
      expect(byExternal.get('zd-1044')?.customer_id).toBe(thai?.customer_id);
      expect(byExternal.get('zd-1044')).toMatchObject({ status: 'closed', closed_at: '2025-02-21T10:00:00.000Z' });

      const messages = (await call(app, 'GET', `/api/v1/tickets/${thai?.id}/messages`, { as: ws.as })).json().data;
      expect(messages.map((m: Body) => [m.kind, m.author_type, m.created_at])).toEqual([
        ['customer', 'customer', '2025-03-01T08:00:00.000Z'],
        ['public_reply', 'user', '2025-03-01T09:10:00.000Z'],
        ['internal_note', 'user', '2025-03-01T09:15:00.000Z'],
      ]);
      expect(messages[1].author_user_id).toBe(agent.id);
      expect(messages[1].body_html).not.toMatch(/script/);
      expect(messages[1].body_text).toBe('ขออภัยค่ะ กำลังตรวจสอบ');

      const vietnamese = byExternal.get('zd-1043');
      expect(vietnamese).toMatchObject({ channel: 'phone', status: 'open', created_at: '2025-03-02T18:00:00.000Z', updated_at: '2025-03-02T19:00:00.000Z' });
      const viMessages = (await call(app, 'GET', `/api/v1/tickets/${vietnamese?.id}/messages`, { as: ws.as })).json().data;
      expect(viMessages[0].author_customer_id).toBe(vietnamese?.customer_id);
      expect(viMessages[1].author_customer_id).not.toBe(vietnamese?.customer_id);
      const phoneCustomer = (await call(app, 'GET', `/api/v1/customers/${vietnamese?.customer_id}`, { as: ws.as })).json();
      expect(phoneCustomer.identities).toEqual([expect.objectContaining({ kind: 'phone', value: '+84901234567' })]);

      const list = (await call(app, 'GET', '/api/v1/imports', { as: ws.as })).json();
      expect(list.data.map((i: { id: string }) => i.id)).toEqual([report.id]);
      const audit = (await call(app, 'GET', '/api/v1/audit-log?entity_type=import', { as: ws.as })).json();
      expect(audit.data[0]).toMatchObject({ action: 'tickets.imported', entity_id: report.id, changes: { created: 3, failed: 0 } });
    });

    it('writes the same events as the live API for the same history, at the historical timestamps', async () => {
      const { app } = get();
      const T0 = '2025-03-01T08:00:00.000Z';
      const T1 = '2025-03-01T09:10:00.000Z';
      const T2 = '2025-03-01T11:00:00.000Z';
      const T3 = '2025-03-01T15:00:00.000Z';
      clock.set(T0);
      const ws = await createWorkspace(app);
      const live = await createTicket(app, ws.as, { channel: 'email', customer: { email: 'live@example.com' }, message: { body_text: 'My order is late' } });
      clock.set(T1);
      await call(app, 'POST', `/api/v1/tickets/${live.id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'Checking', status: 'pending' } });
      clock.set(T2);
      await call(app, 'POST', `/api/v1/tickets/${live.id}/messages`, { as: ws.as, body: { kind: 'customer', body_text: 'Any news?' } });
      clock.set(T3);
      await call(app, 'PATCH', `/api/v1/tickets/${live.id}`, { as: ws.as, body: { status: 'solved' } });

      clock.set('2025-03-01T19:00:00Z');
      const res = await postImport(
        app,
        ws.as,
        ndjson([
          simpleLine('hist-1', {
            status: 'solved',
            created_at: T0,
            customer: { email: 'imported@example.com' },
            messages: [
              { kind: 'customer', author_email: 'imported@example.com', body_text: 'My order is late', created_at: T0 },
              { kind: 'public_reply', author_email: ws.owner.email, body_text: 'Checking', created_at: T1 },
              { kind: 'customer', body_text: 'Any news?', created_at: T2 },
            ],
            // As another help desk exports it: every transition, including the automatic reopen.
            status_changes: [
              { to: 'pending', at: T1, by_email: ws.owner.email },
              { to: 'open', at: T2 },
              { to: 'solved', at: T3, by_email: ws.owner.email },
            ],
          }),
        ]),
      );
      expect(res.json()).toMatchObject({ created: 1, failed: 0 });
      const imported = (await listAll(app, ws.as)).find((t) => t.external_id === 'hist-1');

      const shape = (e: Body) => ({
        type: e.type,
        occurred_at: e.occurred_at,
        // Who created the ticket differs by design (the API caller vs. the customer who wrote).
        actor: e.type === 'created' ? null : [e.actor_type, e.actor_type === 'customer' ? 'the customer' : e.actor_id],
        status: e.data.status,
        from: e.data.from,
        to: e.data.to,
        kind: e.data.kind,
        author_type: e.data.author_type,
      });
      const liveEvents = (await eventsOf(app, ws.as, live.id)).map(shape);
      const importedEvents = (await eventsOf(app, ws.as, imported?.id)).map(shape);
      expect(importedEvents).toEqual(liveEvents);
      expect(importedEvents.map((e) => `${e.type}${e.to ? `:${e.to}` : ''}@${e.occurred_at.slice(11, 16)}`)).toEqual([
        'created@08:00',
        'message_added@08:00',
        'message_added@09:10',
        'status_changed:pending@09:10',
        'message_added@11:00',
        'status_changed:open@11:00',
        'status_changed:solved@15:00',
      ]);
      const liveTicket = (await call(app, 'GET', `/api/v1/tickets/${live.id}`, { as: ws.as })).json();
      for (const field of ['status', 'created_at', 'updated_at', 'solved_at'] as const) expect(imported?.[field]).toBe(liveTicket[field]);
    });

    it('lets explicit status changes win at their timestamps, ends in the record’s status, and refuses impossible history', async () => {
      const { app } = get();
      const ws = await freshWorkspace(app);
      const at = (hhmm: string) => `2025-03-01T${hhmm}:00.000Z`;
      const res = await postImport(
        app,
        ws.as,
        ndjson([
          // A customer's "thanks" on a solved ticket reopens it (as live), and the
          // agent's solve at that same instant wins.
          simpleLine('win', {
            status: 'solved',
            messages: [
              { kind: 'customer', body_text: 'Broken', created_at: at('08:00') },
              { kind: 'public_reply', author_email: ws.owner.email, body_text: 'Fixed', created_at: at('09:00') },
              { kind: 'customer', body_text: 'Thanks!', created_at: at('10:00') },
            ],
            status_changes: [
              { to: 'solved', at: at('09:00'), by_email: ws.owner.email },
              { to: 'solved', at: at('10:00'), by_email: ws.owner.email },
            ],
          }),
          // No status history at all: live rules, then the record's final status.
          simpleLine('incomplete', {
            status: 'pending',
            messages: [
              { kind: 'customer', body_text: 'Broken', created_at: at('08:00') },
              { kind: 'public_reply', body_text: 'Which model?', created_at: at('09:00') },
            ],
          }),
          // A closed ticket takes no more messages: the whole line is refused.
          simpleLine('after-close', {
            customer: { email: 'never-created@example.com' },
            messages: [
              { kind: 'customer', body_text: 'Broken', created_at: at('08:00') },
              { kind: 'customer', body_text: 'Hello?', created_at: at('12:00') },
            ],
            status_changes: [{ to: 'closed', at: at('09:00') }],
          }),
        ]),
      );
      const report = res.json();
      expect(report).toMatchObject({ created: 2, failed: 1, errors: [{ line: 3, code: 'conflict' }] });
      const tickets = new Map((await listAll(app, ws.as)).map((t) => [t.external_id, t]));
      expect([...tickets.keys()].sort()).toEqual(['incomplete', 'win']);

      const win = tickets.get('win');
      expect(win).toMatchObject({ status: 'solved', solved_at: at('10:00'), updated_at: at('10:00') });
      const winEvents = (await eventsOf(app, ws.as, win?.id)).filter((e) => e.type === 'status_changed');
      expect(winEvents.map((e) => [e.data.from, e.data.to, e.occurred_at, e.actor_type])).toEqual([
        ['new', 'solved', at('09:00'), 'user'],
        ['solved', 'open', at('10:00'), 'customer'],
        ['open', 'solved', at('10:00'), 'user'],
      ]);

      const incomplete = tickets.get('incomplete');
      expect(incomplete).toMatchObject({ status: 'pending', updated_at: at('09:00') });
      const incompleteEvents = (await eventsOf(app, ws.as, incomplete?.id)).filter((e) => e.type === 'status_changed');
      expect(incompleteEvents.map((e) => [e.data.from, e.data.to, e.actor_type])).toEqual([
        ['new', 'open', 'system'],
        ['open', 'pending', 'system'],
      ]);

      // The failed line's transaction rolled back its customer too.
      const customers = (await call(app, 'GET', '/api/v1/customers?q=never-created', { as: ws.as })).json();
      expect(customers.data).toEqual([]);
    });

    it('is idempotent by external_id: a second import of the same file skips everything', async () => {
      const { app } = get();
      const ws = await freshWorkspace(app);
      const file = ndjson([simpleLine('a-1'), simpleLine('a-2'), simpleLine('a-1', { subject: 'Same id later in the file' })]);
      const first = (await postImport(app, ws.as, file)).json();
      expect(first).toMatchObject({ total_lines: 3, created: 2, skipped: 1, failed: 0 });
      const second = (await postImport(app, ws.as, file)).json();
      expect(second).toMatchObject({ total_lines: 3, created: 0, skipped: 3, failed: 0 });
      expect(second.id).not.toBe(first.id);
      const tickets = await listAll(app, ws.as);
      expect(tickets.map((t) => t.external_id).sort()).toEqual(['a-1', 'a-2']);
      expect(tickets.find((t) => t.external_id === 'a-1')?.subject).toBe('Ticket a-1');
      // The import that created tickets queued one tier recompute (ticket-volume rules); the one that created none did not.
      const queued = await app.deps.database.executeSql(
        `select id from pgboss.job where name = 'tiers.recompute' and data->>'workspace_id' = $1`,
        [ws.workspaceId],
      );
      expect(queued.rows).toHaveLength(1);
    });

    it('reports bad lines by number and code and imports the good ones', async () => {
      const { app } = get();
      const ws = await freshWorkspace(app);
      const file = [
        JSON.stringify(simpleLine('ok-1')),
        '{"external_id": "broken", "subject": ',
        JSON.stringify(simpleLine('typo', { asignee_email: 'x@y.com' })),
        JSON.stringify(simpleLine('ok-4')),
        JSON.stringify(simpleLine('nobody', { assignee_email: 'ghost@nowhere.test' })),
        JSON.stringify(simpleLine('no-team', { team: 'Ghosts' })),
        JSON.stringify(simpleLine('early', { messages: [{ kind: 'customer', body_text: 'x', created_at: '2025-02-01T00:00:00Z' }] })),
      ].join('\r\n');
      const res = await postImport(app, ws.as, file);
      expect(res.statusCode).toBe(201);
      const report = res.json();
      expect(report).toMatchObject({ total_lines: 7, processed: 7, created: 2, skipped: 0, failed: 5 });
      expect(report.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
        [2, 'malformed_json'],
        [3, 'validation_failed'],
        [5, 'invalid_reference'],
        [6, 'invalid_reference'],
        [7, 'validation_failed'],
      ]);
      expect(report.errors[1].message).toMatch(/asignee_email/);
      expect(report.errors[2].message).toMatch(/ghost@nowhere\.test/);
      expect(report.errors[4].message).toMatch(/messages\.0\.created_at/);
      expect((await listAll(app, ws.as)).map((t) => t.external_id).sort()).toEqual(['ok-1', 'ok-4']);
    });

    it('refuses an oversize body (413), other content types (415), and agents (403)', async () => {
      const { app } = get();
      const ws = await freshWorkspace(app);
      const big = ndjson(Array.from({ length: 200 }, (_, i) => simpleLine(`big-${i}`, { custom_fields: { note: 'x'.repeat(1500) } })));
      expect(big.length).toBeGreaterThan(IMPORT_LIMIT);
      const tooLarge = await postImport(app, ws.as, big);
      expect(tooLarge.statusCode).toBe(413);
      expect(tooLarge.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(tooLarge.json().code).toBe('payload_too_large');

      // The import limit is the import route's own: bigger than the general body limit.
      const aboveBodyLimit = ndjson(Array.from({ length: 3 }, (_, i) => simpleLine(`mid-${i}`, { custom_fields: { note: 'y'.repeat(30_000) } })));
      expect(aboveBodyLimit.length).toBeGreaterThan(Number(get().config.bodyLimitBytes));
      const accepted = await postImport(app, ws.as, aboveBodyLimit);
      expect(accepted.statusCode).toBe(201);
      expect(accepted.json()).toMatchObject({ created: 3, failed: 0 });

      const asJson = await call(app, 'POST', '/api/v1/imports/tickets', { as: ws.as, body: simpleLine('json') });
      expect(asJson.statusCode).toBe(415);
      expect(asJson.json().code).toBe('unsupported_media_type');

      const agent = await addUser(app, ws, 'agent');
      const forbidden = await postImport(app, agent.as, ndjson([simpleLine('agent-1')]));
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().code).toBe('forbidden');
      expect((await call(app, 'GET', '/api/v1/imports', { as: agent.as })).statusCode).toBe(403);
      expect((await listAll(app, ws.as)).some((t) => t.external_id === 'agent-1')).toBe(false);

      // Another workspace's import is not found.
      const other = await createWorkspace(app);
      const mine = (await call(app, 'GET', '/api/v1/imports?limit=1', { as: ws.as })).json().data[0];
      expect((await call(app, 'GET', `/api/v1/imports/${mine.id}`, { as: other.as })).statusCode).toBe(404);
    });

    it('imported tickets are searchable and listed by their historical updated_at', async () => {
      const { app } = get();
      const ws = await freshWorkspace(app);
      const recent = await createTicket(app, ws.as, { subject: 'Created today' });
      await postImport(
        app,
        ws.as,
        ndjson([
          simpleLine('old', { created_at: '2024-01-01T00:00:00Z', messages: [{ kind: 'customer', body_text: 'เครื่องปรับอากาศไม่เย็น', created_at: '2024-01-05T00:00:00Z' }] }),
          simpleLine('older', { created_at: '2023-06-01T00:00:00Z', messages: [{ kind: 'customer', body_text: 'Điều hòa không mát', created_at: '2023-06-01T00:00:00Z' }] }),
          simpleLine('middle', { created_at: '2024-05-01T00:00:00Z', messages: [{ kind: 'customer', body_text: 'Klimatizace nechladí', created_at: '2024-05-01T00:00:00Z' }] }),
        ]),
      );
      const all = await listAll(app, ws.as);
      expect(all.map((t) => t.external_id ?? t.id)).toEqual([recent.id, 'middle', 'old', 'older']);
      expect(all.find((t) => t.external_id === 'old')?.updated_at).toBe('2024-01-05T00:00:00.000Z');

      const since = await listAll(app, ws.as, '&updated_since=2024-01-01T00:00:00Z');
      expect(since.map((t) => t.external_id ?? t.id)).toEqual([recent.id, 'middle', 'old']);

      // Keyset pages walk through the historical order.
      const page1 = (await call(app, 'GET', '/api/v1/tickets?limit=2', { as: ws.as })).json();
      const page2 = (await call(app, 'GET', `/api/v1/tickets?limit=2&cursor=${page1.next_cursor}`, { as: ws.as })).json();
      expect(page2.data.map((t: { external_id: string }) => t.external_id)).toEqual(['old', 'older']);

      const thai = await listAll(app, ws.as, `&q=${encodeURIComponent('ไม่เย็น')}`);
      expect(thai.map((t) => t.external_id)).toEqual(['old']);
      const vi = await listAll(app, ws.as, `&q=${encodeURIComponent('không mát')}`);
      expect(vi.map((t) => t.external_id)).toEqual(['older']);
    });

    it('runs without HTTP over an async line stream, writing progress every N lines and capping stored errors', async () => {
      const { app, database } = get();
      const ws = await freshWorkspace(app);
      const { ctx } = await operatorContext(database.db, ws.slug, clock.now());
      expect(ctx.actor.userId).toBe(ws.owner.id);

      const badLines = MAX_STORED_ERRORS + 1;
      const seenMidway: { processed: number; failed: number }[] = [];
      let importId = '';
      async function* lines() {
        yield JSON.stringify(simpleLine('stream-1'));
        for (let i = 0; i < badLines; i++) {
          // Between lines, read what the import row says so far.
          if (i === PROGRESS_EVERY + 5) {
            const row = await getImport(database.db, ctx, importId);
            seenMidway.push({ processed: row.processed, failed: row.failed });
          }
          yield '{not json';
        }
      }
      const progress: number[] = [];
      const report = await importTickets(database.db, ctx, lines(), (p) => {
        importId = p.importId;
        progress.push(p.processed);
      });
      expect(seenMidway).toEqual([{ processed: PROGRESS_EVERY, failed: PROGRESS_EVERY - 1 }]);
      expect(progress).toHaveLength(1 + badLines);
      expect(progress.at(-1)).toBe(1 + badLines);
      expect(report).toMatchObject({ status: 'completed', total_lines: 1 + badLines, created: 1, failed: badLines, errors_truncated: true });
      expect(report.errors).toHaveLength(MAX_STORED_ERRORS);
      expect(report.errors[0]).toMatchObject({ line: 2, code: 'malformed_json' });
      expect(await getImport(database.db, ctx, report.id)).toEqual(report);
    });
  },
  { clock: () => clock, config: { GAPWISE_IMPORT_LIMIT_BYTES: String(IMPORT_LIMIT), GAPWISE_BODY_LIMIT_BYTES: String(64 * 1024) } },
);
