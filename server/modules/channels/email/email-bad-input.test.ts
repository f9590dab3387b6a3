import net from 'node:net';
import { gzipSync } from 'node:zlib';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestDepsOf } from '../../../../test/email-helpers.ts';
import { createWorkspace, type WorkspaceFixture } from '../../../../test/factories.ts';
import { call, describeEngines } from '../../../../test/harness.ts';
import type { DiskStorage } from '../../../platform/storage.ts';
import type { IngestDeps } from './email-ingest.service.ts';
import { type SmtpListener, startSmtpListener } from './smtp-listener.ts';
import { seededRandom } from '../../../../test/seeded-random.ts';

/**
 * Hostile and broken mail over real SMTP: each one is stored safely or refused with an SMTP
 * error and a logged reason; never a crash, never a silent drop, never stored twice.
 */
const DOMAIN = 'mail.gapwise.test';


function fuzzMessage(rand: () => number, i: number): Buffer {
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)] as T;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
  const boundary = `b${Math.floor(rand() * 1e6)}`;
  const headers = [
    `X-Fuzz: ${i}`,
    pick([`From: fuzz${i}@sender.example`, 'From: <<<@@>>>', 'From:', `From: "unterminated <x${i}@sender.example`, '']),
    pick([`Message-ID: <fuzz-${i}@sender.example>`, 'Message-ID: not-an-id', '', `Message-ID: <${'x'.repeat(2000)}-${i}@y>`]),
    pick(['Subject: =?UTF-8?B?!!!notbase64?=', `Subject: ${'long '.repeat(3000)}`, 'Subject: plain', 'Subject: =?x-unknown?Q?abc?=', '']),
    pick([
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      'Content-Type: multipart/alternative',
      'Content-Type: text/plain; charset=x-no-such-charset',
      'Content-Type: text/html',
      'Content-Type: ;;;===',
      'Content-Type: message/rfc822',
      '',
    ]),
    pick(['Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: quoted-printable', 'Content-Transfer-Encoding: x-uuencode', '']),
    pick(['header line without a colon', `In-Reply-To: <fuzz-${Math.floor(rand() * i)}@sender.example>`, 'References: <<<>>>', '']),
  ].filter(Boolean);
  const bodies: (() => Buffer)[] = [
    () => bytes(200 + Math.floor(rand() * 2000)),
    () => Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\npart one\r\n--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!@@@###\r\n`),
    () => Buffer.from(`${Array.from({ length: 60 }, (_, d) => `--n${d}\r\nContent-Type: multipart/mixed; boundary="n${d + 1}"\r\n\r\n`).join('')}deep\r\n`),
    () => Buffer.from('=ZZ=\r\n=\r\n=4', 'latin1'),
    () => Buffer.from(`<script>alert(${i})</script><img src=x onerror=alert(1)><p>hi</p>`),
    () => Buffer.concat([Buffer.from('nul\u0000byte '), bytes(50)]),
    () => Buffer.from('x'.repeat(20_000)),
    () => Buffer.alloc(0),
  ];
  const separator = rand() < 0.1 ? '\r\n' : '\r\n\r\n';
  return Buffer.concat([Buffer.from(headers.join('\r\n'), 'latin1'), Buffer.from(separator), pick(bodies)(), Buffer.from('\r\n')]);
}

/** Speaks SMTP by hand: returns the reply code to MAIL FROM with a declared SIZE. */
async function mailFromWithSize(port: number, size: number): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  const next = () =>
    new Promise<string>((resolve) => {
      const check = () => {
        const end = buffer.search(/^\d{3} .*\r\n/m);
        if (end < 0) return false;
        const match = /^(\d{3}) .*\r\n/m.exec(buffer) as RegExpExecArray;
        const upto = buffer.indexOf(match[0]) + match[0].length;
        replies.push(buffer.slice(0, upto));
        buffer = buffer.slice(upto);
        resolve(match[0].trim());
        return true;
      };
      if (check()) return;
      const onData = (d: Buffer) => {
        buffer += d.toString();
        if (check()) socket.off('data', onData);
      };
      socket.on('data', onData);
    });
  await next();
  socket.write('EHLO fuzz.example\r\n');
  const ehlo = await next();
  socket.write(`MAIL FROM:<big@sender.example> SIZE=${size}\r\n`);
  const answer = await next();
  socket.end('QUIT\r\n');
  expect(replies.join('')).toMatch(/250[- ]SIZE \d+/);
  return `${ehlo.slice(0, 3)} ${answer}`;
}

