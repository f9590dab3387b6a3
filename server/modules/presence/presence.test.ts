import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import type { Role } from '../../platform/schema.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { openEventStream } from '../../../test/processes.ts';
import { buildApp } from '../../http/app.ts';
import { ManualClock } from '../../platform/clock.ts';
import { EventBus } from '../../platform/realtime.ts';
import { presenceHubOf } from './presence-hub.ts';

/** test/factories.ts types `name` as a Role (its default); any display name works at run time. */
const named = (name: string) => name as Role;

const clock = new ManualClock('2026-03-02T08:00:00Z');
const cookieOf = (as: unknown) => (as as { cookie: string }).cookie;

describeEngines(
  'ticket presence',
  (get) => {
    let base = '';
    beforeAll(async () => {
      const { app } = get();
      await app.deps.events.start();
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await get().app.deps.events.stop();
    });

    it('shows who views and replies, expires silent tabs, and lets a tab leave', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const ann = await addUser(app, ws, 'agent', named('Ann'));
      const bob = await addUser(app, ws, 'agent', named('Bob'));
      const ticket = await createTicket(app, ws.as);
      const url = `/api/v1/tickets/${ticket.id}/presence`;

      const first = await call(app, 'PUT', url, { as: ann.as, body: { client_id: 'ann-tab-1', state: 'viewing' } });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ ticket_id: ticket.id, agents: [{ user_id: ann.id, name: 'Ann', state: 'viewing' }], ttl_seconds: 45 });
      await call(app, 'PUT', url, { as: bob.as, body: { client_id: 'bob-tab-1', state: 'replying' } });
      expect((await call(app, 'GET', url, { as: ws.as })).json().agents).toEqual([
        { user_id: ann.id, name: 'Ann', state: 'viewing' },
        { user_id: bob.id, name: 'Bob', state: 'replying' },
      ]);

      // Ann keeps beating; Bob goes silent and expires after 45 s.
      clock.advance(30_000);
      await call(app, 'PUT', url, { as: ann.as, body: { client_id: 'ann-tab-1', state: 'viewing' } });
      clock.advance(20_000);
      expect((await call(app, 'GET', url, { as: ws.as })).json().agents.map((a: { name: string }) => a.name)).toEqual(['Ann']);

      expect((await call(app, 'DELETE', `${url}?client_id=ann-tab-1`, { as: ann.as })).statusCode).toBe(204);
      expect((await call(app, 'GET', url, { as: ws.as })).json().agents).toEqual([]);
    });

    it('pushes changes on the event stream of the workspace only, without ids, and across instances', async () => {
      const { app, database, config } = get();
      const ws = await createWorkspace(app);
      const other = await createWorkspace(app);
      const ann = await addUser(app, ws, 'agent', named('Ann'));
      const ticket = await createTicket(app, ws.as);
      const url = `/api/v1/tickets/${ticket.id}/presence`;
      // A second instance over the same database, with its own presence hub.
      const second = await buildApp({ database, config, clock, events: new EventBus(database), jobs: app.deps.jobs }, { logger: false });
      await second.ready();
      const stream = await openEventStream(`${base}/api/v1/events`, { cookie: cookieOf(ws.as) });
      const foreign = await openEventStream(`${base}/api/v1/events`, { cookie: cookieOf(other.as) });
      try {
        // Set through the second instance; seen on the first instance's stream.
        const answer = await call(second, 'PUT', url, { as: ann.as, body: { client_id: 'ann-tab-9', state: 'replying' } });
        expect(answer.json().agents).toEqual([{ user_id: ann.id, name: 'Ann', state: 'replying' }]);
        const pushed = await stream.waitFor((e) => e.event === 'presence' && JSON.parse(e.data).agents.length === 1);
        expect(pushed.id).toBeNull();
        expect(JSON.parse(pushed.data)).toEqual({ ticket_id: ticket.id, agents: [{ user_id: ann.id, name: 'Ann', state: 'replying' }] });
        await expect.poll(async () => (await call(app, 'GET', url, { as: ws.as })).json().agents.length).toBe(1);

        // Expiry reaches the stream through the sweep (moved clock, no waiting).
        clock.advance(46_000);
        presenceHubOf(app.deps).sweep();
        const gone = await stream.waitFor((e) => e.event === 'presence' && JSON.parse(e.data).agents.length === 0);
        expect(JSON.parse(gone.data).ticket_id).toBe(ticket.id);
        expect(foreign.events.filter((e) => e.event === 'presence')).toEqual([]);
      } finally {
        stream.close();
        foreign.close();
        await second.close();
      }
    });

    it('refuses other workspaces’ tickets, API keys and bad client ids', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const other = await createWorkspace(app);
      const theirs = await createTicket(app, other.as);
      const ticket = await createTicket(app, ws.as);
      expect((await call(app, 'PUT', `/api/v1/tickets/${theirs.id}/presence`, { as: ws.as, body: { client_id: 'tab-12345', state: 'viewing' } })).statusCode).toBe(404);
      expect((await call(app, 'GET', `/api/v1/tickets/${theirs.id}/presence`, { as: ws.as })).statusCode).toBe(404);
      expect((await call(app, 'PUT', `/api/v1/tickets/${ticket.id}/presence`, { as: ws.as, body: { client_id: 'x', state: 'viewing' } })).statusCode).toBe(400);
      const key = (await call(app, 'POST', '/api/v1/api-keys', { as: ws.as, body: { name: 'bot', role: 'agent' } })).json();
      const byKey = await call(app, 'PUT', `/api/v1/tickets/${ticket.id}/presence`, { as: { apiKey: key.key }, body: { client_id: 'tab-12345', state: 'viewing' } });
      expect(byKey.statusCode).toBe(403);
    });
  },
  { clock: () => clock },
);
