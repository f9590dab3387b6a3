/**
 * SLA engine benchmark (pure code, no server): part of `npm run bench`, alone with BENCH_ONLY=sla.
 *
 * - addBusinessMinutes calls/s on a realistic calendar — Mon–Fri 09:00–12:00 + 13:00–17:00,
 *   America/New_York (DST), 15 holidays a year — from random minute-aligned starts over 2024
 *   (inside and outside hours) with random durations of 1–1260 business minutes (up to three
 *   7-hour business days), against a naive baseline in the same run that steps minute by minute
 *   asking isBusinessTime. Both must agree on every sampled call, or the bench throws.
 * - computeClocks tickets/s over generated, realistic ticket histories (a dozen or two events:
 *   replies, pending, solve and reopen, priority changes, some chats) with a policy that targets
 *   every metric in business mode on the same calendar.
 * Figures are from a warm process (the calendar's per-day records memoised), as in the server.
 */
import { performance } from 'node:perf_hooks';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  type ClockEvent,
  type ClockMetric,
  type ClockPolicy,
  type ClockTarget,
  computeClocks,
  createCalendar,
  isBusinessTime,
} from '../server/modules/sla/index.ts';
import { seededRandom } from '../test/seeded-random.ts';

export interface SlaBenchResult {
  calendar: string;
  addCallsPerSec: number;
  naiveCallsPerSec: number;
  /** addBusinessMinutes throughput ÷ naive stepping throughput. */
  speedup: number;
  addCalls: number;
  naiveCalls: number;
  computeTicketsPerSec: number;
  computeTickets: number;
  eventsPerTicket: number;
  instancesPerTicket: number;
}

const MINUTE = 60_000;
const range = (start: string, end: string) => ({ start, end });
const day = [range('09:00', '12:00'), range('13:00', '17:00')];

/** US federal-style holidays plus Christmas Eve and New Year's Eve: 15 a year in 2024 and 2025. */
const HOLIDAYS = [
  ...['01-01', '06-19', '07-04', '11-11', '12-24', '12-25', '12-31'].map((date) => ({ date, recurring: true })),
  ...['2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-09-02', '2024-10-14', '2024-11-28', '2024-11-29'].map((date) => ({ date })),
  ...['2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-09-01', '2025-10-13', '2025-11-27', '2025-11-28'].map((date) => ({ date })),
];

export function benchCalendar(): BusinessCalendar {
  return createCalendar({
    timeZone: 'America/New_York',
    weeklyHours: { mon: day, tue: day, wed: day, thu: day, fri: day },
    holidays: HOLIDAYS,
  });
}


/**
 * The naive reference: walk minute by minute, counting open minutes. The first open minute after
 * `minutes` have been counted is the answer — which is the endpoint rule (used up at a period's
 * end → the next period's start). Valid because this calendar's boundaries are whole minutes.
 */
function naiveAddBusinessMinutes(calendar: BusinessCalendar, start: number, minutes: number): number {
  let left = minutes;
  for (let t = start; ; t += MINUTE) {
    if (isBusinessTime(calendar, t)) {
      if (left === 0) return t;
      left -= 1;
    }
  }
}

function inputs(count: number, seed: number): { starts: Float64Array; minutes: Int32Array } {
  const next = seededRandom(seed);
  const from = Date.parse('2024-01-01T00:00:00Z') / MINUTE;
  const starts = new Float64Array(count);
  const minutes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    starts[i] = (from + Math.floor(next() * 366 * 24 * 60)) * MINUTE;
    minutes[i] = 1 + Math.floor(next() * 1260);
  }
  return { starts, minutes };
}

/** Runs `call` over the inputs until `budgetMs` is spent (at least once through `min` inputs). */
function measure(count: number, budgetMs: number, min: number, call: (i: number) => number): { calls: number; perSec: number } {
  let checksum = 0;
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (calls < min || elapsed < budgetMs) {
    checksum += call(calls % count);
    calls += 1;
    if ((calls & 255) === 0 || calls === min) elapsed = performance.now() - started;
  }
  elapsed = performance.now() - started;
  if (checksum === 42) process.stderr.write(''); // keep the results observable
  return { calls, perSec: Math.round((calls / elapsed) * 1000) };
}

export function benchAddBusinessMinutes(budgetMs = 2000) {
  const calendar = benchCalendar();
  const sample = inputs(200_000, 1);
  // Agreement first (also warms the day records and the JIT for both).
  for (let i = 0; i < 300; i++) {
    const start = sample.starts[i] as number;
    const minutes = sample.minutes[i] as number;
    const fast = addBusinessMinutes(calendar, start, minutes).getTime();
    const naive = naiveAddBusinessMinutes(calendar, start, minutes);
    if (fast !== naive) {
      throw new Error(`addBusinessMinutes(${new Date(start).toISOString()}, ${minutes}) = ${new Date(fast).toISOString()}, naive ${new Date(naive).toISOString()}`);
    }
  }
  const fast = measure(sample.starts.length, budgetMs, 50_000, (i) => addBusinessMinutes(calendar, sample.starts[i] as number, sample.minutes[i] as number).getTime());
  const naive = measure(sample.starts.length, budgetMs, 200, (i) => naiveAddBusinessMinutes(calendar, sample.starts[i] as number, sample.minutes[i] as number));
  return { fast, naive };
}

