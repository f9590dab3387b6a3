import { afterEach, expect, it, vi } from 'vitest';
import { createTicket, createWorkspace } from '../../../test/factories.ts';
import { describeEngines } from '../../../test/harness.ts';
import { type EventBus, type EventNotice, toEventNotice } from '../../platform/realtime.ts';
import { listWorkspaceEventsAfter } from '../tickets/tickets.repository.ts';
import { defaultStreamLimits, EventStream, type StreamOutput } from './event-stream.ts';

/** A bus whose notices the test delivers by hand, at the moments it chooses. */
function manualBus() {
  const listeners = new Set<(notice: EventNotice) => void>();
  const bus = {
    subscribe(_workspaceId: string, listener: (notice: EventNotice) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as EventBus;
  return { bus, listeners, deliver: (notice: EventNotice) => listeners.forEach((l) => l(notice)) };
}

function memoryOutput() {
  const output = {
    text: '',
    ended: false,
    writableLength: 0,
    write(chunk: string) {
      output.text += chunk;
      return true;
    },
    end() {
      output.ended = true;
    },
  } satisfies StreamOutput & Record<string, unknown>;
  return output;
}

const idsIn = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

afterEach(() => {
  vi.useRealTimers();
});

describeEngines('event stream', (get) => {
  async function workspaceWithEvents(tickets: number) {
    const { app, database } = get();
    const ws = await createWorkspace(app);
    for (let i = 0; i < tickets; i++) await createTicket(app, ws.as);
    const stored = await listWorkspaceEventsAfter(database.db, ws.workspaceId, 0, 100);
    return { ws, notices: stored.map(toEventNotice) };
  }

  it('writes the replay, then held notices it did not replay, then live ones, each once', async () => {
    const { database } = get();
    const { ws, notices } = await workspaceWithEvents(2);
    const [first, second, third, fourth] = notices as [EventNotice, EventNotice, EventNotice, EventNotice];
    const { bus, listeners, deliver } = manualBus();
    const output = memoryOutput();
    const stream = new EventStream(output);

    await stream.prepare(database.db, bus, ws.workspaceId, first.seq);
    // Arrived while the replay was read: one it contains, and a newer one.
    deliver(third);
    const newer = { ...fourth, seq: fourth.seq + 1000, id: 'later' };
    deliver(newer);
    expect(output.text).toBe('');

    stream.start();
    deliver(fourth); // late notice of a replayed event
    deliver({ ...newer, seq: newer.seq + 1 });
    expect(idsIn(output.text)).toEqual([second.seq, third.seq, fourth.seq, newer.seq, newer.seq + 1]);
    expect(output.text).toContain(`id: ${second.seq}\nevent: ${second.type}\ndata: ${JSON.stringify(second)}\n\n`);
    expect(output.text.startsWith(`retry: ${defaultStreamLimits.retryMs}\n\n`)).toBe(true);

    stream.close();
    expect(output.ended).toBe(true);
    expect(listeners.size).toBe(0);
    deliver({ ...newer, seq: newer.seq + 2 });
    expect(idsIn(output.text)).toHaveLength(5);
  });

  it('ends after a full replay page, so the client reconnects for the next one', async () => {
    const { database } = get();
    const { ws, notices } = await workspaceWithEvents(2); // 4 events
    const { bus, listeners } = manualBus();
    const output = memoryOutput();
    const stream = new EventStream(output, { ...defaultStreamLimits, replayLimit: 3 });
    await stream.prepare(database.db, bus, ws.workspaceId, 0);
    stream.start();
    expect(idsIn(output.text)).toEqual(notices.slice(0, 3).map((n) => n.seq));
    expect(output.ended).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it('sends a heartbeat comment and cuts off a client that stops reading', async () => {
    const { database } = get();
    const { ws, notices } = await workspaceWithEvents(1);
    const { bus, deliver } = manualBus();
    const output = memoryOutput();
    const stream = new EventStream(output, { ...defaultStreamLimits, maxBufferedBytes: 10_000 });
    await stream.prepare(database.db, bus, ws.workspaceId, null);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    stream.start();
    vi.advanceTimersByTime(defaultStreamLimits.heartbeatMs);
    expect(output.text).toContain(': heartbeat\n\n');

    output.writableLength = 20_000; // the socket buffer is full
    deliver(notices[0] as EventNotice);
    expect(output.ended).toBe(true);
  });
});
