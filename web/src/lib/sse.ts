/**
 * A small server-sent-events client over fetch. EventSource would do the reconnect itself,
 * but it only reports named events one listener per name (ours are open-ended ticket event
 * types) and cannot tell a 401 from a network drop. Here: every event reaches one callback,
 * a reconnect sends Last-Event-ID so the server replays what was missed, and ids already
 * seen are skipped so a replay never delivers twice.
 */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** Splits a text/event-stream chunk sequence into events; keeps the unfinished tail. */
export class SseParser {
  #buffer = '';
  #id: string | null = null;
  #event = '';
  #data: string[] = [];

  push(chunk: string): SseEvent[] {
    this.#buffer += chunk;
    const out: SseEvent[] = [];
    let newline: number;
    while ((newline = this.#buffer.search(/\r\n|\n|\r/)) !== -1) {
      const line = this.#buffer.slice(0, newline);
      const width = this.#buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.#buffer = this.#buffer.slice(newline + width);
      if (line === '') {
        if (this.#data.length > 0) out.push({ id: this.#id, event: this.#event || 'message', data: this.#data.join('\n') });
        // Unlike EventSource, an event without its own `id:` has id null: the server's unnumbered
        // signals (ticket presence) must not look like a replay of the last numbered event.
        this.#id = null;
        this.#event = '';
        this.#data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // keep-alive comment
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') this.#id = value;
      else if (field === 'event') this.#event = value;
      else if (field === 'data') this.#data.push(value);
    }
    return out;
  }
}

export interface StreamOptions {
  url: string;
  onEvent: (event: SseEvent) => void;
  onStatus?: (status: 'open' | 'reconnecting' | 'unauthenticated') => void;
  /** Milliseconds before the nth reconnect attempt. */
  backoff?: (attempt: number) => number;
}

/** Opens the stream and keeps it open until the returned function is called. */
export function openEventStream(options: StreamOptions): () => void {
  const controller = new AbortController();
  const backoff = options.backoff ?? ((n) => Math.min(30_000, 500 * 2 ** n));
  let lastId: string | null = null;
  let attempt = 0;

  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (lastId !== null) headers['last-event-id'] = lastId;
        const response = await fetch(options.url, { headers, credentials: 'same-origin', signal: controller.signal });
        if (response.status === 401) {
          options.onStatus?.('unauthenticated');
          return;
        }
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        attempt = 0;
        options.onStatus?.('open');
        const parser = new SseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const event of parser.push(value)) {
            if (event.id !== null && lastId !== null && Number(event.id) <= Number(lastId)) continue;
            if (event.id !== null) lastId = event.id;
            options.onEvent(event);
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      options.onStatus?.('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, backoff(attempt++)));
    }
  };
  void run();
  return () => controller.abort();
}
