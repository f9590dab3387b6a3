import { expect, it } from 'vitest';
import { ingestDepsOf, rawMail } from '../../../test/email-helpers.ts';
import { addUser, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { storageFor } from '../../platform/storage.ts';
import { ingestEmail } from '../channels/email/email-ingest.service.ts';

/** Attachments stored by a channel (here: a mail) are downloadable by agents of the workspace, safely typed. */
describeEngines('message attachments', (get) => {
  it('serves images inline and anything else (HTML included) as a download; other workspaces and bad indexes are 404', async () => {
    const ctx = get();
    const ws = await createWorkspace(ctx.app);
    const agent = await addUser(ctx.app, ws, 'agent');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const html = Buffer.from('<html><script>alert(1)</script></html>', 'utf8');
    const boundary = 'b0undary';
    const body = [
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Photo of the damaged parcel and the shop page attached.',
      `--${boundary}`,
      'Content-Type: image/png; name="parcel.png"',
      'Content-Disposition: attachment; filename="parcel.png"',
      'Content-Transfer-Encoding: base64',
      '',
      png.toString('base64'),
      `--${boundary}`,
      'Content-Type: text/html; name="page.html"',
      'Content-Disposition: attachment; filename="page.html"',
      'Content-Transfer-Encoding: base64',
      '',
      html.toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const raw = rawMail(
      { From: 'buyer@example.com', Subject: 'Damaged parcel', 'Message-ID': `<att-${ws.slug}@example.com>`, 'MIME-Version': '1.0', 'Content-Type': `multipart/mixed; boundary="${boundary}"` },
      body,
    );
    const deps = { ...ingestDepsOf(ctx), storage: storageFor(ctx.config) };
    const { ticketId } = await ingestEmail(deps, { workspaceId: ws.workspaceId, raw, envelope: { from: 'buyer@example.com', to: [] }, source: 'imap' });
    const [message] = (await call(ctx.app, 'GET', `/api/v1/tickets/${ticketId}/messages`, { as: agent.as })).json<{ data: { id: string; attachments: { filename: string }[] }[] }>().data;
    if (!message) throw new Error('no message');
    const index = (name: string) => message.attachments.findIndex((a) => a.filename === name);
    const url = (i: number) => `/api/v1/tickets/${ticketId}/messages/${message.id}/attachments/${i}`;

    const image = await call(ctx.app, 'GET', url(index('parcel.png')), { as: agent.as });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toBe("inline; filename*=UTF-8''parcel.png");
    expect(image.rawPayload.equals(png)).toBe(true);

    const page = await call(ctx.app, 'GET', url(index('page.html')), { as: agent.as });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('application/octet-stream');
    expect(page.headers['content-disposition']).toMatch(/^attachment;/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.rawPayload.equals(html)).toBe(true);

    expect((await call(ctx.app, 'GET', url(9), { as: agent.as })).json()).toMatchObject({ status: 404, code: 'not_found' });
    expect((await call(ctx.app, 'GET', url(0), { as: null })).statusCode).toBe(401);
    const other = await createWorkspace(ctx.app);
    expect((await call(ctx.app, 'GET', url(0), { as: other.as })).statusCode).toBe(404);

    // The original mail, byte for byte.
    const original = await call(ctx.app, 'GET', `/api/v1/tickets/${ticketId}/messages/${message.id}/raw`, { as: agent.as });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('message/rfc822');
    expect(original.rawPayload.equals(raw)).toBe(true);
    expect((await call(ctx.app, 'GET', `/api/v1/tickets/${ticketId}/messages/${message.id}/raw`, { as: other.as })).statusCode).toBe(404);
  });
});
