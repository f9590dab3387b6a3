import { expect, it, vi } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createOfficeCalendar, mon, officeResolver } from '../sla-clocks/test-sla.ts';

// Clocks with a hand-built policy (as in sla-clocks.test.ts), so merged tickets have clocks to cancel.
const handBuilt = vi.hoisted(() => new Map<string, unknown>());
vi.mock('../sla-policies/policy-resolver.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../sla-policies/policy-resolver.ts')>();
  return {
    ...real,
    loadClockPolicyResolver: async (...args: Parameters<typeof real.loadClockPolicyResolver>) =>
      (handBuilt.get(args[1]) as Awaited<ReturnType<typeof real.loadClockPolicyResolver>> | undefined) ?? real.loadClockPolicyResolver(...args),
  };
});

const clock = new ManualClock(mon('10:00'));
type Body = Record<string, any>;

describeEngines(
  'ticket merge API',
  (get) => {
    async function officeWorkspace() {
      const { app } = get();
      clock.set(mon('09:00'));
      const ws = await createWorkspace(app);
      const { calendar } = await createOfficeCalendar(app, ws.as);
      handBuilt.set(ws.workspaceId, officeResolver(calendar));
      return ws;
    }
    const events = async (as: Auth, id: string): Promise<Body[]> =>
      (await call(get().app, 'GET', `/api/v1/tickets/${id}/events?limit=100`, { as })).json().data;
    const messages = async (as: Auth, id: string): Promise<Body[]> =>
      (await call(get().app, 'GET', `/api/v1/tickets/${id}/messages?limit=100`, { as })).json().data;

    it('closes the sources into the target: notes on both, merged / merged_in events, clocks cancelled, audit row', async () => {
      const { app, database } = get();
      const ws = await officeWorkspace();
      const agent = await addUser(app, ws, 'agent');
      const target = await createTicket(app, ws.as, { subject: 'Printer broken', customer: { email: 'somchai@example.com' } });
      clock.set(mon('09:30'));
      const source = await createTicket(app, ws.as, {
        subject: 'Printer still broken',
        customer: { email: 'somchai@example.com' },
        message: { body_text: 'Second mail about the printer', attachments: [{ filename: 'photo.jpg', content_type: 'image/jpeg', size: 10 }] },
      });
      await call(app, 'POST', `/api/v1/tickets/${source.id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'We are looking into it' } });
      const other = await createTicket(app, ws.as, { subject: 'Same printer, other address', customer: { email: 'somchai@work.example.com' } });
      clock.set(mon('10:00'));

      const res = await call(app, 'POST', `/api/v1/tickets/${target.id}/merge`, { as: agent.as, body: { source_ticket_ids: [source.id, other.id] } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.merged).toEqual([
        { ticket_id: source.id, number: source.number },
        { ticket_id: other.id, number: other.number },
      ]);
      expect(body.warnings).toEqual([{ code: 'different_customer', ticket_id: other.id }]);
      expect(body.ticket).toMatchObject({ id: target.id, status: 'new', customer_id: target.customer_id });

      // Source: note → merged {into} → closed; its running clocks are cancelled, not fulfilled.
      const src = (await call(app, 'GET', `/api/v1/tickets/${source.id}`, { as: ws.as })).json();
      expect(src.status).toBe('closed');
      expect(src.sla.clocks.filter((c: Body) => c.metric === 'resolution').map((c: Body) => c.state)).toEqual(['cancelled']);
      const srcEvents = await events(ws.as, source.id);
      expect(srcEvents.slice(-3).map((e) => e.type)).toEqual(['message_added', 'merged', 'status_changed']);
      expect(srcEvents.at(-2)?.data).toEqual({ into: target.id, into_number: target.number });
      expect(srcEvents.at(-2)?.actor_id).toBe(agent.id);
      const srcNote = (await messages(ws.as, source.id)).at(-1);
      expect(srcNote).toMatchObject({ kind: 'internal_note', body_text: `This ticket was merged into ticket #${target.number} and closed.` });

      // Target: one transcript note per source (attachments carried over), a merged_in event; its clocks run on.
      const notes = (await messages(ws.as, target.id)).filter((m) => m.kind === 'internal_note');
      expect(notes).toHaveLength(2);
      expect(notes[0]?.body_text).toContain(`Ticket #${source.number} “Printer still broken” was merged into this ticket.`);
      expect(notes[0]?.body_text).toContain('Second mail about the printer');
      expect(notes[0]?.body_text).toContain('We are looking into it');
      expect(notes[0]?.attachments).toEqual([expect.objectContaining({ filename: 'photo.jpg', size: 10 })]);
      expect(notes[0]?.metadata).toEqual({ merge: { from_ticket_id: source.id, from_number: source.number } });
      const targetEvents = await events(ws.as, target.id);
      expect(targetEvents.filter((e) => e.type === 'merged')).toEqual([]);
      expect(targetEvents.at(-1)).toMatchObject({ type: 'merged_in', data: { from: body.merged } });
      const tgt = (await call(app, 'GET', `/api/v1/tickets/${target.id}`, { as: ws.as })).json();
      expect(tgt.sla.clocks.filter((c: Body) => c.metric === 'first_reply').map((c: Body) => c.state)).toEqual(['active']);

      const audit = await database.db.selectFrom('audit_log').selectAll().where('workspace_id', '=', ws.workspaceId).where('action', '=', 'ticket.merged').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entity_id: target.id, actor_id: agent.id });

      // Merging a merged (closed) ticket again is refused.
      const again = await call(app, 'POST', `/api/v1/tickets/${target.id}/merge`, { as: ws.as, body: { source_ticket_ids: [source.id] } });
      expect(again.statusCode).toBe(409);
    });

    it('is all or nothing, refuses closed tickets and self-merges, and keeps workspaces apart', async () => {
      const { app } = get();
      const ws = await officeWorkspace();
      const elsewhere = await createWorkspace(app);
      const target = await createTicket(app, ws.as);
      const open = await createTicket(app, ws.as);
      const closed = await createTicket(app, ws.as);
      await call(app, 'PATCH', `/api/v1/tickets/${closed.id}`, { as: ws.as, body: { status: 'closed' } });
      const foreign = await createTicket(app, elsewhere.as);
      const url = `/api/v1/tickets/${target.id}/merge`;

      const withClosed = await call(app, 'POST', url, { as: ws.as, body: { source_ticket_ids: [open.id, closed.id] } });
      expect(withClosed.statusCode).toBe(409);
      const withForeign = await call(app, 'POST', url, { as: ws.as, body: { source_ticket_ids: [open.id, foreign.id] } });
      expect(withForeign.statusCode).toBe(422);
      expect(withForeign.json().issues[0].message).toContain(foreign.id);
      // Nothing happened to the open source.
      expect((await call(app, 'GET', `/api/v1/tickets/${open.id}`, { as: ws.as })).json().status).toBe('new');
      expect((await events(ws.as, open.id)).map((e) => e.type)).toEqual(['created', 'message_added']);
      expect((await call(app, 'GET', `/api/v1/tickets/${foreign.id}`, { as: elsewhere.as })).json().status).toBe('new');

      expect((await call(app, 'POST', url, { as: ws.as, body: { source_ticket_ids: [target.id] } })).statusCode).toBe(400);
      expect((await call(app, 'POST', url, { as: ws.as, body: { source_ticket_ids: [open.id, open.id] } })).statusCode).toBe(400);
      expect((await call(app, 'POST', url, { as: ws.as, body: { source_ticket_ids: [] } })).statusCode).toBe(400);
      // Another workspace's target is "not found"; so is merging into a closed ticket refused.
      expect((await call(app, 'POST', `/api/v1/tickets/${foreign.id}/merge`, { as: ws.as, body: { source_ticket_ids: [open.id] } })).statusCode).toBe(404);
      expect((await call(app, 'POST', `/api/v1/tickets/${closed.id}/merge`, { as: ws.as, body: { source_ticket_ids: [open.id] } })).statusCode).toBe(409);
      // Unauthenticated callers get nothing.
      expect((await call(app, 'POST', url, { body: { source_ticket_ids: [open.id] } })).statusCode).toBe(401);
    });
  },
  { clock: () => clock },
);
