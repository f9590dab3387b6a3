import WebSocket from 'ws';

/**
 * A WebSocket client for the chat tests and the latency bench: collects frames and waits for
 * one matching a predicate (a bounded wait on real network I/O, never a sleep).
 */
export class TestSocket {
  readonly frames: Record<string, unknown>[] = [];
  readonly #waiters: { match: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] = [];
  closed: { code: number } | null = null;
  readonly #closedWaiters: ((c: { code: number }) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      this.frames.push(frame);
      for (const w of [...this.#waiters]) {
        if (w.match(frame)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    ws.on('close', (code) => {
      this.closed = { code };
      for (const w of this.#closedWaiters.splice(0)) w(this.closed);
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const socket = new TestSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame from now on (or already received, if `since` is given) that matches. */
  next<T = Record<string, unknown>>(match: (f: Record<string, unknown>) => boolean, timeoutMs = 15_000, since?: number): Promise<T> {
    if (since !== undefined) {
      const found = this.frames.slice(since).find(match);
      if (found) return Promise.resolve(found as T);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.#waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f as T)) });
    });
  }

  /** Sends a frame and waits for the first frame of `type` after it. */
  async request<T = Record<string, unknown>>(frame: unknown, type: string, timeoutMs = 15_000): Promise<T> {
    const waiting = this.next<T>((f) => f.type === type, timeoutMs);
    this.send(frame);
    return waiting;
  }

  whenClosed(timeoutMs = 5000): Promise<{ code: number }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.#closedWaiters.push((c) => (clearTimeout(timer), resolve(c)));
    });
  }

  close(): void {
    this.ws.close();
  }
}
