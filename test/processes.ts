import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real processes and real streams for tests that `app.inject` cannot do:
 * server-sent events read over a socket, and whole server processes.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface StreamedEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface EventStreamClient {
  status: number;
  contentType: string | null;
  /** Every event received so far, in order. */
  events: StreamedEvent[];
  /** Comment lines (heartbeats) received so far. */
  comments: string[];
  /** Resolves with the first event (already received or later) that matches. */
  waitFor(match: (event: StreamedEvent) => boolean, timeoutMs?: number): Promise<StreamedEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * Opens a text/event-stream and parses it as it arrives. Uses node:http on
 * its own socket rather than fetch: Node 20's fetch opens a spare
 * connection when a streaming body is aborted, and an unused connection
 * keeps a Fastify server from closing until Node times it out.
 */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream', ...headers } }, resolve);
    request.once('error', reject);
  });
  const events: StreamedEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };

  const parseBlock = (block: string) => {
    const event: StreamedEvent = { id: null, event: 'message', data: '' };
    let isEvent = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      const match = /^(id|event|data): ?(.*)$/.exec(line);
      if (!match) continue;
      isEvent = true;
      if (match[1] === 'id') event.id = match[2] ?? '';
      if (match[1] === 'event') event.event = match[2] ?? '';
      if (match[1] === 'data') event.data += event.data ? `\n${match[2]}` : (match[2] ?? '');
    }
    if (isEvent) events.push(event);
  };

  let buffer = '';
  let isEnded = false;
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
    notify();
  });
  const ended = new Promise<void>((resolve) => {
    response.once('close', () => {
      isEnded = true;
      notify();
      resolve();
    });
  });

  return {
    status: response.statusCode ?? 0,
    contentType: response.headers['content-type'] ?? null,
    events,
    comments,
    ended,
    close: () => response.destroy(),
    waitFor(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found || isEnded) {
            waiters.delete(check);
            clearTimeout(timer);
            if (found) resolve(found);
            else reject(new Error(`stream ended without the event; got ${JSON.stringify(events.map((e) => e.event))}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

export interface PlainResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = any>(): T;
}

/**
 * One HTTP request on its own connection, closed afterwards (no pooled
 * keep-alive sockets left behind to hold up a server's shutdown).
 */
export async function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<PlainResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { connection: 'close', ...(options.headers ?? {}) };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, json: () => JSON.parse(body) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the process printed (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then the exit code (null if killed by a signal). */
  stop(timeoutMs?: number): Promise<number | null>;
}

/**
 * Starts `server/main.ts` in its own Node process (through tsx, as `npm
 * start` does) and waits until /readyz answers.
 */
export async function startServerProcess(env: Record<string, string>, readyTimeoutMs = 90_000): Promise<ServerProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    // No inbound SMTP unless a test asks: processes of parallel suites would fight over port 2525.
    env: { ...process.env, HOST: '127.0.0.1', GAPWISE_SMTP_PORT: '0', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (hasExited) throw new Error(`server exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within ${readyTimeoutMs} ms:\n${output}`);
    }
    const ready = await httpRequest(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    child,
    output: () => output,
    async stop(timeoutMs = 20_000) {
      if (hasExited) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
