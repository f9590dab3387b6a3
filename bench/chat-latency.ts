/**
 * Live chat latency on loopback (issue 4): a real server process (`server/main.ts`), a visitor
 * WebSocket and an agent on the REST API and the SSE event stream.
 * - agent → visitor: POST /api/v1/tickets/:id/messages sent → the reply's frame arrives on the
 *   visitor's socket (commit → NOTIFY → EventBus → ChatHub → read → send);
 * - visitor → agent: the visitor's frame sent → its `message_added` event arrives on the agent's
 *   SSE stream (/api/v1/events), i.e. the message is stored and visible to agents.
 * And the widget's size: raw, minified, gzipped (level 9, as /widget.js serves it).
 * BENCH_CHAT_SAMPLES (default 200) round trips each way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildWidgetBundle } from '../server/modules/channels/chat/widget-bundle.ts';
import { TestSocket } from '../server/modules/channels/chat/test-chat-client.ts';
import { freshEngineDatabase, startServerProcess } from './server-process.ts';

const admin = { email: 'bench@gapwise.local', password: 'bench-password' };

export interface ChatLatencyResult {
  engine: string;
  samples: number;
  agentToVisitor: { p50: number; p95: number; max: number };
  visitorToAgent: { p50: number; p95: number; max: number };
}

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

/** The agents' SSE stream, as notices; `next(match)` waits for one. */
async function openEventStream(url: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/v1/events`, { headers: { cookie }, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`SSE refused: ${res.status}`);
  const waiters: { match: (n: Record<string, string>) => boolean; resolve: () => void }[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').find((l) => l.startsWith('data:'));
          if (data) {
            const notice = JSON.parse(data.slice(5)) as Record<string, string>;
            const i = waiters.findIndex((w) => w.match(notice));
            if (i >= 0) waiters.splice(i, 1)[0]?.resolve();
          }
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return {
    next: (match: (n: Record<string, string>) => boolean) => new Promise<void>((resolve) => waiters.push({ match, resolve })),
    close: () => controller.abort(),
  };
}

async function measure(url: string, samples: number) {
  const session = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  const cookie = session.headers.get('set-cookie')?.split(';')[0] ?? '';
  const headers = { cookie, 'content-type': 'application/json' };
  const slug = ((await (await fetch(`${url}/api/v1/workspaces/current`, { headers })).json()) as { slug: string }).slug;
  const presence = await fetch(`${url}/api/v1/chats/presence`, { method: 'POST', headers: { cookie } });
  if (presence.status !== 200) throw new Error(`presence failed: ${presence.status} ${await presence.text()}`);
  const events = await openEventStream(url, cookie);
  const visitor = await TestSocket.open(`${url.replace('http', 'ws')}/api/v1/public/chat/socket?workspace=${slug}`);
  await visitor.request({ type: 'hello' }, 'welcome');
  const { ticket_id: ticketId } = await visitor.request<{ ticket_id: string }>({ type: 'message', text: 'Hello, bench here' }, 'ack');

  const agentToVisitor: number[] = [];
  const visitorToAgent: number[] = [];
  for (let i = 0; i < samples + 10; i++) {
    const text = `Reply ${i}`;
    const seen = visitor.next((f) => f.type === 'message' && (f.message as { text: string }).text === text, 10_000);
    let t0 = performance.now();
    const res = await fetch(`${url}/api/v1/tickets/${ticketId}/messages`, { method: 'POST', headers, body: JSON.stringify({ body_text: text }) });
    if (res.status !== 201) throw new Error(`reply failed: ${res.status} ${await res.text()}`);
    await seen;
    if (i >= 10) agentToVisitor.push(performance.now() - t0); // the first 10 warm up

    const stored = events.next((n) => n.ticket_id === ticketId && n.type === 'message_added' && n.actor_type === 'customer');
    t0 = performance.now();
    visitor.send({ type: 'message', text: `Question ${i}` });
    await stored;
    if (i >= 10) visitorToAgent.push(performance.now() - t0);
  }
  visitor.close();
  events.close();
  return { agentToVisitor: stats(agentToVisitor), visitorToAgent: stats(visitorToAgent) };
}

export async function benchChatLatency(options: { samples?: number } = {}): Promise<{ results: ChatLatencyResult[]; widget: { rawBytes: number; minifiedBytes: number; gzipBytes: number } }> {
  const samples = options.samples ?? Number(process.env.BENCH_CHAT_SAMPLES ?? 200);
  const base = { GAPWISE_ADMIN_EMAIL: admin.email, GAPWISE_ADMIN_PASSWORD: admin.password, GAPWISE_DEMO: '0', GAPWISE_CHAT_MESSAGES_PER_MINUTE: '1000000' };
  const results: ChatLatencyResult[] = [];
  const engines: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  for (const engine of engines) {
    const { env, drop } = await freshEngineDatabase(engine, 'gapwise-chat-bench-');
    const server = await startServerProcess({ ...base, ...env });
    try {
      results.push({ engine, samples, ...(await measure(server.url, samples)) });
    } finally {
      await server.stop();
      await drop();
    }
  }
  const bundle = await buildWidgetBundle();
  const dir = path.resolve(import.meta.dirname, '../web/widget');
  const rawBytes = readdirSync(dir).filter((f) => f.endsWith('.ts')).reduce((n, f) => n + readFileSync(path.join(dir, f)).length, 0);
  return { results, widget: { rawBytes, minifiedBytes: bundle.js.length, gzipBytes: bundle.gzip.length } };
}
