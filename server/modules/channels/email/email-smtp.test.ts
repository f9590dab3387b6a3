import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestDepsOf, runSendJobs, startSmtpSink } from '../../../../test/email-helpers.ts';
import { createTicket, createWorkspace } from '../../../../test/factories.ts';
import { call, describeEngines, type TestContext } from '../../../../test/harness.ts';
import { createMailer, type Mailer } from '../../../platform/mailer.ts';
import { type SendDeps, sendEmailMessage } from './email-outbound.service.ts';
import { type SmtpListener, startSmtpListener } from './smtp-listener.ts';

/**
 * The real round trip: nodemailer → our SMTP listener → ticket → agent reply through the API →
 * the durable send job → a second smtp-server (the "relay") with threading headers → the
 * customer's answer to that reply comes back into the same ticket.
 */
const DOMAIN = 'mail.gapwise.test';
const sink = await startSmtpSink();
afterAll(() => sink.close());
const quiet = { info() {}, warn() {}, error() {} };

describeEngines(
  'email over SMTP, both ways',
  (get) => {
    let listener: SmtpListener;
    let mailer: Mailer;
    let deps: SendDeps;
    const done = new Set<string>();
    beforeAll(async () => {
      const ctx = get();
      listener = await startSmtpListener({ port: 0, host: '127.0.0.1', config: ctx.config, ingest: ingestDepsOf(ctx), logger: quiet });
      // The queue does not work jobs in tests; the send job's handler runs with a mailer on the sink (GAPWISE_SMTP_URL).
      mailer = createMailer({ smtpUrl: ctx.config.smtpUrl, from: ctx.config.mailFrom });
      deps = { db: ctx.database.db, mailer, clock: ctx.clock, config: ctx.config };
    });
    afterAll(async () => {
      await listener.close();
      await mailer.close();
    });
    const customerTransport = () => nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });

    async function messagesOf(ctx: TestContext, as: unknown, ticketId: string) {
      return (await call(ctx.app, 'GET', `/api/v1/tickets/${ticketId}/messages`, { as: as as never })).json().data;
    }

    it('mail in → ticket → acknowledgement and agent reply out with threading headers → customer reply joins the ticket', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      await call(ctx.app, 'PATCH', '/api/v1/workspaces/current', { as: ws.as, body: { name: 'Acme Care', default_locale: 'cs' } });
      const inbound = `${ws.slug}@${DOMAIN}`;
      const transport = customerTransport();
      const first = await transport.sendMail({ from: 'Petra Dvořáková <petra@customer.example>', to: inbound, subject: 'Reklamace', text: 'Dobrý den, pračka nefunguje.' });
      expect(first.accepted).toEqual([inbound]);

      const tickets = (await call(ctx.app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data;
      expect(tickets).toHaveLength(1);
      const ticket = tickets[0];
      expect(ticket).toMatchObject({ subject: 'Reklamace', channel: 'email' });

      // The acknowledgement: Czech (workspace default), marked auto-replied, threaded to the customer's mail.
      const before = sink.received.length;
      expect(await runSendJobs(deps, ws.workspaceId, done)).toEqual(['sent']);
      const [ack] = (await sink.waitFor(before + 1)).slice(before);
      expect(ack?.to).toEqual(['petra@customer.example']);
      expect(ack?.parsed.subject).toContain(`#${ticket.number}`);
      expect(ack?.parsed.subject).toContain('jsme přijali');
      expect(ack?.parsed.headers.get('auto-submitted')).toBe('auto-replied');
      expect(ack?.parsed.inReplyTo).toBe(first.messageId);

      // The agent answers through the API.
      const posted = await call(ctx.app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as, body: { body_text: 'Dobrý den, technik přijde v úterý.' } });
      expect(posted.statusCode).toBe(201);
      expect(posted.json().delivery).toMatchObject({ channel: 'email', status: 'queued', attempts: 0 });
      expect(await runSendJobs(deps, ws.workspaceId, done)).toEqual(['sent']);
      const [reply] = (await sink.waitFor(before + 2)).slice(before + 1);
      if (!reply) throw new Error('no reply');
      const check = ticket.id.replace(/-/g, '').slice(-6);
      expect(reply.to).toEqual(['petra@customer.example']);
      expect(reply.parsed.from?.value[0]).toEqual({ name: 'Acme Care', address: inbound });
      expect(reply.parsed.replyTo?.value[0]?.address).toBe(`${ws.slug}+t${ticket.number}-${check}@${DOMAIN}`);
      expect(reply.parsed.subject).toBe(`Re: Reklamace [#${ticket.number}-${check}]`);
      expect(reply.parsed.text?.trim()).toBe('Dobrý den, technik přijde v úterý.');
      expect(reply.parsed.inReplyTo).toBe(first.messageId);
      const references = ([] as string[]).concat(reply.parsed.references ?? []);
      expect(references.at(-1)).toBe(first.messageId);
      expect(references).toContain(ack?.parsed.messageId);
      expect(reply.parsed.messageId).toMatch(new RegExp(`@${DOMAIN.replace(/\./g, '\\.')}>$`));
      let messages = await messagesOf(ctx, ws.as, ticket.id);
      expect(messages[1].delivery).toMatchObject({ status: 'sent', attempts: 1, error: null });

      // The customer answers the reply (her client keeps the headers) → same ticket.
      await transport.sendMail({
        from: 'petra@customer.example',
        to: reply.parsed.replyTo?.value[0]?.address,
        subject: `Re: ${reply.parsed.subject}`,
        text: 'Děkuji, v úterý jsem doma.\n\nDne út 3. 11. 2026 Acme Care napsal(a):\n> Dobrý den, technik přijde v úterý.',
        inReplyTo: reply.parsed.messageId,
        references: [...references, reply.parsed.messageId as string],
      });
      messages = await messagesOf(ctx, ws.as, ticket.id);
      expect(messages.map((m: { kind: string }) => m.kind)).toEqual(['customer', 'public_reply', 'customer']);
      expect(messages[2].body_html).toContain('data-gapwise-fold="quote"');
      expect((await call(ctx.app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data).toHaveLength(1);
      // No acknowledgement for a reply on an existing ticket.
      expect(await runSendJobs(deps, ws.workspaceId, done)).toEqual([]);
      transport.close();
    });

    it('refuses unknown recipients with 550 and accepts a workspace by its own mail domain', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      await call(ctx.app, 'PATCH', '/api/v1/workspaces/current', { as: ws.as, body: { mail_domain: `${ws.slug}.example` } });
      const transport = customerTransport();
      const refused = await transport.sendMail({ from: 'a@customer.example', to: `nobody-${ws.slug}@${DOMAIN}`, subject: 'x', text: 'x' }).catch((e: { responseCode?: number }) => e);
      expect(refused).toMatchObject({ responseCode: 550 });
      const sent = await transport.sendMail({ from: 'a@customer.example', to: [`support@${ws.slug}.example`, `someone@elsewhere.example`], subject: 'By domain', text: 'hi' });
      expect(sent.accepted).toEqual([`support@${ws.slug}.example`]);
      expect(sent.rejected).toEqual(['someone@elsewhere.example']);
      const tickets = (await call(ctx.app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data;
      expect(tickets.map((t: { subject: string }) => t.subject)).toEqual(['By domain']);
      transport.close();
    });

    it('shows a failed delivery on the message and in the ticket events; retries temporary failures', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const reply = async (email: string) => {
        const ticket = await createTicket(ctx.app, ws.as, { channel: 'email', customer: { email, name: 'X' } });
        const message = (await call(ctx.app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as, body: { body_text: 'Answer' } })).json();
        const row = await ctx.database.db.selectFrom('email_messages').select('id').where('workspace_id', '=', ws.workspaceId).where('message_id', '=', message.id).executeTakeFirstOrThrow();
        return { ticket, message, rowId: row.id };
      };

      const rejected = await reply('reject@customer.example');
      expect(await sendEmailMessage(deps, ws.workspaceId, rejected.rowId)).toBe('failed');
      expect(await sendEmailMessage(deps, ws.workspaceId, rejected.rowId)).toBe('already_done');
      const [shown] = (await messagesOf(ctx, ws.as, rejected.ticket.id)).filter((m: { kind: string }) => m.kind === 'public_reply');
      expect(shown.delivery).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('550') });
      const events = (await call(ctx.app, 'GET', `/api/v1/tickets/${rejected.ticket.id}/events?limit=100`, { as: ws.as })).json().data;
      expect(events.find((e: { type: string }) => e.type === 'email_delivery_failed')).toMatchObject({ actor_type: 'system', data: { message_id: rejected.message.id, status: 'failed' } });

      const deferred = await reply('defer@customer.example');
      for (let attempt = 1; attempt <= 5; attempt++) {
        await expect(sendEmailMessage(deps, ws.workspaceId, deferred.rowId)).rejects.toThrow(/temporary/);
      }
      expect(await sendEmailMessage(deps, ws.workspaceId, deferred.rowId)).toBe('failed');
      const [last] = (await messagesOf(ctx, ws.as, deferred.ticket.id)).filter((m: { kind: string }) => m.kind === 'public_reply');
      expect(last.delivery).toMatchObject({ status: 'failed', attempts: 6 });

      const unconfigured = await reply('someone@customer.example');
      const off = { ...deps, mailer: createMailer({ smtpUrl: undefined, from: ctx.config.mailFrom }) };
      expect(await sendEmailMessage(off, ws.workspaceId, unconfigured.rowId)).toBe('not_sent');
      const [notSent] = (await messagesOf(ctx, ws.as, unconfigured.ticket.id)).filter((m: { kind: string }) => m.kind === 'public_reply');
      expect(notSent.delivery).toMatchObject({ status: 'not_sent', error: expect.stringContaining('GAPWISE_SMTP_URL') });
      // Internal notes and replies on phone tickets go nowhere.
      const phone = await createTicket(ctx.app, ws.as, { channel: 'phone', customer: { email: 'p@customer.example', name: 'P' } });
      const note = (await call(ctx.app, 'POST', `/api/v1/tickets/${phone.id}/messages`, { as: ws.as, body: { body_text: 'called back' } })).json();
      expect(note.delivery).toBeNull();
    });
  },
  { config: { GAPWISE_MAIL_DOMAIN: DOMAIN, GAPWISE_SMTP_URL: sink.url } },
);
