/**
 * Inbound email throughput over SMTP (issue 4, "Measure"): part of `npm run bench`, alone with
 * BENCH_ONLY=email-inbound (or `npx tsx bench/email-inbound.ts`). Per engine (PGlite; PostgreSQL
 * too when DATABASE_URL is set): a real `server/main.ts` process with its SMTP listener on a free
 * loopback port, then N mails (BENCH_EMAIL_MESSAGES, default 500) sent by nodemailer over
 * BENCH_EMAIL_CONNECTIONS (default 5) pooled connections: two thirds open new tickets, then a
 * third answer them (threaded by In-Reply-To). The clock runs from the first send until every
 * ticket is queryable through the API; the listener answers 250 only after the mail is stored,
 * so that last check confirms rather than waits. Job workers run meanwhile (the acknowledgements
 * are queued and, with no relay configured, recorded as not sent).
 */
import nodemailer from 'nodemailer';
import { freePort, freshEngineDatabase, startServerProcess } from './server-process.ts';

export interface EmailInboundResult {
  engine: 'pglite' | 'postgres';
  messages: number;
  connections: number;
  seconds: number;
  messagesPerSec: number;
  tickets: number;
  peakRssMiB: number;
}

const admin = { email: 'bench@gapwise.local', password: 'bench-password' };
const DOMAIN = 'bench.gapwise.test';

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

async function get<T>(url: string, cookie: string): Promise<T> {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return (await res.json()) as T;
}

async function countEmailTickets(url: string, cookie: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const page: { data: unknown[]; next_cursor: string | null } = await get(`${url}/api/v1/tickets?channel=email&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, cookie);
    n += page.data.length;
    cursor = page.next_cursor;
  } while (cursor);
  return n;
}

async function benchEngine(engine: 'pglite' | 'postgres', messages: number, connections: number): Promise<EmailInboundResult> {
  const { env, drop } = await freshEngineDatabase(engine, 'gapwise-bench-mail-');
  const smtpPort = await freePort();
  const server = await startServerProcess({
    ...env,
    GAPWISE_DEMO: '0',
    GAPWISE_ADMIN_EMAIL: admin.email,
    GAPWISE_ADMIN_PASSWORD: admin.password,
    GAPWISE_SMTP_PORT: String(smtpPort),
    GAPWISE_SMTP_HOST: '127.0.0.1',
    GAPWISE_MAIL_DOMAIN: DOMAIN,
  });
  try {
    const cookie = await signIn(server.url);
    const workspace = await get<{ slug: string }>(`${server.url}/api/v1/workspaces/current`, cookie);
    const inbound = `${workspace.slug}@${DOMAIN}`;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: connections, maxMessages: Infinity });
    const replies = Math.floor(messages / 3);
    const originals = messages - replies;
    const mail = (i: number, replyTo: number | undefined) => ({
      from: `Customer ${i % 200} <customer-${i % 200}@customer.example>`,
      to: inbound,
      subject: replyTo !== undefined ? `Re: Order ${replyTo}` : `Order ${i}`,
      messageId: `<bench-${i}@customer.example>`,
      inReplyTo: replyTo !== undefined ? `<bench-${replyTo}@customer.example>` : undefined,
      text: `สวัสดีครับ, order ${i} has not arrived yet. Děkuji, cảm ơn.\n\nOn Mon, someone wrote:\n> earlier text`,
      html: `<p>สวัสดีครับ, order <b>${i}</b> has not arrived yet.</p><div class="gmail_quote">earlier</div>`,
    });
    const started = performance.now();
    // New tickets first, then a third as many replies that thread into them by In-Reply-To.
    await Promise.all(Array.from({ length: originals }, (_, i) => transport.sendMail(mail(i, undefined))));
    await Promise.all(Array.from({ length: replies }, (_, k) => transport.sendMail(mail(originals + k, k))));
    const tickets = await countEmailTickets(server.url, cookie);
    const seconds = (performance.now() - started) / 1000;
    transport.close();
    const expected = originals;
    if (tickets !== expected) throw new Error(`expected ${expected} email tickets, found ${tickets}`);
    return { engine, messages, connections, seconds: Number(seconds.toFixed(2)), messagesPerSec: Math.round(messages / seconds), tickets, peakRssMiB: server.peakRssMiB() };
  } finally {
    await server.stop();
    await drop();
  }
}

export async function benchEmailInbound(options: { messages?: number; connections?: number } = {}): Promise<EmailInboundResult[]> {
  const messages = options.messages ?? Number(process.env.BENCH_EMAIL_MESSAGES ?? 500);
  const connections = options.connections ?? Number(process.env.BENCH_EMAIL_CONNECTIONS ?? 5);
  const engines: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const results: EmailInboundResult[] = [];
  for (const engine of engines) {
    process.stderr.write(`email inbound on ${engine}: ${messages} mails over ${connections} SMTP connections…\n`);
    results.push(await benchEngine(engine, messages, connections));
  }
  return results;
}

// Runnable alone: `npx tsx bench/email-inbound.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchEmailInbound());
}
