import { expect, it } from 'vitest';
import { createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import type { Mailer, OutgoingMail } from '../../platform/mailer.ts';
import { sendEmailMessage } from '../channels/email/email-outbound.service.ts';
import { cleanContentType, cleanFilename } from './attachment-upload.service.ts';

describeEngines(
  'attachment uploads',
  (get) => {
    it('uploads raw bytes, attaches them to a reply, and downloads them again', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const ticket = await createTicket(app, ws.as);
      const bytes = Buffer.from('%PDF-1.4 invoice 2026-001\n');
      const up = await call(app, 'POST', `/api/v1/uploads?filename=${encodeURIComponent('Hóa đơn 01.pdf')}`, {
        as: ws.as,
        body: bytes.toString('latin1'),
        headers: { 'content-type': 'application/pdf; name=x' },
      });
      expect(up.statusCode).toBe(201);
      const upload = up.json();
      expect(upload).toMatchObject({ filename: 'Hóa đơn 01.pdf', content_type: 'application/pdf', size: bytes.length });
      expect(upload.storage_key).toContain(`${ws.workspaceId}/`);
      // A JSON file is kept as bytes, not parsed.
      const json = await call(app, 'POST', '/api/v1/uploads?filename=data.json', { as: ws.as, body: '{"a":1}', headers: { 'content-type': 'application/json' } });
      expect(json.statusCode).toBe(201);
      expect(json.json()).toMatchObject({ content_type: 'application/json', size: 7 });

      const attachment = { filename: upload.filename, content_type: upload.content_type, size: upload.size, storage_key: upload.storage_key };
      const sent = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'Invoice attached.', attachments: [attachment] } });
      expect(sent.statusCode).toBe(201);
      expect(sent.json().attachments).toEqual([attachment]);
      const download = await call(app, 'GET', `/api/v1/tickets/${ticket.id}/messages/${sent.json().id}/attachments/0`, { as: ws.as });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.rawPayload.equals(bytes)).toBe(true);
    });

    it('sends an email reply’s uploaded files with the mail', async () => {
      const { app, config } = get();
      const ws = await createWorkspace(app);
      const ticket = await createTicket(app, ws.as, { channel: 'email', customer: { email: 'mail-customer@example.com', name: 'Mail Customer' } });
      const upload = (await call(app, 'POST', '/api/v1/uploads?filename=plan.txt', { as: ws.as, body: 'the plan', headers: { 'content-type': 'text/plain' } })).json();
      const reply = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
        as: ws.as,
        body: { kind: 'public_reply', body_text: 'Plan attached.', attachments: [{ filename: 'plan.txt', content_type: 'text/plain', size: upload.size, storage_key: upload.storage_key }] },
      });
      expect(reply.statusCode).toBe(201);
      const row = await app.deps.database.db.selectFrom('email_messages').select('id').where('message_id', '=', reply.json().id).executeTakeFirstOrThrow();
      const sent: OutgoingMail[] = [];
      const mailer: Mailer = {
        enabled: true,
        send: async (mail) => {
          sent.push(mail);
          return { messageId: mail.messageId ?? '<x@test>', accepted: mail.to, rejected: [] };
        },
        close: async () => {},
      };
      expect(await sendEmailMessage({ db: app.deps.database.db, mailer, clock: app.deps.clock, config }, ws.workspaceId, row.id)).toBe('sent');
      expect(sent[0]?.to).toEqual(['mail-customer@example.com']);
      expect(sent[0]?.attachments?.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['plan.txt', 'text/plain', 'the plan']]);
    });

    it('refuses keys of another workspace, keys never uploaded, empty and oversized files', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const other = await createWorkspace(app);
      const ticket = await createTicket(app, ws.as);
      const theirs = (await call(app, 'POST', '/api/v1/uploads?filename=a.txt', { as: other.as, body: 'secret of another workspace', headers: { 'content-type': 'text/plain' } })).json();
      const never = `${ws.workspaceId}/ab/${'ab'.padEnd(64, '0')}`;
      for (const storage_key of [theirs.storage_key, never, '../../etc/passwd']) {
        const res = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
          as: ws.as,
          body: { kind: 'public_reply', body_text: 'x', attachments: [{ filename: 'a.txt', content_type: 'text/plain', size: 1, storage_key }] },
        });
        expect(res.statusCode, storage_key).toBe(422);
        expect(res.json()).toMatchObject({ code: 'invalid_reference', issues: [{ path: 'body.attachments.0.storage_key' }] });
      }
      const newTicket = await call(app, 'POST', '/api/v1/tickets', {
        as: ws.as,
        body: { subject: 'x', customer: { email: 'c@example.com' }, message: { body_text: 'x', attachments: [{ filename: 'a', content_type: 'text/plain', size: 1, storage_key: theirs.storage_key }] } },
      });
      expect(newTicket.statusCode).toBe(422);
      expect((await call(app, 'GET', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as })).json().data).toHaveLength(1);

      const empty = await call(app, 'POST', '/api/v1/uploads?filename=e.txt', { as: ws.as, body: '', headers: { 'content-type': 'text/plain' } });
      expect(empty.statusCode).toBe(400);
      const big = await call(app, 'POST', '/api/v1/uploads?filename=big.bin', { as: ws.as, body: 'x'.repeat(2049), headers: { 'content-type': 'application/octet-stream' } });
      expect(big.statusCode).toBe(413);
      expect(big.json().code).toBe('payload_too_large');
      expect((await call(app, 'POST', '/api/v1/uploads', { as: ws.as, body: 'x', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(400);
      expect((await call(app, 'POST', '/api/v1/uploads?filename=a', { body: 'x', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(401);
    });
  },
  { config: { GAPWISE_UPLOAD_MAX_BYTES: '2048' } },
);

it('cleans file names and content types', () => {
  expect(cleanFilename('../../etc/passwd')).toBe('.._.._etc_passwd');
  expect(cleanFilename('a\u0000b\r\n.txt')).toBe('a_b__.txt');
  expect(cleanFilename('   ')).toBe('file');
  expect(cleanContentType('Image/PNG; charset=x')).toBe('image/png');
  expect(cleanContentType('not a type')).toBe('application/octet-stream');
  expect(cleanContentType(undefined)).toBe('application/octet-stream');
});
