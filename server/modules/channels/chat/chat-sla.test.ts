import { expect, it } from 'vitest';
import { createWorkspace } from '../../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../../test/harness.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { newVisitorKey } from './chat-visitors.service.ts';
import { postVisitorMessage } from './chat.service.ts';

/**
 * A chat ticket under a policy "greeted within 60 s, never on hold over 30 s": the SLA engine
 * holds the chat to it from the chat's ordinary events, and the durations the chat records
 * (chat_greeted, chat_hold_ended) are the clocks' elapsed times.
 */
const clock = new ManualClock('2026-01-05T03:00:00Z');

interface Clock {
  metric: string;
  instance: number;
  state: string;
  outcome: string | null;
  elapsed_seconds: number;
  breached_at: string | null;
}

describeEngines(
  'live chat under an SLA policy',
  (get) => {
    const setUp = async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const policy = await call(app, 'POST', '/api/v1/sla-policies', {
        as: ws.as,
        body: { name: 'Chat', targets: { normal: { chat_greet: { seconds: 60, mode: 'calendar' }, chat_hold: { seconds: 30, mode: 'calendar' } } } },
      });
      expect(policy.statusCode, policy.body).toBe(201);
      expect((await call(app, 'POST', '/api/v1/chats/presence', { as: ws.as })).statusCode).toBe(200);
      return ws;
    };
    const visitorSays = async (workspaceId: string, key: ReturnType<typeof newVisitorKey>, text: string) =>
      postVisitorMessage(get().app.deps.database.db, { workspaceId, key, text, pageUrl: null, now: clock.now(), presenceMs: 60_000 });
    const agentSays = async (as: Auth, ticketId: string) =>
      expect((await call(get().app, 'POST', `/api/v1/tickets/${ticketId}/messages`, { as, body: { body_text: 'Hello!' } })).statusCode).toBe(201);
    const clocksOf = async (as: Auth, ticketId: string) =>
      (await call(get().app, 'GET', `/api/v1/tickets/${ticketId}`, { as })).json<{ sla: { clocks: Clock[] } }>().sla.clocks.filter((c) => c.metric.startsWith('chat_'));
    const chatEvents = async (as: Auth, ticketId: string) =>
      (await call(get().app, 'GET', `/api/v1/tickets/${ticketId}/events?limit=100`, { as })).json<{ data: { type: string; data: Record<string, number> }[] }>().data;

    it('greeted in 45 s: chat_greet achieved; a 40 s hold breaches chat_hold', async () => {
      const ws = await setUp();
      const key = newVisitorKey(clock.now());
      const chat = await visitorSays(ws.workspaceId, key, 'Hi');
      const started = clock.now().getTime();
      clock.advance(45_000);
      await agentSays(ws.as, chat.ticketId);
      clock.advance(15_000);
      // The hold starts at 60 s and is due at 90 s.
      await visitorSays(ws.workspaceId, key, 'Where is it?');
      clock.advance(40_000);
      await agentSays(ws.as, chat.ticketId);

      expect(await clocksOf(ws.as, chat.ticketId)).toEqual([
        expect.objectContaining({ metric: 'chat_greet', instance: 1, state: 'fulfilled', outcome: 'achieved', elapsed_seconds: 45, breached_at: null }),
        expect.objectContaining({ metric: 'chat_hold', instance: 1, state: 'fulfilled', outcome: 'breached', elapsed_seconds: 40, breached_at: new Date(started + 90_000).toISOString() }),
      ]);
      const events = await chatEvents(ws.as, chat.ticketId);
      expect(events.find((e) => e.type === 'chat_greeted')?.data.greet_ms).toBe(45_000);
      expect(events.find((e) => e.type === 'chat_hold_ended')?.data.hold_ms).toBe(40_000);
    });

    it('nobody greets within 60 s: chat_greet breaches at 60 s, and stays breached when the agent comes', async () => {
      const ws = await setUp();
      const chat = await visitorSays(ws.workspaceId, newVisitorKey(clock.now()), 'Hello?');
      const startedAt = clock.now().getTime();
      clock.advance(61_000);
      const running = await clocksOf(ws.as, chat.ticketId);
      expect(running).toEqual([expect.objectContaining({ metric: 'chat_greet', state: 'active', breached_at: new Date(startedAt + 60_000).toISOString() })]);
      clock.advance(14_000);
      await agentSays(ws.as, chat.ticketId);
      expect(await clocksOf(ws.as, chat.ticketId)).toEqual([
        expect.objectContaining({ metric: 'chat_greet', state: 'fulfilled', outcome: 'breached', elapsed_seconds: 75 }),
      ]);
      expect((await chatEvents(ws.as, chat.ticketId)).find((e) => e.type === 'chat_greeted')?.data.greet_ms).toBe(75_000);
    });
  },
  { clock: () => clock },
);
