/**
 * The agent web app (part of `npm run bench`, alone with BENCH_ONLY=web):
 *
 * 1. First-load weight. web/dist/index.html is parsed for what it makes the browser fetch before the
 *    app runs (`<script src>`, `<link rel="stylesheet">`, `<link rel="modulepreload">`); JS and CSS are
 *    summed separately, raw and gzipped at level 9. The server (server/http/web-app.ts,
 *    @fastify/static with `serve: false` + sendFile, no compression plugin) sends web/dist as it is,
 *    so the bench also fetches the entry script with `accept-encoding: gzip, deflate, br` and reports
 *    the encoding and bytes actually sent. Every other file in web/dist/assets is lazy (dashboard,
 *    ECharts, admin, non-English locales): the largest are listed for information. The browser runs
 *    below also record which .js/.css files a cold load of the inbox really requested, as a check.
 *
 * 2. The inbox with 10,000 tickets (BENCH_WEB_TICKETS), in headless Chromium, per engine (PGlite; also
 *    a fresh PostgreSQL database when DATABASE_URL is set): a real `server/main.ts` process,
 *    GAPWISE_DEMO=0. Seeding uses the import API (POST /api/v1/imports/tickets, NDJSON) rather than
 *    POST /api/v1/tickets: one request carries a thousand tickets with their whole history (customer
 *    messages, replies, notes, status changes at historical timestamps spread over 120 days), so the
 *    list holds realistic tickets — several statuses, priorities, channels, languages, 2,500 repeat
 *    customers, 30% assigned — in far fewer round trips (files of 1,000 lines). On PostgreSQL four
 *    streams of files run in parallel, each owning a disjoint set of customers: two concurrent import
 *    lines creating the same new customer make one of them hit the unique customer identity, and the
 *    import counts that line as `skipped` (that catch was meant for a concurrent duplicate
 *    external_id), so the ticket would silently be missing. On PGlite, one connection inside the
 *    server process, concurrent streams only queue behind each other (slower in trials): one stream.
 *    The server runs with GAPWISE_WORKERS=0: the minute cron that rebuilds the analytics facts of
 *    10,000 just-imported tickets would otherwise land in the middle of some runs.
 *
 *    One browser sign-in through the login form; its storage state (the session cookie) is reused by
 *    BENCH_WEB_RUNS (default 5) cold navigations to /inbox/all, each in a fresh browser context (empty
 *    HTTP cache), after one unmeasured warm-up navigation. Times are the page's own performance.now(),
 *    i.e. from the start of the navigation:
 *    - first row: the list's first row (`li.ticket-row[data-index="0"]`) is in the DOM, laid out in the
 *      viewport (a MutationObserver installed before any page script);
 *    - interactive: then `j` twice (the first press brings focus to the list, the second moves it,
 *      web/src/features/inbox/use-inbox-keys.ts) until the second row holds the focus and carries
 *      `is-active`. It includes the round trips from Node to the page for the key presses (a few ms).
 *    Then, in the last run's page, the list's scroll box is scrolled to its end again and again until
 *    the row of ticket 10,000 exists: cursor pages of 50 load as the end comes into view, so this is
 *    200 sequential page fetches plus rendering. The number of `li.ticket-row` elements in the DOM
 *    (virtualized: only the rows on screen plus overscan) is reported, largest seen and at the end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';
import { buildWebApp, WEB_DIST, webBuildIsStale } from '../server/http/web-app.ts';
import { seededRandom } from '../test/seeded-random.ts';
import { freshEngineDatabase, startServerProcess } from './server-process.ts';

const admin = { email: 'bench@gapwise.local', password: 'bench-password' };
const VIEWPORT = { width: 1280, height: 900 };
const INBOX_PATH = '/inbox/all';
const IMPORT_FILE_LINES = 1000;
const CUSTOMERS = 2500;

export interface AssetSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface FirstLoad {
  js: AssetSize[];
  css: AssetSize[];
  jsRaw: number;
  jsGzip: number;
  cssRaw: number;
  cssGzip: number;
  lazy: AssetSize[];
}

export interface WebInboxResult {
  engine: 'pglite' | 'postgres';
  tickets: number;
  seedSeconds: number;
  runs: number;
  firstRow: { p50: number; max: number };
  interactive: { p50: number; max: number };
  scroll: { ms: number; pageRequests: number; domRowsMax: number; domRowsEnd: number; lastRowSetSize: number };
  /** .js/.css files under /assets/ requested by a cold load of the inbox (first measured run). */
  requestedAssets: string[];
}