function benchPolicy(calendar: BusinessCalendar): ClockPolicy {
  const minutes: Record<ClockMetric, number> = {
    first_reply: 120, next_reply: 240, periodic_update: 480, requester_wait: 960, agent_work: 720,
    resolution: 1680, total_resolution: 2520, chat_greet: 1, chat_hold: 0.5,
  };
  const list = (scale: number): ClockTarget[] =>
    Object.entries(minutes).map(([metric, m]) => ({ metric: metric as ClockMetric, seconds: m * 60 * scale, mode: 'business', calendar }));
  return { targets: { low: list(2), normal: list(1), high: list(0.5), urgent: list(0.25) } };
}

/** A plausible ticket: opened by a customer, a few exchanges, maybe pending, solved, sometimes reopened. */
function ticketHistory(next: () => number): { events: ClockEvent[]; end: number } {
  const events: ClockEvent[] = [];
  let at = (Date.parse('2024-01-01T00:00:00Z') / MINUTE + Math.floor(next() * 360 * 24 * 60)) * MINUTE;
  let seq = 0;
  const chat = next() < 0.1;
  const push = (type: string, actor_type: ClockEvent['actor_type'], data: Record<string, unknown>) =>
    events.push({ type, actor_type, data, occurred_at: new Date(at), seq: ++seq });
  const wait = (maxMinutes: number) => {
    at += Math.floor(1 + next() * maxMinutes) * (chat ? 1000 : MINUTE);
  };
  push('created', 'api_key', { status: 'new', priority: ['low', 'normal', 'high', 'urgent'][Math.floor(next() * 4)], channel: chat ? 'chat' : 'email', tier_id: null });
  push('message_added', 'customer', { kind: 'customer', channel: chat ? 'chat' : 'email', author_type: 'customer' });
  let status = 'new';
  const setStatus = (to: string) => {
    push('status_changed', 'user', { from: status, to });
    status = to;
  };
  const rounds = 1 + Math.floor(next() * 5);
  for (let r = 0; r < rounds; r++) {
    wait(600);
    if (next() < 0.3) push('message_added', 'user', { kind: 'internal_note', channel: 'api', author_type: 'user' });
    push('message_added', 'user', { kind: 'public_reply', channel: 'api', author_type: 'user' });
    if (status === 'new') setStatus('open');
    if (next() < 0.4) setStatus('pending');
    if (next() < 0.15) push('priority_changed', 'user', { from: null, to: next() < 0.5 ? 'high' : 'normal' });
    wait(1440);
    push('message_added', 'customer', { kind: 'customer', channel: chat ? 'chat' : 'email', author_type: 'customer' });
    if (status === 'pending') setStatus('open');
  }
  wait(600);
  push('message_added', 'user', { kind: 'public_reply', channel: 'api', author_type: 'user' });
  setStatus('solved');
  if (next() < 0.2) {
    wait(2880);
    push('message_added', 'customer', { kind: 'customer', channel: 'email', author_type: 'customer' });
    setStatus('open');
    wait(600);
    push('message_added', 'user', { kind: 'public_reply', channel: 'api', author_type: 'user' });
    setStatus('solved');
  }
  if (next() < 0.7) {
    wait(4 * 1440);
    setStatus('closed');
  }
  return { events, end: at };
}

export function benchComputeClocks(budgetMs = 2000) {
  const calendar = benchCalendar();
  const policy = benchPolicy(calendar);
  const policyFor = () => policy;
  const next = seededRandom(7);
  const tickets = Array.from({ length: 5000 }, () => ticketHistory(next));
  const eventsPerTicket = tickets.reduce((n, t) => n + t.events.length, 0) / tickets.length;
  let instances = 0;
  for (const t of tickets) instances += computeClocks(t.events, policyFor, t.end + 86_400_000).length;
  const result = measure(tickets.length, budgetMs, tickets.length, (i) => {
    const t = tickets[i] as { events: ClockEvent[]; end: number };
    return computeClocks(t.events, policyFor, t.end + 86_400_000).length;
  });
  return { ...result, eventsPerTicket, instancesPerTicket: instances / tickets.length };
}

export async function benchBusinessTime(): Promise<SlaBenchResult> {
  const { fast, naive } = benchAddBusinessMinutes();
  const clocks = benchComputeClocks();
  return {
    calendar: 'America/New_York, Mon–Fri 09–12 + 13–17, 15 holidays/yr',
    addCallsPerSec: fast.perSec,
    naiveCallsPerSec: naive.perSec,
    speedup: Math.round((fast.perSec / naive.perSec) * 10) / 10,
    addCalls: fast.calls,
    naiveCalls: naive.calls,
    computeTicketsPerSec: clocks.perSec,
    computeTickets: clocks.calls,
    eventsPerTicket: Math.round(clocks.eventsPerTicket * 10) / 10,
    instancesPerTicket: Math.round(clocks.instancesPerTicket * 10) / 10,
  };
}
