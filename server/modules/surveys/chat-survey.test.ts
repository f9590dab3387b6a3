import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { ChatSurveyPrompt } from '../../../contracts/chat.ts';
import { createWorkspace, type WorkspaceFixture } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { TestSocket } from '../channels/chat/test-chat-client.ts';
import { type Body, createSurvey, sweep } from './test-surveys.ts';

/**
 * The inline survey of a live chat over real WebSockets: when the chat ends the visitor's socket
 * gets a `survey` frame (question, choices and link in the visitor's language), the widget answers
 * with a JSON POST to the link from another origin (CORS), and the ticket shows the rating.
 */
const clock = new ManualClock('2026-02-02T09:00:00Z');

describeEngines(
  'inline chat survey',
  (get) => {
    let base = '';
    beforeAll(async () => {
      const { app } = get();
      await app.deps.events.start();
      base = await app.listen({ port: 0, host: '127.0.0.1' });
    });

    const startChat = async (ws: WorkspaceFixture, text: string) => {
      const socket = await TestSocket.open(`${base.replace('http', 'ws')}/api/v1/public/chat/socket?workspace=${ws.slug}`);
      await socket.request({ type: 'hello', page: 'https://shop.example.com/' }, 'welcome');
      expect((await call(get().app, 'POST', '/api/v1/chats/presence', { as: ws.as })).statusCode).toBe(200);
      const ack = await socket.request<{ ticket_id: string }>({ type: 'message', text, client_id: 'c1' }, 'ack');
      return { socket, ticketId: ack.ticket_id };
    };

    it('a chat ends → the widget gets the CSAT question; the answer posted cross-origin is recorded once and shows on the ticket', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat', settings: { send_after_solved: { enabled: true, delay_minutes: 60 } } });
      const { socket, ticketId } = await startChat(ws, 'Where is my parcel?');

      const offered = socket.next<{ survey: ChatSurveyPrompt }>((f) => f.type === 'survey');
      expect((await call(app, 'POST', `/api/v1/chats/${ticketId}/end`, { as: ws.as })).statusCode).toBe(204);
      const { survey: prompt } = await offered;
      expect(prompt).toMatchObject({ locale: 'en', title: 'How did we do?', version: 1, question: { id: 'csat' }, comment: { id: 'comment' }, texts: { submit: 'Send my answers' } });
      expect(prompt.question.choices.map((c) => c.value)).toEqual([1, 2, 3, 4, 5]);
      expect(prompt.question.choices[4]?.label).toBe('Very satisfied');
      expect(prompt.path).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);

      // The invitation: inline, sent now, once for this ticket; only the token's hash is stored.
      const invitations = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/invitations`, { as: ws.as })).json().data as Body[];
      expect(invitations).toEqual([expect.objectContaining({ ticket_id: ticketId, delivery: 'chat_inline', status: 'sent', sent_at: clock.now().toISOString() })]);
      const token = prompt.path.slice(3);
      const stored = (await sql<{ token_hash: string }>`select token_hash from survey_invitation_tokens where invitation_id = ${invitations[0]?.id}`.execute(database.db)).rows;
      expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);

      // The widget posts from the shop's origin: the preflight and the answer allow any origin.
      const preflight = await fetch(`${base}${prompt.path}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
      const answer = await fetch(`${base}${prompt.path}`, {
        method: 'POST',
        headers: { origin: 'https://shop.example.com', 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { csat: 4, comment: 'Quick, thanks' }, version: prompt.version }),
      });
      expect(answer.status, await answer.clone().text()).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(await answer.json()).toMatchObject({ status: 'recorded' });
      const bad = await fetch(`${base}${prompt.path}`, { method: 'POST', headers: { origin: 'https://shop.example.com', 'content-type': 'application/json' }, body: JSON.stringify({ answers: { csat: 9 } }) });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('access-control-allow-origin')).toBe('*'); // the widget can read why

      const ratings = (await call(app, 'GET', `/api/v1/survey-responses?ticket_id=${ticketId}`, { as: ws.as })).json().data as Body[];
      expect(ratings).toEqual([expect.objectContaining({ survey_id: survey.id, scores: [{ role: 'csat', value: 4, min: 1, max: 5 }], comment: 'Quick, thanks' })]);

      // Solving the ticket later invites nobody again: the chat's invitation was the one for this ticket.
      expect((await call(app, 'PATCH', `/api/v1/tickets/${ticketId}`, { as: ws.as, body: { status: 'solved' } })).statusCode).toBe(200);
      clock.advance(2 * 3_600_000);
      expect((await sweep(app, clock)).invited).toBe(0);
      socket.close();
    });

    it('no survey frame without an after-solve survey, and none for a chat tagged spam; solving a chat offers it too', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const quiet = await startChat(ws, 'Hello?');
      const ended = quiet.socket.next((f) => f.type === 'state' && f.state === 'ended');
      expect((await call(app, 'POST', `/api/v1/chats/${quiet.ticketId}/end`, { as: ws.as })).statusCode).toBe(204);
      await ended;
      // A ping answered after the end means the socket finished handling the ended chat.
      await quiet.socket.request({ type: 'ping' }, 'pong');
      expect(quiet.socket.frames.some((f) => f.type === 'survey')).toBe(false);

      await createSurvey(app, ws.as, { type: 'csat', settings: { send_after_solved: { enabled: true } } });
      const spam = await startChat(ws, 'Buy cheap watches');
      expect((await call(app, 'PATCH', `/api/v1/tickets/${spam.ticketId}`, { as: ws.as, body: { tags: ['spam'] } })).statusCode).toBe(200);
      const spamEnded = spam.socket.next((f) => f.type === 'state' && f.state === 'ended');
      expect((await call(app, 'POST', `/api/v1/chats/${spam.ticketId}/end`, { as: ws.as })).statusCode).toBe(204);
      await spamEnded;
      await spam.socket.request({ type: 'ping' }, 'pong');
      expect(spam.socket.frames.some((f) => f.type === 'survey')).toBe(false);

      const solved = await startChat(ws, 'My order is wrong');
      const offered = solved.socket.next<{ survey: ChatSurveyPrompt }>((f) => f.type === 'survey');
      expect((await call(app, 'PATCH', `/api/v1/tickets/${solved.ticketId}`, { as: ws.as, body: { status: 'solved' } })).statusCode).toBe(200);
      expect((await offered).survey.question.id).toBe('csat');
      for (const s of [quiet.socket, spam.socket, solved.socket]) s.close();
    });
  },
  { clock: () => clock },
);
