import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { AddressObject, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, MailDeliveryError, MailNotConfiguredError, toDeliveryError } from './mailer.ts';
import type { Mailer } from './mailer.ts';

/**
 * A real SMTP conversation with an in-process smtp-server on loopback; what
 * it receives is parsed back with mailparser. Recipients whose local part is
 * `reject` get 550 and `defer` get 451, so one server covers every reply.
 */
interface Received {
  mailFrom: string;
  rcptTo: string[];
  user: string | undefined;
  raw: string;
  parsed: ParsedMail;
}

const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'relay@example.com' && auth.password === 'p@ss:word') return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const local = address.address.split('@')[0];
      if (local === 'reject') return callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
      if (local === 'defer') return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              user: typeof session.user === 'string' ? session.user : undefined,
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const mailers: Mailer[] = [];
function mailerFor(smtpUrl: string | undefined, from = 'Gapwise Support <support@help.example.com>'): Mailer {
  const mailer = createMailer({ smtpUrl, from });
  mailers.push(mailer);
  return mailer;
}
const relay = () => mailerFor(`smtp://relay%40example.com:p%40ss%3Aword@127.0.0.1:${port}`);

afterEach(async () => {
  await Promise.all(mailers.splice(0).map((m) => m.close()));
  received.length = 0;
});

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return [field ?? []].flat().flatMap((o) => o.value.map((v) => v.address ?? ''));
}

async function deliveryError(promise: Promise<unknown>): Promise<MailDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
}