export interface WebInboxBench {
  firstLoad: FirstLoad;
  /** What the server really sends for the entry script to a browser that accepts gzip and br. */
  served: { file: string; contentEncoding: string; bytes: number } | null;
  results: WebInboxResult[];
}

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), max: at(1) };
}

function sizeOf(distDir: string, urlPath: string): AssetSize {
  const bytes = readFileSync(path.join(distDir, urlPath.replace(/^\//, '')));
  return { file: urlPath.replace(/^\/assets\//, ''), rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

/** Attributes of every <script> and <link> start tag in an HTML document. */
function tagsOf(html: string, name: 'script' | 'link'): Record<string, string>[] {
  const tags: Record<string, string>[] = [];
  for (const match of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))) {
    const attrs: Record<string, string> = {};
    for (const a of (match[1] ?? '').matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[(a[1] ?? '').toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    tags.push(attrs);
  }
  return tags;
}

/** The JS and CSS index.html makes the browser load up front; everything else in assets/ is lazy. */
export function measureFirstLoad(distDir: string = WEB_DIST): FirstLoad {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const local = (url: string | undefined): url is string => Boolean(url) && !/^[a-z]+:|^\/\//i.test(url ?? '');
  const js = new Set<string>();
  const css = new Set<string>();
  for (const s of tagsOf(html, 'script')) if (local(s.src)) js.add(s.src);
  for (const l of tagsOf(html, 'link')) {
    const rel = (l.rel ?? '').toLowerCase().split(/\s+/);
    if (!local(l.href)) continue;
    if (rel.includes('stylesheet')) css.add(l.href);
    else if (rel.includes('modulepreload')) js.add(l.href);
  }
  const jsSizes = [...js].map((u) => sizeOf(distDir, u));
  const cssSizes = [...css].map((u) => sizeOf(distDir, u));
  const first = new Set([...js, ...css].map((u) => u.replace(/^\/assets\//, '')));
  const lazy = readdirSync(path.join(distDir, 'assets'))
    .filter((f) => !first.has(f) && /\.(js|css)$/.test(f))
    .map((f) => sizeOf(distDir, `/assets/${f}`))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sum = (list: AssetSize[], key: 'rawBytes' | 'gzipBytes') => list.reduce((n, a) => n + a[key], 0);
  return { js: jsSizes, css: cssSizes, jsRaw: sum(jsSizes, 'rawBytes'), jsGzip: sum(jsSizes, 'gzipBytes'), cssRaw: sum(cssSizes, 'rawBytes'), cssGzip: sum(cssSizes, 'gzipBytes'), lazy };
}

/** Bytes on the wire for one asset, as a browser accepting compression would get them. */
function fetchServed(url: string): Promise<{ contentEncoding: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => (res.statusCode === 200 ? resolve({ contentEncoding: String(res.headers['content-encoding'] ?? 'identity'), bytes }) : reject(new Error(`GET ${url}: ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

// ---- seeding --------------------------------------------------------------------------------------

const SUBJECTS = [
  'Parcel has not arrived yet (order {n})',
  'Refund for order {n} still pending',
  'Invoice {n} charged twice',
  'Cannot sign in to my account',
  'Printer at the Silom branch is offline',
  'Change the delivery address of order {n}',
  'ใบแจ้งหนี้ {n} คิดเงินซ้ำ',
  'พัสดุยังไม่ได้รับ คำสั่งซื้อ {n}',
  'Máy in không hoạt động ({n})',
  'Đơn hàng {n} bị giao chậm',
  'Objednávka {n} nedorazila',
  'Faktura {n} je chybná',
  'Pesanan {n} belum sampai',
  'Bayaran balik untuk pesanan {n}',
];
const CUSTOMER_TEXT = [
  'Hello, my order was supposed to arrive on Monday and the tracking page has not moved for three days. Could you check with the courier? Thanks.',
  'สวัสดีค่ะ ใบแจ้งหนี้เดือนนี้คิดเงินซ้ำสองครั้ง รบกวนตรวจสอบและคืนเงินให้ด้วยค่ะ ขอบคุณค่ะ',
  'Xin chào, máy in của tôi không hoạt động từ sáng nay. Đèn báo lỗi nhấp nháy màu cam. Xin hãy giúp tôi.',
  'Dobrý den, objednávka stále nedorazila a kurýr nezvedá telefon. Můžete to prosím prověřit? Děkuji.',
  'Selamat pagi, pesanan saya belum sampai walaupun status menunjukkan sudah dihantar. Mohon bantuan.',
  'I was charged twice for the same invoice. Please refund the duplicate payment to the original card.',
];
const AGENT_TEXT = [
  'Thank you for writing. I have asked the courier for an update and will come back to you within a day.',
  'ขออภัยในความไม่สะดวกค่ะ เราได้ดำเนินการคืนเงินส่วนที่ซ้ำแล้ว จะเข้าบัญชีภายใน 3-5 วันทำการค่ะ',
  'Chúng tôi đã ghi nhận lỗi và kỹ thuật viên sẽ liên hệ với bạn trong hôm nay.',
  'Dobrý den, zásilku jsme dohledali, dorazí zítra dopoledne. Omlouváme se za zpoždění.',
];
const CHANNELS: [string, number][] = [['email', 0.45], ['web_form', 0.15], ['chat', 0.15], ['phone', 0.1], ['api', 0.05], ['social', 0.05], ['visit', 0.05]];
const STATUSES: [string, number][] = [['new', 0.1], ['open', 0.25], ['pending', 0.1], ['on_hold', 0.05], ['solved', 0.3], ['closed', 0.2]];
const PRIORITIES: [string, number][] = [['low', 0.1], ['normal', 0.65], ['high', 0.2], ['urgent', 0.05]];
const TAGS = ['billing', 'delivery', 'refund', 'printer', 'vip', 'login', 'complaint'];

function weighted(random: () => number, table: [string, number][]): string {
  let r = random();
  for (const [value, weight] of table) {
    if ((r -= weight) < 0) return value;
  }
  return table[0]?.[0] ?? '';
}

/** One import line: a ticket with its history, deterministic for index `i`. */
function ticketLine(i: number, customer: number, random: () => number, now: number): string {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const minute = 60_000;
  const created = now - Math.floor(random() * 120 * 24 * 60) * minute - 60 * minute;
  const status = weighted(random, STATUSES);
  const at = (t: number) => new Date(Math.min(t, now - minute)).toISOString();
  const messages: Record<string, unknown>[] = [{ kind: 'customer', body_text: pick(CUSTOMER_TEXT), created_at: at(created) }];
  const statusChanges: Record<string, unknown>[] = [];
  let t = created;
  if (status !== 'new') {
    t += (5 + Math.floor(random() * 240)) * minute;
    messages.push({ kind: 'public_reply', author_email: admin.email, body_text: pick(AGENT_TEXT), created_at: at(t) });
    if (random() < 0.2) messages.push({ kind: 'internal_note', author_email: admin.email, body_text: 'Checked with the warehouse; waiting for their answer.', created_at: at(t + minute) });
    if (random() < 0.4) {
      t += (30 + Math.floor(random() * 600)) * minute;
      messages.push({ kind: 'customer', body_text: pick(CUSTOMER_TEXT), created_at: at(t) });
    }
    if (status === 'solved' || status === 'closed') {
      t += (10 + Math.floor(random() * 600)) * minute;
      statusChanges.push({ to: 'solved', at: at(t), by_email: admin.email });
      if (status === 'closed') statusChanges.push({ to: 'closed', at: at(t + 4 * 24 * 60 * minute) });
    }
  }
  const tags = [...new Set([pick(TAGS), ...(random() < 0.3 ? [pick(TAGS)] : [])])];
  return JSON.stringify({
    external_id: `bench-web-${i}`,
    subject: pick(SUBJECTS).replace('{n}', `SO-${100_000 + i}`),
    channel: weighted(random, CHANNELS),
    status,
    priority: weighted(random, PRIORITIES),
    tags,
    created_at: at(created),
    customer: { email: `customer-${customer}@example.com`, name: `Customer ${customer}` },
    assignee_email: status !== 'new' && random() < 0.3 ? admin.email : null,
    messages,
    status_changes: statusChanges,
  });
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

/** Imports `count` tickets over `parallel` streams of NDJSON files; returns seconds. */
async function seedTickets(url: string, count: number, parallel: number): Promise<number> {
  const cookie = await signIn(url);
  const random = seededRandom(20_260_101);
  const now = Date.now();
  // A stream owns the customers whose number is ≡ its index (mod parallel): see the file comment.
  const streams: string[][] = Array.from({ length: parallel }, () => []);
  for (let i = 0; i < count; i++) {
    const customer = Math.floor(random() * CUSTOMERS);
    streams[customer % parallel]?.push(ticketLine(i, customer, random, now));
  }
  const started = performance.now();
  const created = await Promise.all(
    streams.map(async (lines) => {
      let n = 0;
      for (let from = 0; from < lines.length; from += IMPORT_FILE_LINES) {
        const res = await fetch(`${url}/api/v1/imports/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', cookie },
          body: lines.slice(from, from + IMPORT_FILE_LINES).join('\n'),
          signal: AbortSignal.timeout(600_000),
        });
        const report = (await res.json()) as { created: number; failed: number; skipped: number; errors: unknown[] };
        if (res.status !== 201 || report.failed > 0 || report.skipped > 0) throw new Error(`import: ${res.status} ${JSON.stringify(report).slice(0, 1000)}`);
        n += report.created;
      }
      return n;
    }),
  );
  const total = created.reduce((a, b) => a + b, 0);
  if (total !== count) throw new Error(`import created ${total} tickets, expected ${count}`);
  return Number(((performance.now() - started) / 1000).toFixed(1));
}

// ---- browser ----------------------------------------------------------------------------------------

/** Where the page notes the first row's time (see watchFirstRow). */
type BenchWindow = Window & { __benchFirstRowAt?: number };

/** Runs in every page before its own scripts: notes when the first ticket row is laid out on screen. */
function watchFirstRow() {
  const observer = new MutationObserver(() => {
    const row = document.querySelector('li.ticket-row[data-index="0"]');
    if (!row) return;
    const box = row.getBoundingClientRect();
    if (box.height > 0 && box.bottom > 0 && box.top < window.innerHeight) {
      (window as BenchWindow).__benchFirstRowAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function signInThroughBrowser(browser: Browser, url: string, options: BrowserContextOptions) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.locator('input[type=email]').fill(admin.email);
  await page.locator('input[type=password]').fill(admin.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/inbox\//);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function measureInbox(browser: Browser, url: string, tickets: number, runs: number) {
  const options: BrowserContextOptions = { viewport: VIEWPORT, locale: 'en-US' };
  const storageState = await signInThroughBrowser(browser, url, options);
  const firstRow: number[] = [];
  const interactive: number[] = [];
  let requestedAssets: string[] = [];
  let scroll: WebInboxResult['scroll'] | null = null;
  for (let run = -1; run < runs; run++) {
    const context = await browser.newContext({ ...options, storageState });
    await context.addInitScript(watchFirstRow);
    const page = await context.newPage();
    const assets: string[] = [];
    let pageRequests = 0;
    page.on('request', (req) => {
      const { pathname } = new URL(req.url());
      if (pathname.startsWith('/assets/') && /\.(js|css)$/.test(pathname)) assets.push(pathname.slice('/assets/'.length));
      if (pathname === '/api/v1/tickets') pageRequests++;
    });
    await page.goto(`${url}${INBOX_PATH}`, { waitUntil: 'commit' });
    const firstRowAt = await (await page.waitForFunction(() => (window as BenchWindow).__benchFirstRowAt, null, { polling: 'raf', timeout: 60_000 })).jsonValue();
    // First `j`: focus comes to the list (row 0); second `j`: it moves to row 1.
    await page.keyboard.press('j');
    await page.waitForFunction(() => document.activeElement?.closest('li.ticket-row')?.getAttribute('data-index') === '0', null, { polling: 'raf', timeout: 30_000 });
    await page.keyboard.press('j');
    const interactiveAt = await (
      await page.waitForFunction(
        () => {
          const row = document.activeElement?.closest<HTMLElement>('li.ticket-row');
          return row?.dataset.index === '1' && row.classList.contains('is-active') ? performance.now() : null;
        },
        null,
        { polling: 'raf', timeout: 30_000 },
      )
    ).jsonValue();
    if (run >= 0) {
      firstRow.push(Number(firstRowAt));
      interactive.push(Number(interactiveAt));
    }
    if (run === 0) requestedAssets = [...new Set(assets)];
    if (run === runs - 1) {
      pageRequests = 0;
      const end = await page.evaluate(async (target) => {
        const box = document.querySelector<HTMLElement>('[data-testid="ticket-scroll"]');
        if (!box) throw new Error('no ticket-scroll');
        const started = performance.now();
        let domRowsMax = 0;
        // (No local function here: tsx would wrap it in a helper that does not exist in the page.)
        const lastSelector = `li.ticket-row[data-index="${target - 1}"]`;
        while (!document.querySelector(lastSelector)) {
          if (performance.now() - started > 600_000) throw new Error(`row ${target} not reached in 10 minutes`);
          box.scrollTop = box.scrollHeight;
          await new Promise((r) => requestAnimationFrame(r));
          domRowsMax = Math.max(domRowsMax, document.querySelectorAll('li.ticket-row').length);
        }
        const ms = performance.now() - started;
        // Let the last page settle, then count what is in the DOM.
        await new Promise((r) => setTimeout(r, 500));
        const rows = document.querySelectorAll('li.ticket-row');
        return { ms, domRowsMax: Math.max(domRowsMax, rows.length), domRowsEnd: rows.length, lastRowSetSize: Number(document.querySelector(lastSelector)?.getAttribute('aria-setsize') ?? 0) };
      }, tickets);
      scroll = { ...end, ms: Math.round(end.ms), pageRequests };
    }
    await context.close();
  }
  if (!scroll) throw new Error('no scroll measure');
  return { firstRow: stats(firstRow), interactive: stats(interactive), scroll, requestedAssets };
}

export async function benchWebInbox(options: { tickets?: number; runs?: number } = {}): Promise<WebInboxBench> {
  const tickets = options.tickets ?? Number(process.env.BENCH_WEB_TICKETS ?? 10_000);
  const runs = options.runs ?? Number(process.env.BENCH_WEB_RUNS ?? 5);
  // `npm ci` builds web/dist (prepare); rebuild here only when the sources are newer, so the sizes are the current app's.
  if (webBuildIsStale()) await buildWebApp();
  const firstLoad = measureFirstLoad();
  let served: WebInboxBench['served'] = null;

  const base = { GAPWISE_ADMIN_EMAIL: admin.email, GAPWISE_ADMIN_PASSWORD: admin.password, GAPWISE_DEMO: '0', GAPWISE_WORKERS: '0' };
  const engines: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const results: WebInboxResult[] = [];
  try {
    for (const engine of engines) {
      const { env, drop } = await freshEngineDatabase(engine, 'gapwise-web-bench-');
      const server = await startServerProcess({ ...base, ...env });
      try {
        const entry = firstLoad.js[0];
        if (!served && entry) served = { file: entry.file, ...(await fetchServed(`${server.url}/assets/${entry.file}`)) };
        process.stderr.write(`web: importing ${tickets.toLocaleString('en')} tickets on ${engine}…\n`);
        const seedSeconds = await seedTickets(server.url, tickets, engine === 'pglite' ? 1 : 4);
        process.stderr.write(`web: ${runs} cold loads of ${INBOX_PATH} in Chromium on ${engine}…\n`);
        results.push({ engine, tickets, seedSeconds, runs, ...(await measureInbox(browser, server.url, tickets, runs)) });
      } finally {
        await server.stop();
        await drop();
      }
    }
  } finally {
    await browser.close();
  }
  return { firstLoad, served, results };
}