describeEngines(
  'email bad input over SMTP',
  (get) => {
    let listener: SmtpListener;
    let ingest: IngestDeps;
    const logged: { reason?: string; code?: number }[] = [];
    let ws: WorkspaceFixture;
    let inbound: string;
    beforeAll(async () => {
      const ctx = get();
      ingest = ingestDepsOf(ctx);
      listener = await startSmtpListener({
        port: 0,
        host: '127.0.0.1',
        config: ctx.config,
        ingest,
        logger: { info() {}, warn: (obj: object) => logged.push(obj), error: (obj: object) => logged.push(obj) },
      });
      ws = await createWorkspace(ctx.app);
      inbound = `${ws.slug}@${DOMAIN}`;
    });
    afterAll(() => listener.close());
    const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    const inboundRows = async () =>
      Number((await get().database.db.selectFrom('email_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', ws.workspaceId).where('direction', '=', 'in').executeTakeFirstOrThrow()).n);

    it('refuses a 50 MB message with 552, declared (SIZE) or not, and logs why', async () => {
      expect(await mailFromWithSize(listener.port, 50 * 1_048_576)).toMatch(/^250 552 /);
      const t = transport();
      const big = Buffer.concat([Buffer.from(`From: big@sender.example\r\nTo: ${inbound}\r\nSubject: huge\r\n\r\n`), Buffer.alloc(50 * 1_048_576, 'a')]);
      const error = await t.sendMail({ envelope: { from: 'big@sender.example', to: [inbound] }, raw: big }).catch((e: { responseCode?: number }) => e);
      expect(error).toMatchObject({ responseCode: 552 });
      expect(logged.at(-1)).toMatchObject({ code: 552, reason: expect.stringContaining('too big') });
      expect(await inboundRows()).toBe(0);
      t.close();
    }, 60_000);

    it('takes a message with 1,000 recipients once, for the recipients that are ours', async () => {
      const t = transport();
      const strangers = Array.from({ length: 999 }, (_, i) => `person${i}@elsewhere.example`);
      const sent = await t.sendMail({ from: 'spam@sender.example', to: [...strangers.slice(0, 500), inbound, ...strangers.slice(500)], subject: 'Many', text: 'hello all' });
      expect(sent.accepted).toEqual([inbound]);
      expect(sent.rejected).toHaveLength(999);
      // 1,000 addresses that all reach the workspace: the first 100 are taken (452 for the rest), stored once.
      const ours = Array.from({ length: 1000 }, (_, i) => `${ws.slug}+r${i}@${DOMAIN}`);
      const many = await t.sendMail({ from: 'spam@sender.example', to: ours, subject: 'Many of ours', text: 'hello' });
      expect(many.accepted).toHaveLength(100);
      expect(many.rejected).toHaveLength(900);
      const tickets = (await call(get().app, 'GET', '/api/v1/tickets?limit=100', { as: ws.as })).json().data;
      expect(tickets.map((x: { subject: string }) => x.subject).sort()).toEqual(['Many', 'Many of ours']);
      t.close();
    }, 60_000);

    it('stores a zip bomb as the bytes it is (never unpacked) and scripts never reach the display HTML', async () => {
      const ctx = get();
      const t = transport();
      const bomb = gzipSync(Buffer.alloc(50 * 1_048_576));
      await t.sendMail({
        from: 'mallory@sender.example',
        to: inbound,
        subject: 'Open me',
        html: '<p>Hi</p><script>fetch("/api/v1/session")</script><img src="x" onerror="alert(1)"><svg onload="alert(2)"></svg><a href="javascript:alert(3)">x</a><form action="https://evil.example"><input name="p"></form>',
        attachments: [{ filename: 'bomb.zip', content: bomb, contentType: 'application/zip' }],
      });
      const ticket = (await call(ctx.app, 'GET', '/api/v1/tickets?limit=100', { as: ws.as })).json().data.find((x: { subject: string }) => x.subject === 'Open me');
      const [message] = (await call(ctx.app, 'GET', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as })).json().data;
      for (const bad of ['<script', 'onerror', 'onload', 'javascript:', '<form', '<input', '<svg']) expect(message.body_html).not.toContain(bad);
      expect(message.body_html).toContain('<p>Hi</p>');
      expect(message.attachments).toEqual([expect.objectContaining({ filename: 'bomb.zip', content_type: 'application/zip', size: bomb.length })]);
      expect(await (ingest.storage as DiskStorage).get(ws.workspaceId, message.attachments[0].storage_key)).toEqual(bomb);
      t.close();
    });

    it('stores mail without headers, with 8-bit garbage and with broken MIME', async () => {
      const ctx = get();
      const t = transport();
      const cases = [
        Buffer.from('no headers at all, just words\r\n'),
        Buffer.concat([Buffer.from('Subject: caf\xe9 \xff\xfe\r\nFrom: \x80\x81@\xfe\r\n\r\n', 'latin1'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x00, 0x41])]),
        Buffer.from('Subject: broken multipart\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nunterminated part\r\n'),
      ];
      const before = await inboundRows();
      for (const raw of cases) {
        const info = await t.sendMail({ envelope: { from: 'odd@sender.example', to: [inbound] }, raw });
        expect(info.accepted).toEqual([inbound]);
      }
      expect(await inboundRows()).toBe(before + cases.length);
      const subjects = (await call(ctx.app, 'GET', '/api/v1/tickets?limit=100', { as: ws.as })).json().data.map((x: { subject: string }) => x.subject);
      expect(subjects).toEqual(expect.arrayContaining(['(no subject)', 'broken multipart']));
      t.close();
    });

    it('fuzz: 80 malformed messages — the listener stays up and accepted + refused = sent, each stored at most once', async () => {
      const rand = seededRandom(20261123);
      const t = transport();
      const before = { rows: await inboundRows(), ...listener.stats };
      let accepted = 0;
      let refused = 0;
      const sent = 80;
      for (let i = 0; i < sent; i++) {
        const raw = fuzzMessage(rand, i);
        const result = await t.sendMail({ envelope: { from: `fuzz${i}@sender.example`, to: [inbound] }, raw }).then(
          () => 'accepted' as const,
          (error: { responseCode?: number }) => {
            if (!error.responseCode || error.responseCode < 400) throw error;
            return 'refused' as const;
          },
        );
        if (result === 'accepted') accepted++;
        else refused++;
      }
      expect(accepted + refused).toBe(sent);
      expect(listener.stats.accepted - before.accepted).toBe(accepted);
      expect(listener.stats.refused - before.refused).toBe(refused);
      // Every accepted mail is in exactly one row (each fuzz message is unique), none twice.
      expect((await inboundRows()) - before.rows).toBe(accepted - (listener.stats.duplicates - before.duplicates));
      expect(accepted).toBeGreaterThan(sent * 0.9);
      // Still up: a normal mail goes through.
      const ok = await t.sendMail({ from: 'calm@sender.example', to: inbound, subject: 'after the storm', text: 'ok' });
      expect(ok.accepted).toEqual([inbound]);
      t.close();
    }, 120_000);
  },
  { config: { GAPWISE_MAIL_DOMAIN: DOMAIN } },
);
