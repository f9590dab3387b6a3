import { beforeAll, expect, it } from 'vitest';
import { createTicket, createWorkspace, type WorkspaceFixture } from '../../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../../test/harness.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { TestSocket } from './test-chat-client.ts';

/**
 * The live chat end to end over real WebSockets on loopback: visitor socket ↔ agents' REST API
 * and agent socket, through the EventBus (LISTEN/NOTIFY) like production. Time is a ManualClock.
 */
const clock = new ManualClock('2026-01-05T09:00:00Z');

describeEngines(
  'live chat',
  (get) => {
    let base = '';
    beforeAll(async () => {
      const { app } = get();
      await app.deps.events.start();
      // The harness app is ready but not listening: sockets need a real port.
      base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('http://', 'ws://');
    });

    const visitor = async (ws: WorkspaceFixture, token?: string) => {
      const socket = await TestSocket.open(`${base}/api/v1/public/chat/socket?workspace=${ws.slug}`);
      const welcome = await socket.request<{ token: string; visitor_id: string; online: boolean; email: string | null; chat: { ticket_id: string } | null; messages: { text: string }[] }>(
        { type: 'hello', token, page: 'https://shop.example.com/cart' },
        'welcome',
      );
      return { socket, welcome };
    };
    const online = async (as: Auth) => expect((await call(get().app, 'POST', '/api/v1/chats/presence', { as })).statusCode).toBe(200);
    const events = async (as: Auth, ticketId: string) =>
      (await call(get().app, 'GET', `/api/v1/tickets/${ticketId}/events?limit=100`, { as })).json<{ data: { type: string; data: Record<string, unknown> }[] }>().data;
    const reply = async (as: Auth, ticketId: string, text: string) => {
      const res = await call(get().app, 'POST', `/api/v1/tickets/${ticketId}/messages`, { as, body: { body_text: text } });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>();
    };

    it('a visitor starts a chat, an agent answers in the inbox; greet and hold are recorded as events', async () => {
      const ws = await createWorkspace(get().app);
      const { socket, welcome } = await visitor(ws);
      expect(welcome).toMatchObject({ online: false, chat: null, messages: [], email: null });
      expect(welcome.token).toMatch(/^v1\./);
      await online(ws.as);

      const ack = await socket.request<{ ticket_id: string; message_id: string; client_id: string }>({ type: 'message', text: 'Hi! Is my order shipped?', client_id: 'c1' }, 'ack');
      expect(ack.client_id).toBe('c1');
      const ticket = (await call(get().app, 'GET', `/api/v1/tickets/${ack.ticket_id}`, { as: ws.as })).json<{ channel: string; customer_id: string; subject: string }>();
      expect(ticket).toMatchObject({ channel: 'chat', subject: 'Chat: Hi! Is my order shipped?' });
      const customer = (await call(get().app, 'GET', `/api/v1/customers/${ticket.customer_id}`, { as: ws.as })).json<{ identities: { kind: string; value: string }[] }>();
      expect(customer.identities).toEqual([expect.objectContaining({ kind: 'chat_visitor', value: welcome.visitor_id })]);

      const waiting = (await call(get().app, 'GET', '/api/v1/chats?state=waiting', { as: ws.as })).json<{ data: { ticket_id: string; page_url: string }[] }>();
      expect(waiting.data).toEqual([expect.objectContaining({ ticket_id: ack.ticket_id, page_url: 'https://shop.example.com/cart' })]);

      clock.advance(42_000);
      // Waiters are set before the reply: its frame can reach the socket before the HTTP answer does.
      const delivered = socket.next<{ message: { id: string; from: string; text: string; agent_name: string } }>((f) => f.type === 'message');
      const sent = await reply(ws.as, ack.ticket_id, 'Hello, let me check.');
      const frame = await delivered;
      expect(frame.message).toMatchObject({ id: sent.id, from: 'agent', text: 'Hello, let me check.', agent_name: 'Owner' });
      expect((await call(get().app, 'GET', '/api/v1/chats?state=active', { as: ws.as })).json().data).toHaveLength(1);

      clock.advance(10_000);
      await socket.request({ type: 'message', text: 'Thanks', client_id: 'c2' }, 'ack');
      clock.advance(3_000);
      await socket.request({ type: 'message', text: 'Order 1234', client_id: 'c3' }, 'ack');
      clock.advance(20_000);
      const second = socket.next((f) => f.type === 'message' && (f.message as { text: string }).text === 'It left yesterday.');
      await reply(ws.as, ack.ticket_id, 'It left yesterday.');
      await second;

      const chatEvents = (await events(ws.as, ack.ticket_id)).filter((e) => e.type.startsWith('chat_'));
      expect(chatEvents.map((e) => [e.type, e.data.greet_ms ?? e.data.hold_ms ?? null])).toEqual([
        ['chat_started', null],
        ['chat_greeted', 42_000],
        ['chat_hold_ended', 23_000],
      ]);
      socket.close();
    });

    it('typing indicators travel both ways; an email left during the chat joins the customer', async () => {
      const ws = await createWorkspace(get().app);
      await online(ws.as);
      const { socket } = await visitor(ws);
      const { ticket_id } = await socket.request<{ ticket_id: string }>({ type: 'message', text: 'Hello', client_id: 'a' }, 'ack');
      const cookie = (ws.as as { cookie: string }).cookie;
      const agent = await TestSocket.open(`${base}/api/v1/chats/socket`, { cookie });

      const typing = socket.next((f) => f.type === 'typing' && f.typing === true);
      expect((await call(get().app, 'POST', `/api/v1/chats/${ticket_id}/typing`, { as: ws.as, body: { typing: true } })).statusCode).toBe(204);
      await typing;
      const visitorTyping = agent.next((f) => f.type === 'visitor_typing');
      socket.send({ type: 'typing', typing: true });
      expect(await visitorTyping).toEqual({ type: 'visitor_typing', ticket_id, typing: true });
      const agentTyping = socket.next((f) => f.type === 'typing' && f.typing === false);
      agent.send({ type: 'typing', ticket_id, typing: false });
      await agentTyping;
      agent.close();

      // A new email during the chat becomes an identity of the visitor's customer.
      await socket.request({ type: 'email', email: 'fresh@example.com' }, 'email_saved');
      const ticket = (await call(get().app, 'GET', `/api/v1/tickets/${ticket_id}`, { as: ws.as })).json<{ customer_id: string }>();
      const customer = (await call(get().app, 'GET', `/api/v1/customers/${ticket.customer_id}`, { as: ws.as })).json<{ identities: { kind: string; value: string }[] }>();
      expect(customer.identities.map((i) => i.kind).sort()).toEqual(['chat_visitor', 'email']);
      expect((await events(ws.as, ticket_id)).find((e) => e.type === 'chat_email_left')?.data).toMatchObject({ customer_id: ticket.customer_id, linked: false });
      socket.close();
    });

    it('after the chat ends, a reply goes out by email when the visitor left an address, and waits when not', async () => {
      const ws = await createWorkspace(get().app);
      await online(ws.as);
      const delivery = async (ticketId: string, messageId: string) =>
        (await call(get().app, 'GET', `/api/v1/tickets/${ticketId}/messages?limit=100`, { as: ws.as }))
          .json<{ data: { id: string; delivery: { channel: string; status: string } | null }[] }>()
          .data.find((m) => m.id === messageId)?.delivery;
      const endedChat = async (email: string | null) => {
        const { socket } = await visitor(ws);
        const { ticket_id } = await socket.request<{ ticket_id: string }>({ type: 'message', text: 'Hello', client_id: 'e1' }, 'ack');
        if (email) await socket.request({ type: 'email', email }, 'email_saved');
        const live = await reply(ws.as, ticket_id, 'Hi, one moment.');
        expect(await delivery(ticket_id, live.id)).toBeNull();
        expect((await call(get().app, 'POST', `/api/v1/chats/${ticket_id}/end`, { as: ws.as })).statusCode).toBeLessThan(300);
        socket.close();
        return { ticket_id, after: await reply(ws.as, ticket_id, 'Found it: it ships today.') };
      };

      const withEmail = await endedChat('left-an-address@example.com');
      expect(await delivery(withEmail.ticket_id, withEmail.after.id)).toMatchObject({ channel: 'email', status: 'queued' });
      const anonymous = await endedChat(null);
      expect(await delivery(anonymous.ticket_id, anonymous.after.id)).toBeNull();
    });

    it('bad frames get error frames and the socket stays usable; an oversized frame closes only that socket', async () => {
      const ws = await createWorkspace(get().app);
      const raw = await TestSocket.open(`${base}/api/v1/public/chat/socket?workspace=${ws.slug}`);
      expect(await raw.request({ type: 'message', text: 'hi' }, 'error')).toMatchObject({ code: 'hello_first' });
      expect(await raw.request('not json', 'error')).toMatchObject({ code: 'bad_frame' });
      expect(await raw.request({ type: 'nope' }, 'error')).toMatchObject({ code: 'bad_frame' });
      expect(await raw.request({ type: 'hello', token: 42 }, 'error')).toMatchObject({ code: 'bad_frame' });
      expect(await raw.request({ type: 'message', text: 'x'.repeat(4001) }, 'error')).toMatchObject({ code: 'bad_frame' });
      const binary = raw.next((f) => f.type === 'error');
      raw.ws.send(Buffer.from([1, 2, 3]));
      expect(await binary).toMatchObject({ code: 'bad_frame' });
      const welcome = await raw.request<{ token: string }>({ type: 'hello', token: 'v1.forged' }, 'welcome');
      expect(welcome.token).toMatch(/^v1\./);
      expect(await raw.request({ type: 'message', text: '   \u0000 ' }, 'error')).toMatchObject({ code: 'empty_message' });
      expect(await raw.request({ type: 'ping' }, 'pong')).toEqual({ type: 'pong' });

      raw.send(JSON.stringify({ type: 'message', text: 'y'.repeat(20_000) }));
      expect((await raw.whenClosed()).code).toBe(1009);
      expect((await call(get().app, 'GET', '/healthz')).statusCode).toBe(200);
    });

    it('visitor messages are rate limited; an unknown workspace is refused before the upgrade', async () => {
      const ws = await createWorkspace(get().app);
      await online(ws.as);
      const { socket } = await visitor(ws);
      const errors: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        const since = socket.frames.length;
        socket.send({ type: 'message', text: `m${i}` });
        const answer = await socket.next((f) => f.type === 'ack' || f.type === 'error', 5000, since);
        if (answer.type === 'error') errors.push(answer.code);
      }
      expect(errors).toEqual(['rate_limited']);
      clock.advance(2_000);
      expect(await socket.request({ type: 'message', text: 'later' }, 'ack')).toMatchObject({ type: 'ack' });
      socket.close();
      await expect(TestSocket.open(`${base}/api/v1/public/chat/socket?workspace=no-such-workspace`)).rejects.toThrow('404');
    });

    it('with no agent online the widget asks for the email and the chat becomes an email ticket', async () => {
      const ws = await createWorkspace(get().app);
      const { socket, welcome } = await visitor(ws);
      expect(welcome.online).toBe(false);
      expect(await socket.request({ type: 'message', text: 'Anyone there?' }, 'error')).toMatchObject({ code: 'email_required' });
      expect(await socket.request({ type: 'email', email: 'Nina@Example.com' }, 'email_saved')).toEqual({ type: 'email_saved', email: 'nina@example.com' });
      const offline = await socket.request<{ ticket_id: string; email: string }>({ type: 'message', text: 'Anyone there?' }, 'offline_ticket');
      const ticket = (await call(get().app, 'GET', `/api/v1/tickets/${offline.ticket_id}`, { as: ws.as })).json<{ channel: string; tags: string[]; customer_id: string }>();
      expect(ticket).toMatchObject({ channel: 'email', tags: ['chat-offline'] });
      const customer = (await call(get().app, 'GET', `/api/v1/customers/${ticket.customer_id}`, { as: ws.as })).json<{ identities: { kind: string; value: string }[] }>();
      expect(customer.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual([`chat_visitor:${welcome.visitor_id}`, 'email:nina@example.com']);
      expect((await events(ws.as, offline.ticket_id)).map((e) => e.type)).toContain('chat_offline');
      socket.close();
    });

    it('a visitor who leaves a known email becomes that customer; the token brings the chat back', async () => {
      const ws = await createWorkspace(get().app);
      await online(ws.as);
      const known = await createTicket(get().app, ws.as, { customer: { email: 'ole@example.com', name: 'Ole' } });
      const first = await visitor(ws);
      const { ticket_id } = await first.socket.request<{ ticket_id: string }>({ type: 'message', text: 'Hi, it is Ole' }, 'ack');
      await first.socket.request({ type: 'email', email: 'ole@example.com' }, 'email_saved');
      const linked = (await events(ws.as, ticket_id)).find((e) => e.type === 'chat_email_left');
      expect(linked?.data).toMatchObject({ email: 'ole@example.com', customer_id: known.customer_id, linked: true });
      const ole = (await call(get().app, 'GET', `/api/v1/customers/${known.customer_id}`, { as: ws.as })).json<{ identities: { kind: string; value: string }[] }>();
      expect(ole.identities.map((i) => i.kind).sort()).toEqual(['chat_visitor', 'email']);
      first.socket.close();

      // Same browser later: the token brings back the running chat and its messages.
      const again = await visitor(ws, first.welcome.token);
      expect(again.welcome).toMatchObject({ visitor_id: first.welcome.visitor_id, email: 'ole@example.com', chat: { ticket_id } });
      expect(again.welcome.messages.map((m) => m.text)).toEqual(['Hi, it is Ole']);
      // Ending it: the next message opens a new chat, under Ole.
      expect(await again.socket.request({ type: 'end' }, 'state')).toMatchObject({ state: 'ended' });
      expect((await events(ws.as, ticket_id)).map((e) => e.type)).toContain('chat_ended');
      const next = await again.socket.request<{ ticket_id: string }>({ type: 'message', text: 'One more thing' }, 'ack');
      expect(next.ticket_id).not.toBe(ticket_id);
      const nextTicket = (await call(get().app, 'GET', `/api/v1/tickets/${next.ticket_id}`, { as: ws.as })).json<{ customer_id: string }>();
      expect(nextTicket.customer_id).toBe(known.customer_id);
      expect((await call(get().app, 'GET', '/api/v1/chats?state=ended', { as: ws.as })).json().data.map((c: { ticket_id: string }) => c.ticket_id)).toEqual([ticket_id]);
      again.socket.close();
    });

    it('serves /widget.js gzipped under 30 kB, with an ETag', async () => {
      const res = await call(get().app, 'GET', '/widget.js', { headers: { 'accept-encoding': 'gzip' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.rawPayload.length).toBeLessThan(30 * 1024);
      const again = await call(get().app, 'GET', '/widget.js', { headers: { 'if-none-match': String(res.headers.etag) } });
      expect(again.statusCode).toBe(304);
      expect((await call(get().app, 'GET', '/widget.js')).body).toContain('/api/v1/public/chat/socket');
    });
  },
  { clock: () => clock },
);
