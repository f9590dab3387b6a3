import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { ingestDepsOf, rawMail } from '../../../../test/email-helpers.ts';
import { createWorkspace } from '../../../../test/factories.ts';
import { call, describeEngines } from '../../../../test/harness.ts';
import type { DiskStorage } from '../../../platform/storage.ts';
import { ingestEmail } from './email-ingest.service.ts';

/** Real-world MIME through the ingest service: charsets, encodings, multipart structures, attachments, HTML. */

const b64 = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');
const mid = () => `<${randomBytes(8).toString('hex')}@sender.example>`;

const charsetCases: [string, string, Buffer, string, string][] = [
  ['Thai TIS-620, 8bit', 'TIS-620', iconv.encode('สวัสดีครับ พัสดุยังไม่มาถึง', 'tis620'), '8bit', 'สวัสดีครับ พัสดุยังไม่มาถึง'],
  ['Thai windows-874, base64', 'windows-874', iconv.encode('ขอบคุณมากค่ะ', 'windows-874'), 'base64', 'ขอบคุณมากค่ะ'],
  ['Vietnamese windows-1258, quoted-printable', 'windows-1258', iconv.encode('Xin ch\u00e0o, ti\u00ea\u0301ng Vi\u00ea\u0323t', 'windows-1258'), 'quoted-printable', 'Xin chào, tiếng Việt'],
  ['Czech ISO-8859-2, quoted-printable', 'ISO-8859-2', iconv.encode('Příliš žluťoučký kůň úpěl ďábelské ódy', 'iso-8859-2'), 'quoted-printable', 'Příliš žluťoučký kůň úpěl ďábelské ódy'],
  ['Japanese ISO-2022-JP, 7bit', 'ISO-2022-JP', Buffer.from('\x1b$BF|K\\8l\x1b(B', 'latin1'), '7bit', '日本語'],
  ['UTF-8, base64', 'utf-8', Buffer.from('Dobrý den, ขอบคุณ, cảm ơn', 'utf8'), 'base64', 'Dobrý den, ขอบคุณ, cảm ơn'],
];

function qp(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) out += b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : b === 32 ? ' ' : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out.replace(/(.{70})/g, '$1=\r\n');
}

function encodeBody(bytes: Buffer, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(b64(bytes), 'latin1');
  if (encoding === 'quoted-printable') return Buffer.from(qp(bytes), 'latin1');
  return bytes;
}

