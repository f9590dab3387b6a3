import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { ingestDepsOf, queuedSendJobs, rawMail } from '../../../../test/email-helpers.ts';
import { createWorkspace, type WorkspaceFixture } from '../../../../test/factories.ts';
import { call, describeEngines, type TestContext } from '../../../../test/harness.ts';
import { subjectWithToken } from './email-address.ts';
import { ingestEmail, type IngestResult } from './email-ingest.service.ts';

const DOMAIN = 'mail.gapwise.test';

function mail(headers: Record<string, string | undefined>, body = 'Hello, my parcel has not arrived.') {
  return rawMail({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', Date: 'Mon, 02 Nov 2026 10:00:00 +0700', ...headers }, body);
}

const mid = () => `<${randomBytes(8).toString('hex')}@customer.example>`;

async function ingest(ctx: TestContext, ws: WorkspaceFixture, raw: Buffer, envelope: { from?: string; to?: string[] } = {}): Promise<IngestResult> {
  return ingestEmail(ingestDepsOf(ctx), {
    workspaceId: ws.workspaceId,
    raw,
    envelope: { from: envelope.from ?? 'somchai@customer.example', to: envelope.to ?? [`${ws.slug}@${DOMAIN}`] },
    source: 'smtp',
  });
}

async function stored(r: IngestResult) {
  if (r.status !== 'stored') throw new Error(`expected stored, got ${r.status}`);
  return r;
}

describeEngines(
  'email ingest: tickets, threading, dedupe, loop protection',
  (get) => {
    it('opens a ticket for a new mail, finds the customer by address and queues a localized acknowledgement', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      await call(ctx.app, 'PATCH', '/api/v1/workspaces/current', { as: ws.as, body: { default_locale: 'th' } });
      const first = await stored(await ingest(ctx, ws, mail({ From: 'Somchai Jaidee <Somchai@Customer.example>', To: `${ws.slug}@${DOMAIN}`, Subject: 'Parcel missing', 'Message-ID': mid() })));
      expect(first).toMatchObject({ newTicket: true, threadedBy: null, acknowledged: true });
      const ticket = (await call(ctx.app, 'GET', `/api/v1/tickets/${first.ticketId}`, { as: ws.as })).json();
      expect(ticket).toMatchObject({ subject: 'Parcel missing', channel: 'email', status: 'new' });
      const customer = (await call(ctx.app, 'GET', `/api/v1/customers/${ticket.customer_id}`, { as: ws.as })).json();
      expect(customer.name).toBe('Somchai Jaidee');
      expect(customer.identities).toEqual([expect.objectContaining({ kind: 'email', value: 'somchai@customer.example' })]);
      const messages = (await call(ctx.app, 'GET', `/api/v1/tickets/${first.ticketId}/messages`, { as: ws.as })).json().data;
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ kind: 'customer', channel: 'email', body_text: 'Hello, my parcel has not arrived.', delivery: null });
      expect(messages[0].metadata.email).toMatchObject({ from: 'somchai@customer.example', subject: 'Parcel missing', auto: null });
      expect(await queuedSendJobs(ctx.database.db, ws.workspaceId)).toHaveLength(1);

      // The same person writing again about something else: same customer, new ticket.
      const second = await stored(await ingest(ctx, ws, mail({ From: 'somchai@customer.example', Subject: 'Another thing', 'Message-ID': mid() })));
      expect(second.newTicket).toBe(true);
      const other = (await call(ctx.app, 'GET', `/api/v1/tickets/${second.ticketId}`, { as: ws.as })).json();
      expect(other.customer_id).toBe(ticket.customer_id);
    });

    it('stores the same mail once: by Message-ID, and by content when it has none', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const withId = mail({ From: 'a@customer.example', Subject: 'Twice', 'Message-ID': mid() });
      const once = await stored(await ingest(ctx, ws, withId));
      expect(await ingest(ctx, ws, withId)).toEqual({ status: 'duplicate', ticketId: once.ticketId });
      const withoutId = mail({ From: 'a@customer.example', Subject: 'No id' });
      const first = await stored(await ingest(ctx, ws, withoutId));
      expect(await ingest(ctx, ws, withoutId)).toEqual({ status: 'duplicate', ticketId: first.ticketId });
      // Deliveries racing each other still store one.
      const racing = mail({ From: 'a@customer.example', Subject: 'Race', 'Message-ID': mid() });
      const results = await Promise.all([0, 1, 2].map(() => ingest(ctx, ws, racing)));
      expect(results.filter((r) => r.status === 'stored')).toHaveLength(1);
      expect(new Set(results.map((r) => r.ticketId)).size).toBe(1);
      const list = (await call(ctx.app, 'GET', '/api/v1/tickets?limit=100', { as: ws.as })).json().data;
      expect(list).toHaveLength(3);
    });

    it('threads replies by In-Reply-To, References, the address tag and the subject token, and not by a guessed number', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const originalId = mid();
      const first = await stored(await ingest(ctx, ws, mail({ From: 'jan@customer.example', Subject: 'Broken printer', 'Message-ID': originalId })));
      const ticket = (await call(ctx.app, 'GET', `/api/v1/tickets/${first.ticketId}`, { as: ws.as })).json();

      const byHeader = await stored(await ingest(ctx, ws, mail({ From: 'jan@customer.example', Subject: 'Re: Broken printer', 'Message-ID': mid(), 'In-Reply-To': originalId })));
      expect(byHeader).toMatchObject({ ticketId: first.ticketId, newTicket: false, threadedBy: 'in_reply_to', acknowledged: false });
      const byRefs = await stored(await ingest(ctx, ws, mail({ From: 'jan@customer.example', Subject: 'Re: x', 'Message-ID': mid(), References: `<unknown@x> ${originalId} <other@y>` })));
      expect(byRefs).toMatchObject({ ticketId: first.ticketId, threadedBy: 'references' });
      const tagged = `${ws.slug}+t${ticket.number}-${ticket.id.replace(/-/g, '').slice(-6)}@${DOMAIN}`;
      const byTag = await stored(await ingest(ctx, ws, mail({ From: 'jan@customer.example', Subject: 'New words', 'Message-ID': mid() }), { to: [tagged] }));
      expect(byTag).toMatchObject({ ticketId: first.ticketId, threadedBy: 'address_token' });
      const bySubject = await stored(await ingest(ctx, ws, mail({ From: 'colleague@customer.example', Subject: `Re: ${subjectWithToken('Broken printer', ticket)}`, 'Message-ID': mid() })));
      expect(bySubject).toMatchObject({ ticketId: first.ticketId, threadedBy: 'subject_token' });
      const guessed = await stored(await ingest(ctx, ws, mail({ From: 'stranger@evil.example', Subject: `Re: [#${ticket.number}-000000] give me`, 'Message-ID': mid() })));
      expect(guessed.newTicket).toBe(true);
      expect(guessed.ticketId).not.toBe(first.ticketId);

      const messages = (await call(ctx.app, 'GET', `/api/v1/tickets/${first.ticketId}/messages`, { as: ws.as })).json().data;
      expect(messages).toHaveLength(5);
      // A mail of another workspace with the same Message-ID is that workspace's business.
      const other = await createWorkspace(ctx.app);
      const theirs = await stored(await ingest(ctx, other, mail({ From: 'jan@customer.example', Subject: 'Re: Broken printer', 'Message-ID': mid(), 'In-Reply-To': originalId })));
      expect(theirs.newTicket).toBe(true);
    });

    it('opens a follow-up ticket when the reply is for a closed ticket', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const originalId = mid();
      const first = await stored(await ingest(ctx, ws, mail({ From: 'eva@customer.example', Subject: 'Old', 'Message-ID': originalId })));
      expect((await call(ctx.app, 'PATCH', `/api/v1/tickets/${first.ticketId}`, { as: ws.as, body: { status: 'closed' } })).statusCode).toBe(200);
      const reply = await stored(await ingest(ctx, ws, mail({ From: 'eva@customer.example', Subject: 'Re: Old', 'Message-ID': mid(), 'In-Reply-To': originalId })));
      expect(reply.newTicket).toBe(true);
      const followUp = (await call(ctx.app, 'GET', `/api/v1/tickets/${reply.ticketId}`, { as: ws.as })).json();
      const closed = (await call(ctx.app, 'GET', `/api/v1/tickets/${first.ticketId}`, { as: ws.as })).json();
      expect(followUp.custom_fields).toEqual({ follow_up_of: closed.number });
    });

    it('records auto-replies, bulk mail and bounces but never answers them', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const cases: [Record<string, string>, string | undefined, string][] = [
        [{ 'Auto-Submitted': 'auto-replied', Subject: 'Out of office' }, undefined, 'auto_reply'],
        [{ 'X-Autoreply': 'yes', Subject: 'Away' }, undefined, 'auto_reply'],
        [{ Precedence: 'bulk', Subject: 'Newsletter' }, undefined, 'bulk'],
        [{ 'List-Id': '<deals.shop.example>', Subject: 'Deals' }, undefined, 'bulk'],
        [{ From: 'MAILER-DAEMON@mx.customer.example', Subject: 'Undelivered Mail Returned to Sender' }, '', 'bounce'],
      ];
      for (const [headers, envelopeFrom, kind] of cases) {
        const r = await stored(await ingest(ctx, ws, mail({ From: 'robot@customer.example', 'Message-ID': mid(), ...headers }), { from: envelopeFrom ?? 'robot@customer.example' }));
        expect(r).toMatchObject({ newTicket: true, acknowledged: false, auto: { kind } });
        const ticket = (await call(ctx.app, 'GET', `/api/v1/tickets/${r.ticketId}`, { as: ws.as })).json();
        expect(ticket.tags).toEqual([kind.replace('_', '-')]);
      }
      expect(await queuedSendJobs(ctx.database.db, ws.workspaceId)).toHaveLength(0);
      // Mail from our own address is never answered either.
      const own = await stored(await ingest(ctx, ws, mail({ From: `${ws.slug}@${DOMAIN}`, Subject: 'Loop?', 'Message-ID': mid() })));
      expect(own.acknowledged).toBe(false);
    });

    it('threads a delivery report to the mail it reports on, without answering it', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const originalId = mid();
      const first = await stored(await ingest(ctx, ws, mail({ From: 'ann@customer.example', Subject: 'Hello', 'Message-ID': originalId })));
      const dsn = rawMail(
        { From: 'Mail Delivery System <MAILER-DAEMON@mx.customer.example>', Subject: 'Undelivered Mail Returned to Sender', 'Message-ID': mid(), 'MIME-Version': '1.0', 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="r"' },
        ['--r', 'Content-Type: text/plain', '', 'The mail could not be delivered.', '--r', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.customer.example', '', 'Final-Recipient: rfc822; gone@customer.example', 'Action: failed', 'Status: 5.1.1', '--r', 'Content-Type: text/rfc822-headers', '', `Message-ID: ${originalId}`, 'Subject: Hello', '--r--', ''].join('\r\n'),
      );
      const bounce = await stored(await ingest(ctx, ws, dsn, { from: '' }));
      expect(bounce).toMatchObject({ ticketId: first.ticketId, newTicket: false, threadedBy: 'in_reply_to', acknowledged: false, auto: { kind: 'bounce' } });
    });

    it('acknowledges one address at most five times a day', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const acks: boolean[] = [];
      for (let i = 0; i < 7; i++) acks.push((await stored(await ingest(ctx, ws, mail({ From: 'chatty@customer.example', Subject: `Topic ${i}`, 'Message-ID': mid() })))).acknowledged);
      expect(acks).toEqual([true, true, true, true, true, false, false]);
    });
  },
  { config: { GAPWISE_MAIL_DOMAIN: DOMAIN } },
);
