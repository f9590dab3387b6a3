/**
 * `npm run bench`: figures and ratios, never pass/fail. Measures, per engine
 * (PGlite always; PostgreSQL when DATABASE_URL is set):
 *   - cold start of `server/main.ts` on an empty database (with and without demo data) and on an existing one,
 *   - POST /api/v1/tickets throughput and latency over HTTP (autocannon),
 *   - peak resident memory of the server process.
 * BENCH_SECONDS (default 10) sets the load duration; BENCH_CONNECTIONS (default 10) the concurrency.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { freshEngineDatabase, startServerProcess } from './server-process.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const admin = { email: 'bench@gapwise.local', password: 'bench-password' };

interface EngineResult {
  engine: string;
  coldEmptyDemoMs: number;
  coldEmptyMs: number;
  warmExistingMs: number;
  ticketsPerSec: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  peakRssMiB: number;
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

async function loadTickets(url: string, cookie: string) {
  let n = 0;
  const result = await autocannon({
    url: `${url}/api/v1/tickets`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', cookie },
    requests: [
      {
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            body: JSON.stringify({
              subject: `Bench ticket ${n}`,
              customer: { email: `bench-${n % 500}@example.com`, name: `Customer ${n % 500}` },
              message: { body_text: 'สวัสดีครับ the parcel has not arrived yet; could you check? Děkuji.' },
              channel: 'api',
              tags: ['bench'],
            }),
          };
        },
      },
    ],
  });
  return result;
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<EngineResult> {
  const freshEnv = async (): Promise<{ env: Record<string, string>; drop(): Promise<void> }> => {
    const fresh = await freshEngineDatabase(engine);
    return { env: { GAPWISE_ADMIN_EMAIL: admin.email, GAPWISE_ADMIN_PASSWORD: admin.password, ...fresh.env }, drop: fresh.drop };
  };

  // 1. Empty database with the demo workspace (what `npm start` does the first time).
  const demo = await freshEnv();
  const first = await startServerProcess({ ...demo.env, GAPWISE_DEMO: '1' });
  await first.stop();
  await demo.drop();

  // 2. Empty database without demo data, then 3. the same database again.
  const empty = await freshEnv();
  const cold = await startServerProcess({ ...empty.env, GAPWISE_DEMO: '0' });
  await cold.stop();
  const warm = await startServerProcess({ ...empty.env, GAPWISE_DEMO: '0' });
  const cookie = await signIn(warm.url);
  const load = await loadTickets(warm.url, cookie);
  const peak = warm.peakRssMiB();
  await warm.stop();
  await empty.drop();

  return {
    engine,
    coldEmptyDemoMs: first.readyMs,
    coldEmptyMs: cold.readyMs,
    warmExistingMs: warm.readyMs,
    ticketsPerSec: Math.round(load.requests.average),
    p50ms: load.latency.p50,
    p99ms: load.latency.p99,
    non2xx: load.non2xx,
    peakRssMiB: Math.max(peak, first.peakRssMiB()),
  };
}

const engines: ('pglite' | 'postgres')[] = process.env.BENCH_ONLY === 'sla' || process.env.BENCH_ONLY === 'sla-recompute' || process.env.BENCH_ONLY === 'chat' || process.env.BENCH_ONLY === 'survey-results' || process.env.BENCH_ONLY === 'email-inbound' || process.env.BENCH_ONLY === 'analytics' || process.env.BENCH_ONLY === 'web' ? [] : process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const results: EngineResult[] = [];
for (const engine of engines) {
  process.stderr.write(`benchmarking ${engine} (${seconds}s load, ${connections} connections)…\n`);
  results.push(await benchEngine(engine));
}

console.log(`\nGapwise bench — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`);
if (results.length > 0) console.table(
  results.map((r) => ({
    engine: r.engine,
    'cold start, empty db + demo (ms)': r.coldEmptyDemoMs,
    'cold start, empty db (ms)': r.coldEmptyMs,
    'start, existing db (ms)': r.warmExistingMs,
    'POST /tickets per s': r.ticketsPerSec,
    'p50 (ms)': r.p50ms,
    'p99 (ms)': r.p99ms,
    'non-2xx': r.non2xx,
    'peak RSS (MiB)': r.peakRssMiB,
  })),
);
const pglite = results.find((r) => r.engine === 'pglite');
const postgres = results.find((r) => r.engine === 'postgres');
if (pglite && postgres) {
  console.log(`ratio PostgreSQL/PGlite POST /tickets throughput: ${(postgres.ticketsPerSec / pglite.ticketsPerSec).toFixed(2)}×`);
}

// SLA engine, pure functions (bench/sla.ts). BENCH_ONLY=sla runs only this part.
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'sla') {
  const { benchBusinessTime } = await import('./sla.ts');
  const sla = await benchBusinessTime();
  console.log(`\nSLA engine — ${sla.calendar}`);
  console.table([
    { measure: 'addBusinessMinutes, calls/s', value: sla.addCallsPerSec },
    { measure: 'naive minute stepping (isBusinessTime), calls/s', value: sla.naiveCallsPerSec },
    { measure: 'ratio (×)', value: sla.speedup },
    { measure: `computeClocks, tickets/s (${sla.eventsPerTicket} events, ${sla.instancesPerTicket} clocks each)`, value: sla.computeTicketsPerSec },
  ]);
}

// Recompute of all SLA clocks on PostgreSQL (bench/sla-recompute.ts). BENCH_ONLY=sla-recompute runs only this
// part; it needs DATABASE_URL, or BENCH_RECOMPUTE_TICKETS to run it on PGlite instead.
if ((!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'sla-recompute') && (process.env.DATABASE_URL || process.env.BENCH_RECOMPUTE_TICKETS)) {
  const { benchSlaRecompute } = await import('./sla-recompute.ts');
  const r = await benchSlaRecompute({ tickets: Number(process.env.BENCH_RECOMPUTE_TICKETS ?? 100_000) });
  console.log(`\nSLA recompute — ${r.tickets.toLocaleString('en')} tickets, ${r.events.toLocaleString('en')} events, ${r.clocks.toLocaleString('en')} clocks on ${r.engine} (loaded in ${r.loadSeconds} s)`);
  console.table([
    { measure: 'recompute, seconds', value: r.seconds },
    { measure: 'tickets/s', value: r.ticketsPerSec },
    { measure: 'seconds per 100k tickets (target ≤ 6)', value: r.per100kSeconds },
    { measure: 'projected for 1M tickets, seconds (target ≤ 60)', value: r.projected1MSeconds },
    { measure: 'again over the stored clocks, seconds', value: r.rerunSeconds },
    { measure: 'from scratch again in the same process (warm), seconds', value: r.warmSeconds },
    { measure: 'CPU seconds of the app process (first recompute)', value: r.appCpuSeconds },
    { measure: `CPU seconds of the whole machine (${r.cores} cores; the rest is mostly PostgreSQL)`, value: r.machineCpuSeconds ?? 'n/a' },
  ]);
}

// Live chat latency agent ↔ visitor on loopback and the widget's size (bench/chat-latency.ts). BENCH_ONLY=chat runs only this part.
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'chat') {
  const { benchChatLatency } = await import('./chat-latency.ts');
  const chat = await benchChatLatency();
  console.log(`\nLive chat — ${chat.results[0]?.samples ?? 0} round trips each way, server process on loopback`);
  console.table(
    chat.results.flatMap((r) => [
      { engine: r.engine, direction: 'agent API reply → visitor socket frame', 'p50 (ms)': r.agentToVisitor.p50, 'p95 (ms)': r.agentToVisitor.p95, 'max (ms)': r.agentToVisitor.max },
      { engine: r.engine, direction: 'visitor frame → agents’ SSE event', 'p50 (ms)': r.visitorToAgent.p50, 'p95 (ms)': r.visitorToAgent.p95, 'max (ms)': r.visitorToAgent.max },
    ]),
  );
  console.log(`widget: ${chat.widget.rawBytes} B source, ${chat.widget.minifiedBytes} B minified, ${chat.widget.gzipBytes} B gzipped (limit 30 kB)`);
}

// Survey results API and CSV export over 500,000 CSAT responses (bench/survey-results.ts). BENCH_ONLY=survey-results runs
// only this part; it needs DATABASE_URL, or BENCH_SURVEY_RESPONSES to run it on PGlite instead.
if ((!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'survey-results') && (process.env.DATABASE_URL || process.env.BENCH_SURVEY_RESPONSES)) {
  const { benchSurveyResults } = await import('./survey-results.ts');
  const r = await benchSurveyResults({ responses: Number(process.env.BENCH_SURVEY_RESPONSES ?? 500_000), runs: Number(process.env.BENCH_SURVEY_RUNS ?? 20) });
  console.log(`\nSurvey results — ${r.responses.toLocaleString('en')} CSAT responses on ${r.engine} (loaded in ${r.loadSeconds} s), ${r.runs} requests each`);
  console.table(r.latency.map((l) => ({ 'GET /results': l.query, 'p50 (ms)': l.p50, 'p95 (ms)': l.p95 })));
  console.log(`CSV export of the responses: ${r.export.rows.toLocaleString('en')} rows, ${r.export.megabytes} MB in ${r.export.seconds} s (${r.export.rowsPerSec.toLocaleString('en')} rows/s)`);
}

// Inbound email over SMTP, end to end until the tickets are queryable (bench/email-inbound.ts). BENCH_ONLY=email-inbound
// runs only this part; BENCH_EMAIL_MESSAGES (default 500) and BENCH_EMAIL_CONNECTIONS (default 5) size it.
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'email-inbound') {
  const { benchEmailInbound } = await import('./email-inbound.ts');
  const mail = await benchEmailInbound();
  console.log(`\nInbound email over SMTP — ${mail[0]?.messages ?? 0} mails (a third of them replies), ${mail[0]?.connections ?? 0} connections, server process on loopback`);
  console.table(mail.map((r) => ({ engine: r.engine, 'mails/s (stored, ticket queryable)': r.messagesPerSec, seconds: r.seconds, tickets: r.tickets, 'peak RSS (MiB)': r.peakRssMiB })));
}

// Analytics over ticket facts (bench/analytics.ts). BENCH_ONLY=analytics runs only this part; it needs DATABASE_URL, or
// BENCH_ANALYTICS_TICKETS to run it on PGlite instead. BENCH_ANALYTICS_TICKETS (default 1,000,000) sizes it.
// BENCH_ANALYTICS_KEEP_URL names a PostgreSQL database to load once and keep: later runs only measure.
if ((!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'analytics') && (process.env.DATABASE_URL || process.env.BENCH_ANALYTICS_TICKETS || process.env.BENCH_ANALYTICS_KEEP_URL)) {
  const { benchAnalytics } = await import('./analytics.ts');
  const r = await benchAnalytics({ tickets: Number(process.env.BENCH_ANALYTICS_TICKETS ?? 1_000_000), runs: Number(process.env.BENCH_ANALYTICS_RUNS ?? 20), keepUrl: process.env.BENCH_ANALYTICS_KEEP_URL });
  console.log(`\nAnalytics — ${r.tickets.toLocaleString('en')} tickets, ${r.events.toLocaleString('en')} events, ${r.clocks.toLocaleString('en')} clocks, ${r.responses.toLocaleString('en')} survey responses on ${r.engine} (loaded in ${r.loadSeconds} s)`);
  console.log(`ticket facts and rollup built from scratch in ${r.factsSeconds} s (${r.factsPerSec.toLocaleString('en')} tickets/s); the rollup alone from the facts in ${r.rollupSeconds} s; 90-day range, ${r.runs} requests each (target p95 ≤ 300 ms):`);
  console.table(r.latency.map((l) => ({ endpoint: l.endpoint, query: l.query, status: l.status, 'p50 (ms)': l.p50, 'p95 (ms)': l.p95 })));
}

// The agent web app: first-load JS/CSS weight, and the inbox over 10,000 tickets in headless Chromium (bench/web-inbox.ts).
// BENCH_ONLY=web runs only this part; BENCH_WEB_RUNS (default 5) cold loads, BENCH_WEB_TICKETS (default 10,000) tickets.
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'web') {
  const { benchWebInbox } = await import('./web-inbox.ts');
  const web = await benchWebInbox();
  const kB = (bytes: number) => Number((bytes / 1024).toFixed(1));
  const f = web.firstLoad;
  console.log(`\nWeb app — first load (what web/dist/index.html references), gzip level 9`);
  console.table([
    { assets: `JS (${f.js.map((a) => a.file).join(', ')})`, 'raw (kB)': kB(f.jsRaw), 'gzip (kB)': kB(f.jsGzip) },
    { assets: `CSS (${f.css.map((a) => a.file).join(', ')})`, 'raw (kB)': kB(f.cssRaw), 'gzip (kB)': kB(f.cssGzip) },
    { assets: 'total', 'raw (kB)': kB(f.jsRaw + f.cssRaw), 'gzip (kB)': kB(f.jsGzip + f.cssGzip) },
  ]);
  if (web.served) console.log(`served by the app server: ${web.served.file} as ${web.served.contentEncoding}, ${kB(web.served.bytes)} kB on the wire`);
  console.log('largest lazy chunks (not in the first load):');
  console.table(f.lazy.slice(0, 6).map((a) => ({ chunk: a.file, 'raw (kB)': kB(a.rawBytes), 'gzip (kB)': kB(a.gzipBytes) })));
  const r0 = web.results[0];
  if (r0) {
    console.log(`Inbox — ${r0.tickets.toLocaleString('en')} tickets (imported in ${web.results.map((r) => `${r.seedSeconds} s on ${r.engine}`).join(', ')}), ${r0.runs} cold loads of /inbox/all each in headless Chromium, fresh context`);
    console.table(
      web.results.map((r) => ({
        engine: r.engine,
        'first row p50 (ms)': r.firstRow.p50,
        'first row max (ms)': r.firstRow.max,
        'interactive (j moves) p50 (ms)': r.interactive.p50,
        'interactive max (ms)': r.interactive.max,
        'scroll to last row (ms)': r.scroll.ms,
        'pages fetched while scrolling': r.scroll.pageRequests,
        'DOM rows max / end': `${r.scroll.domRowsMax} / ${r.scroll.domRowsEnd}`,
      })),
    );
    console.log(`last row reached: aria-setsize ${web.results.map((r) => `${r.scroll.lastRowSetSize} on ${r.engine}`).join(', ')}; assets a cold inbox load requested: ${r0.requestedAssets.join(', ')}`);
  }
}