describeEngines(
  'email ingest: real-world MIME',
  (get) => {
    it.each(charsetCases)('%s', async (_name, charset, bytes, encoding, expected) => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      // Encoded-word subject in the same charset family (RFC 2047, base64).
      const subject = `=?UTF-8?B?${Buffer.from(`Zpráva ${charset}`).toString('base64')}?=`;
      const raw = rawMail(
        { From: 'x@sender.example', Subject: subject, 'Message-ID': mid(), 'MIME-Version': '1.0', 'Content-Type': `text/plain; charset="${charset}"`, 'Content-Transfer-Encoding': encoding },
        encodeBody(bytes, encoding),
      );
      const r = await ingestEmail(ingestDepsOf(ctx), { workspaceId: ws.workspaceId, raw, envelope: { from: 'x@sender.example', to: [] }, source: 'imap' });
      const messages = (await call(ctx.app, 'GET', `/api/v1/tickets/${r.ticketId}/messages`, { as: ws.as })).json().data;
      expect(messages[0].body_text.normalize('NFC')).toBe(expected);
      const ticket = (await call(ctx.app, 'GET', `/api/v1/tickets/${r.ticketId}`, { as: ws.as })).json();
      expect(ticket.subject).toBe(`Zpráva ${charset}`);
    });

    it('reads multipart/alternative with related inline images and attachments, stores the files and the raw message', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const deps = ingestDepsOf(ctx);
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      const pdf = Buffer.from('%PDF-1.4 pretend invoice', 'latin1');
      const raw = rawMail(
        { From: '"Nguyễn Văn A" <a@sender.example>', To: 'support@acme.example', Subject: 'Invoice', 'Message-ID': mid(), 'MIME-Version': '1.0', 'Content-Type': 'multipart/mixed; boundary="mixed"' },
        [
          '--mixed',
          'Content-Type: multipart/alternative; boundary="alt"',
          '',
          '--alt',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          'See the logo and the invoice. Caf=C3=A9.',
          '--alt',
          'Content-Type: multipart/related; boundary="rel"',
          '',
          '--rel',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<html><head><script>alert(1)</script><style>p{}</style></head><body><p onclick="x()">See <b>the logo</b> <img src="cid:logo@acme"> and <a href="javascript:alert(1)">this</a>.</p><iframe src="https://evil.example"></iframe></body></html>',
          '--rel',
          'Content-Type: image/png',
          'Content-Transfer-Encoding: base64',
          'Content-ID: <logo@acme>',
          'Content-Disposition: inline; filename="logo.png"',
          '',
          b64(png),
          '--rel--',
          '--alt--',
          '--mixed',
          'Content-Type: application/pdf; name="faktura-č.1.pdf"',
          'Content-Transfer-Encoding: base64',
          'Content-Disposition: attachment; filename*=UTF-8\'\'faktura-%C4%8D.1.pdf',
          '',
          b64(pdf),
          '--mixed--',
          '',
        ].join('\r\n'),
      );
      const r = await ingestEmail(deps, { workspaceId: ws.workspaceId, raw, envelope: { from: 'a@sender.example', to: [] }, source: 'smtp' });
      const [message] = (await call(ctx.app, 'GET', `/api/v1/tickets/${r.ticketId}/messages`, { as: ws.as })).json().data;
      expect(message.body_text).toBe('See the logo and the invoice. Café.');
      expect(message.body_html).toContain('<img src="cid:logo@acme"');
      for (const unsafe of ['<script', 'onclick', 'javascript:', '<iframe', '<style']) expect(message.body_html).not.toContain(unsafe);
      expect(message.attachments).toEqual([
        expect.objectContaining({ filename: 'logo.png', content_type: 'image/png', size: png.length, content_id: 'logo@acme', storage_key: expect.any(String) }),
        expect.objectContaining({ filename: 'faktura-č.1.pdf', content_type: 'application/pdf', size: pdf.length, storage_key: expect.any(String) }),
      ]);
      const storage = deps.storage as DiskStorage;
      expect(await storage.get(ws.workspaceId, message.attachments[0].storage_key)).toEqual(png);
      expect(await storage.get(ws.workspaceId, message.attachments[1].storage_key)).toEqual(pdf);
      const customer = (await call(ctx.app, 'GET', `/api/v1/customers/${message.author_customer_id}`, { as: ws.as })).json();
      expect(customer.name).toBe('Nguyễn Văn A');
      // The raw message is kept byte for byte.
      const row = await ctx.database.db.selectFrom('email_messages').select('raw_key').where('workspace_id', '=', ws.workspaceId).where('message_id', '=', message.id).executeTakeFirstOrThrow();
      expect(await storage.get(ws.workspaceId, row.raw_key as string)).toEqual(raw);
    });

    it('folds quoted history and the signature for display, keeping the whole text', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const text = 'Yes, Tuesday works.\n\n-- \nJan Novák\n\nOn Mon, 2 Nov 2026 at 10:00, Acme <support@acme.example> wrote:\n> Would Tuesday work?\n';
      const raw = rawMail({ From: 'jan@sender.example', Subject: 'Re: Visit', 'Message-ID': mid(), 'Content-Type': 'text/plain; charset=utf-8' }, text);
      const r = await ingestEmail(ingestDepsOf(ctx), { workspaceId: ws.workspaceId, raw, envelope: { from: undefined, to: [] }, source: 'imap' });
      const [message] = (await call(ctx.app, 'GET', `/api/v1/tickets/${r.ticketId}/messages`, { as: ws.as })).json().data;
      expect(message.body_text).toContain('> Would Tuesday work?');
      expect(message.body_html).toBe(
        '<p>Yes, Tuesday works.</p><div data-gapwise-fold="signature"><p>-- <br>Jan Novák</p></div><div data-gapwise-fold="quote"><p>On Mon, 2 Nov 2026 at 10:00, Acme &lt;support@acme.example&gt; wrote:<br>&gt; Would Tuesday work?</p></div>',
      );
      expect(message.metadata.email.folded).toEqual({ quote: true, signature: true });
    });

    it('stores an attachment over the per-file limit as a listing only (its bytes stay in the raw message)', async () => {
      const ctx = get();
      const ws = await createWorkspace(ctx.app);
      const big = randomBytes(4096);
      const raw = rawMail(
        { From: 'x@sender.example', Subject: 'Big', 'Message-ID': mid(), 'Content-Type': 'multipart/mixed; boundary="b"' },
        ['--b', 'Content-Type: text/plain', '', 'see attached', '--b', 'Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="big.bin"', 'Content-Transfer-Encoding: base64', '', b64(big), '--b--', ''].join('\r\n'),
      );
      const r = await ingestEmail(ingestDepsOf(ctx, { emailMaxAttachmentBytes: 1024 }), { workspaceId: ws.workspaceId, raw, envelope: { from: undefined, to: [] }, source: 'imap' });
      const [message] = (await call(ctx.app, 'GET', `/api/v1/tickets/${r.ticketId}/messages`, { as: ws.as })).json().data;
      expect(message.attachments).toEqual([{ filename: 'big.bin', content_type: 'application/octet-stream', size: 4096 }]);
    });
  },
  { config: { GAPWISE_MAIL_DOMAIN: 'mail.gapwise.test' } },
);