describe('SMTP mailer', () => {
  it('delivers From, To, Cc, Reply-To and Subject through an authenticated relay', async () => {
    const mailer = relay();
    expect(mailer.enabled).toBe(true);
    const sent = await mailer.send({
      to: ['ann@example.org', 'bo@example.org'],
      cc: ['lead@example.org'],
      replyTo: 'reply+42@help.example.com',
      subject: 'SLA warning',
      text: 'Ticket #42 is due in 30 minutes.',
    });

    expect(sent.accepted.sort()).toEqual(['ann@example.org', 'bo@example.org', 'lead@example.org']);
    expect(sent.rejected).toEqual([]);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.user).toBe('relay@example.com');
    expect(mail?.mailFrom).toBe('support@help.example.com');
    expect(mail?.rcptTo.sort()).toEqual(['ann@example.org', 'bo@example.org', 'lead@example.org']);
    expect(mail?.parsed.from?.value).toEqual([{ name: 'Gapwise Support', address: 'support@help.example.com' }]);
    expect(addresses(mail?.parsed.to)).toEqual(['ann@example.org', 'bo@example.org']);
    expect(addresses(mail?.parsed.cc)).toEqual(['lead@example.org']);
    expect(addresses(mail?.parsed.replyTo)).toEqual(['reply+42@help.example.com']);
    expect(mail?.parsed.subject).toBe('SLA warning');
    expect(mail?.parsed.text?.trim()).toBe('Ticket #42 is due in 30 minutes.');
    expect(mail?.parsed.html).toBe(false);
  });

  it('round-trips Thai, Vietnamese and Czech through a 7-bit message with encoded words', async () => {
    const subject = 'แจ้งเตือน SLA · Cảnh báo hạn xử lý · Upozornění: žluťoučký kůň';
    const text = 'ตั๋ว #42 ใกล้ครบกำหนด\nPhiếu #42 sắp đến hạn.\nTiket č. 42 brzy vyprší — příliš žluťoučký kůň.';
    await relay().send({
      to: ['ann@example.org'],
      from: 'ฝ่ายบริการ Hỗ trợ Podpora <support@help.example.com>',
      subject,
      text,
    });

    const [mail] = received;
    expect(mail?.raw).toMatch(/^[\x00-\x7f]*$/); // nothing relies on SMTPUTF8/8BITMIME
    expect(mail?.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(mail?.parsed.subject).toBe(subject);
    expect(mail?.parsed.text?.trim()).toBe(text);
    expect(mail?.parsed.from?.value).toEqual([{ name: 'ฝ่ายบริการ Hỗ trợ Podpora', address: 'support@help.example.com' }]);
  });

  it('sends html with a plain-text alternative', async () => {
    await relay().send({
      to: ['ann@example.org'],
      subject: 'Both',
      text: 'Plain: Tiket č. 42',
      html: '<p>Rich: <b>Tiket č. 42</b></p>',
    });

    const [mail] = received;
    expect(mail?.raw).toMatch(/^Content-Type: multipart\/alternative/im);
    expect(mail?.parsed.text?.trim()).toBe('Plain: Tiket č. 42');
    expect(mail?.parsed.html).toBe('<p>Rich: <b>Tiket č. 42</b></p>');
  });

  it('keeps Message-ID, In-Reply-To and References as given, plus extra headers', async () => {
    const sent = await relay().send({
      to: ['ann@example.org'],
      subject: 'Re: printer',
      text: 'Fixed.',
      messageId: '<reply-2@help.example.com>',
      inReplyTo: '<question-1@customer.example.org>',
      references: ['<root-0@customer.example.org>', '<question-1@customer.example.org>'],
      headers: { 'Auto-Submitted': 'auto-replied' },
    });

    expect(sent.messageId).toBe('<reply-2@help.example.com>');
    const parsed = received[0]?.parsed;
    expect(parsed?.messageId).toBe('<reply-2@help.example.com>');
    expect(parsed?.inReplyTo).toBe('<question-1@customer.example.org>');
    expect(parsed?.references).toEqual(['<root-0@customer.example.org>', '<question-1@customer.example.org>']);
    expect(parsed?.headers.get('auto-submitted')).toBe('auto-replied');
  });

  it('generates a unique RFC 5322 Message-ID on the domain of the sender', async () => {
    const mailer = relay();
    const first = await mailer.send({ to: ['ann@example.org'], subject: 'a', text: 'a' });
    const second = await mailer.send({ to: ['ann@example.org'], subject: 'b', text: 'b', from: 'Ops <ops@Ops.Example.NET>' });

    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
    expect(first.messageId).toMatch(new RegExp(`^<${uuid}@help\\.example\\.com>$`));
    expect(second.messageId).toMatch(new RegExp(`^<${uuid}@ops\\.example\\.net>$`));
    expect(received.map((r) => r.parsed.messageId)).toEqual([first.messageId, second.messageId]);
  });

  it('refuses headers that would override the fields it manages', async () => {
    const mailer = relay();
    const base = { to: ['ann@example.org'], subject: 's', text: 't' };
    await expect(mailer.send({ ...base, headers: { 'Message-ID': '<x@y>' } })).rejects.toThrow(TypeError);
    await expect(mailer.send({ ...base, headers: { 'X-Note': 'a\r\nBcc: evil@example.org' } })).rejects.toThrow(TypeError);
    await expect(mailer.send({ ...base, to: [] })).rejects.toThrow(TypeError);
    expect(received).toEqual([]);
  });

  it('reports a recipient rejected with 550 as a permanent failure', async () => {
    const error = await deliveryError(relay().send({ to: ['reject@example.org'], subject: 's', text: 't' }));
    expect(error.permanent).toBe(true);
    expect(error.details).toMatchObject({ responseCode: 550, rejected: ['reject@example.org'] });
    expect(received).toEqual([]);
  });

  it('reports a 451 as a temporary failure', async () => {
    const error = await deliveryError(relay().send({ to: ['defer@example.org'], subject: 's', text: 't' }));
    expect(error.permanent).toBe(false);
    expect(error.details.responseCode).toBe(451);
  });

  it('delivers to the accepted recipients and lists the rejected ones', async () => {
    const sent = await relay().send({ to: ['ann@example.org', 'reject@example.org'], subject: 's', text: 't' });
    expect(sent.accepted).toEqual(['ann@example.org']);
    expect(sent.rejected).toEqual(['reject@example.org']);
    expect(received[0]?.rcptTo).toEqual(['ann@example.org']);
  });

  it('reports rejected credentials as permanent', async () => {
    const mailer = mailerFor(`smtp://relay%40example.com:wrong@127.0.0.1:${port}`);
    const error = await deliveryError(mailer.send({ to: ['ann@example.org'], subject: 's', text: 't' }));
    expect(error.permanent).toBe(true);
    expect(error.details.responseCode).toBe(535);
  });

  it('reports a relay that cannot be reached as a temporary failure', async () => {
    const closedPort = await freePort();
    const error = await deliveryError(mailerFor(`smtp://127.0.0.1:${closedPort}`).send({ to: ['ann@example.org'], subject: 's', text: 't' }));
    expect(error.permanent).toBe(false);
    expect(error.details.responseCode).toBeUndefined();
  });

  it('treats 503 (bad command sequence) as temporary, other 5xx as permanent', () => {
    expect(toDeliveryError(Object.assign(new Error('x'), { responseCode: 503 })).permanent).toBe(false);
    expect(toDeliveryError(Object.assign(new Error('x'), { responseCode: 552 })).permanent).toBe(true);
    expect(toDeliveryError(Object.assign(new Error('x'), { responseCode: 421 })).permanent).toBe(false);
    expect(toDeliveryError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' })).permanent).toBe(false);
  });
});

describe('disabled mailer', () => {
  it('refuses to send when no SMTP relay is configured', async () => {
    const mailer = mailerFor(undefined);
    expect(mailer.enabled).toBe(false);
    await expect(mailer.send({ to: ['ann@example.org'], subject: 's', text: 't' })).rejects.toBeInstanceOf(MailNotConfiguredError);
    await expect(mailer.close()).resolves.toBeUndefined();
  });
});

/** A port nothing listens on: bind an ephemeral port, then release it. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}
