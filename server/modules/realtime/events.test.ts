import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, createTestApp, describeEngines } from '../../../test/harness.ts';
import { openEventStream, type StreamedEvent } from '../../../test/processes.ts';
import type { EventNotice } from '../../platform/realtime.ts';

const noticeOf = (e: StreamedEvent) => JSON.parse(e.data) as EventNotice;

describeEngines('server-sent events', (get) => {
  let base = '';

  beforeAll(async () => {
    const { app } = get();
    // The harness builds the bus without starting it; a real server starts it.
    await app.deps.events.start();
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await get().app.deps.events.stop();
  });

  const cookieOf = (as: unknown) => (as as { cookie: string }).cookie;

  it('streams ticket events to clients of the same workspace only', async () => {
    const { app } = get();
    const mine = await createWorkspace(app);
    const theirs = await createWorkspace(app);
    const myStream = await openEventStream(`${base}/api/v1/events`, { cookie: cookieOf(mine.as) });
    const theirStream = await openEventStream(`${base}/api/v1/events`, { cookie: cookieOf(theirs.as) });
    try {
      expect(myStream.status).toBe(200);
      expect(myStream.contentType).toContain('text/event-stream');

      const ticket = await createTicket(app, mine.as);
      const created = await myStream.waitFor((e) => e.event === 'created');
      expect(noticeOf(created)).toMatchObject({ ticket_id: ticket.id, workspace_id: mine.workspaceId, type: 'created', actor_type: 'user' });
      expect(created.id).toBe(String(noticeOf(created).seq));

      // Notices arrive in commit order on one channel: once the other
      // workspace's own later ticket has arrived, ours would have too.
      const theirTicket = await createTicket(app, theirs.as);
      await theirStream.waitFor((e) => e.event === 'created' && noticeOf(e).ticket_id === theirTicket.id);
      expect(theirStream.events.every((e) => noticeOf(e).workspace_id === theirs.workspaceId)).toBe(true);
      expect(myStream.events.every((e) => noticeOf(e).workspace_id === mine.workspaceId)).toBe(true);
    } finally {
      myStream.close();
      theirStream.close();
    }
  });

  it('is described in the OpenAPI document as an event stream', async () => {
    const doc = (await call(get().app, 'GET', '/api/openapi.json')).json();
    const operation = doc.paths['/api/v1/events'].get;
    expect(Object.keys(operation.responses['200'].content)).toEqual(['text/event-stream']);
    expect(operation.parameters.map((p: { name: string }) => p.name)).toContain('last_event_id');
  });

  it('refuses callers who are not signed in', async () => {
    const res = await call(get().app, 'GET', '/api/v1/events');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const bad = await call(get().app, 'GET', '/api/v1/events', { headers: { 'last-event-id': 'abc' }, as: (await createWorkspace(get().app)).as });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
  });

  it('replays what a client missed after Last-Event-ID, then goes live, without duplicates', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const cookie = cookieOf(ws.as);

    const first = await openEventStream(`${base}/api/v1/events`, { cookie });
    const seen = await createTicket(app, ws.as);
    await first.waitFor((e) => e.event === 'message_added' && noticeOf(e).ticket_id === seen.id);
    const lastId = first.events.at(-1)?.id as string;
    first.close();

    // While disconnected: a ticket (created + message_added) and a status change.
    const missed = await createTicket(app, ws.as);
    const patch = await call(app, 'PATCH', `/api/v1/tickets/${missed.id}`, { as: ws.as, body: { status: 'open' } });
    expect(patch.statusCode).toBe(200);
    const stored = (await call(app, 'GET', `/api/v1/tickets/${missed.id}/events`, { as: ws.as })).json().data as { seq: number }[];
    const missedIds = stored.map((e) => String(e.seq));
    expect(missedIds).toHaveLength(3);

    const again = await openEventStream(`${base}/api/v1/events`, { cookie, 'last-event-id': lastId });
    try {
      const live = await createTicket(app, ws.as);
      await again.waitFor((e) => e.event === 'message_added' && noticeOf(e).ticket_id === live.id);
      const ids = again.events.map((e) => e.id);
      expect(ids.slice(0, 3)).toEqual(missedIds);
      expect(again.events.slice(3).map((e) => [e.event, noticeOf(e).ticket_id])).toEqual([
        ['created', live.id],
        ['message_added', live.id],
      ]);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.map(Number).every((id) => id > Number(lastId))).toBe(true);
    } finally {
      again.close();
    }

    // The query parameter works like the header (for a first connection).
    const byQuery = await openEventStream(`${base}/api/v1/events?last_event_id=${lastId}`, { cookie });
    try {
      await byQuery.waitFor((e) => e.id === missedIds[2]);
      expect(byQuery.events.slice(0, 3).map((e) => e.id)).toEqual(missedIds);
    } finally {
      byQuery.close();
    }
  });

  it('ends open streams when the server closes, so shutdown does not wait for clients', async () => {
    const own = await createTestApp(get().engine);
    try {
      await own.app.deps.events.start();
      await own.app.listen({ port: 0, host: '127.0.0.1' });
      const ws = await createWorkspace(own.app);
      const stream = await openEventStream(`http://127.0.0.1:${(own.app.server.address() as AddressInfo).port}/api/v1/events`, {
        cookie: cookieOf(ws.as),
      });
      expect(stream.status).toBe(200);
      await own.app.close();
      await stream.ended;
    } finally {
      await own.app.close();
      await own.app.deps.events.stop();
      await own.testDb.drop();
    }
  }, 60_000);
});
