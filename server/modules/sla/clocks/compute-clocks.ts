/**
 * computeClocks: every SLA clock of one ticket as of `now`, as a pure fold over its events
 * (../../../../../shared/specs/sla.md, "Metrics (clocks)" and "Clock state"). Stored clock state
 * is a cache of this function: a recompute over history gives the same answer.
 *
 * The metric table, as implemented:
 * - first_reply: from `created`; fulfilled by the first public agent reply. When the ticket's
 *   first public message is itself an agent's (an agent-opened, outbound ticket), that message is
 *   not a reply: the next public agent reply fulfils. Never again after solve/reopen.
 * - next_reply: once the first reply is over, a customer message with no running next_reply
 *   starts one (the oldest unanswered message); the next public agent reply fulfils it.
 * - periodic_update: each public agent reply fulfils the running one and starts the next; a reply
 *   on a solved ticket starts none (nothing is owed until it reopens); after reopen it continues.
 * - requester_wait, agent_work, total_resolution: from `created` until solved; reopening
 *   reactivates them with elapsed time continuing. resolution: until the first solve, for good.
 * - chat_greet: from `created` on a chat ticket until the first public agent reply. chat_hold:
 *   once greeted, a customer message in the chat channel with no running hold starts one; the
 *   agent's answer fulfils it (each wait is an instance, like next_reply).
 * Only public replies by agents (actor user or api_key) fulfil; internal notes never do.
 * Solving fulfils running reply clocks (policy option: cancels them); a reply clock that started
 * at the very instant of the solve waited for nothing and is cancelled either way (a reply sent
 * together with "solved" does not leave an achieved zero-length periodic_update behind). Closed
 * is terminal; `merged` and `deleted` cancel running clocks. Events after closed/merged are ignored.
 */
import {
  cancelRun,
  type ClockRun,
  fulfilRun,
  isLive,
  reactivateRun,
  recordBreachBefore,
  startRun,
  syncRun,
  toInstance,
} from './clock-run.ts';
import {
  CLOCK_METRICS,
  type ClockEvent,
  type ClockInstance,
  type ClockMetric,
  type ClockPolicy,
  type ClockTarget,
  type ClockTicketPriority,
  type ClockTicketState,
  type ClockTicketStatus,
  DEFAULT_PAUSE_STATUSES,
  type PolicyFor,
} from './clock-types.ts';
import { orderEventsForFold } from './event-order.ts';

const REPLY_METRICS: readonly ClockMetric[] = ['first_reply', 'next_reply', 'periodic_update', 'chat_greet', 'chat_hold'];
const SOLVED_METRICS: readonly ClockMetric[] = ['requester_wait', 'agent_work', 'resolution', 'total_resolution'];
const REACTIVATED_METRICS: readonly ClockMetric[] = ['requester_wait', 'agent_work', 'total_resolution'];
const AGENT_ACTORS = new Set(['user', 'api_key']);
const METRIC_ORDER = Object.fromEntries(CLOCK_METRICS.map((m, i) => [m, i])) as Record<ClockMetric, number>;

interface TicketFold {
  readonly policyFor: PolicyFor;
  policy: ClockPolicy | null;
  /** The ticket state `policy` was looked up for. */
  policyTicket: ClockTicketState | null;
  ticket: ClockTicketState;
  /** Something syncAll must look at changed: the ticket state, or a run started or reactivated. */
  dirty: boolean;
  /** Latest run per metric (at most one is live at a time). */
  readonly current: Map<ClockMetric, ClockRun>;
  readonly runs: ClockRun[];
  publicMessages: number;
  firstReplyOver: boolean;
  greeted: boolean;
  ended: boolean;
}

/**
 * Clock instances of one ticket as of `now`, from its events (any order: they are sorted by
 * occurred_at, then seq). Events after `now` are ignored, so computing from a prefix of history
 * gives the same answer as computing from all of it. Latent runs (no target) are left out.
 */
export function computeClocks(events: readonly ClockEvent[], policyFor: PolicyFor, now: Date | number): ClockInstance[] {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('now must be a valid instant');
  let fold: TicketFold | null = null;
  const ordered = orderEventsForFold(events, nowMs);
  for (let i = 0; i < ordered.events.length; i++) {
    const event = ordered.events[i] as ClockEvent;
    const at = ordered.at[i] as number;
    if (!fold) {
      // Nothing is measured before the ticket exists.
      if (event.type === 'created') fold = openFold(event, at, policyFor);
      continue;
    }
    if (fold.ended) break;
    for (const run of fold.current.values()) recordBreachBefore(run, at);
    applyEvent(fold, event, at);
    syncAll(fold, at);
  }
  if (!fold) return [];
  const instances: ClockInstance[] = [];
  for (const run of fold.runs) {
    recordBreachBefore(run, nowMs);
    const instance = toInstance(run, nowMs);
    if (instance) instances.push(instance);
  }
  return instances.sort((a, b) => METRIC_ORDER[a.metric] - METRIC_ORDER[b.metric] || a.instance - b.instance);
}

function openFold(event: ClockEvent, at: number, policyFor: PolicyFor): TicketFold {
  const data = dataOf(event);
  const ticket: ClockTicketState = {
    status: (str(data.status) as ClockTicketStatus | null) ?? 'new',
    priority: (str(data.priority) as ClockTicketPriority | null) ?? 'normal',
    tier_id: str(data.tier_id),
    channel: str(data.channel) ?? '',
    team_id: str(data.team_id),
    branch_id: str(data.branch_id),
    assignee_id: str(data.assignee_id),
    organization_id: str(data.organization_id),
    category: str(data.category),
    tags: strings(data.tags),
    custom_fields: record(data.custom_fields),
  };
  const fold: TicketFold = {
    policyFor,
    policy: policyFor(ticket.priority, ticket.tier_id, ticket),
    policyTicket: ticket,
    ticket,
    dirty: true,
    current: new Map(),
    runs: [],
    publicMessages: 0,
    firstReplyOver: false,
    greeted: false,
    ended: false,
  };
  for (const metric of ['first_reply', 'requester_wait', 'agent_work', 'resolution', 'total_resolution'] as const) start(fold, metric, at);
  if (ticket.channel === 'chat') start(fold, 'chat_greet', at);
  syncAll(fold, at);
  // A ticket may be created solved or closed (a phone call logged after the fact, an import).
  if (ticket.status === 'solved' || ticket.status === 'closed') solve(fold, at);
  if (ticket.status === 'closed') fold.ended = true;
  return fold;
}

function applyEvent(fold: TicketFold, event: ClockEvent, at: number): void {
  const data = dataOf(event);
  switch (event.type) {
    case 'message_added':
      return onMessage(fold, event, at);
    case 'status_changed':
      return onStatus(fold, str(data.to) as ClockTicketStatus | null, at);
    case 'priority_changed': {
      const priority = str(data.to) as ClockTicketPriority | null;
      if (priority) setTicket(fold, 'priority', priority);
      return;
    }
    case 'tier_changed':
      return setTicket(fold, 'tier_id', str(data.to));
    case 'assigned':
      return setTicket(fold, 'assignee_id', str(data.to));
    case 'team_changed':
      return setTicket(fold, 'team_id', str(data.to));
    case 'branch_changed':
      return setTicket(fold, 'branch_id', str(data.to));
    case 'organization_changed':
      return setTicket(fold, 'organization_id', str(data.to));
    case 'category_changed':
      return setTicket(fold, 'category', str(data.to));
    case 'tags_changed':
      return setTicket(fold, 'tags', strings(data.to));
    case 'custom_fields_changed':
      return setTicket(fold, 'custom_fields', record(data.to));
    case 'merged':
    case 'deleted':
      for (const run of fold.current.values()) if (isLive(run)) cancelRun(run, at);
      fold.ended = true;
      return;
  }
}

function onMessage(fold: TicketFold, event: ClockEvent, at: number): void {
  const data = dataOf(event);
  const kind = str(data.kind);
  if (kind === 'internal_note') return;
  const opening = fold.publicMessages === 0;
  fold.publicMessages += 1;
  if (kind === 'customer') {
    if (fold.firstReplyOver && !isLive(fold.current.get('next_reply'))) start(fold, 'next_reply', at);
    if (str(data.channel) === 'chat' && fold.greeted && !isLive(fold.current.get('chat_hold'))) start(fold, 'chat_hold', at);
    return;
  }
  if (kind !== 'public_reply' || !AGENT_ACTORS.has(event.actor_type)) return;
  // An agent's message that opens the ticket is not a reply to anything.
  if (!opening) {
    fulfil(fold, 'first_reply', at);
    fold.firstReplyOver = true;
  }
  fulfil(fold, 'next_reply', at);
  fulfil(fold, 'chat_greet', at);
  fulfil(fold, 'chat_hold', at);
  fold.greeted = true;
  fulfil(fold, 'periodic_update', at);
  if (fold.ticket.status !== 'solved') start(fold, 'periodic_update', at);
}

function onStatus(fold: TicketFold, to: ClockTicketStatus | null, at: number): void {
  const from = fold.ticket.status;
  if (!to || to === from) return;
  if ((to === 'solved' || to === 'closed') && from !== 'solved') solve(fold, at);
  if (to === 'closed') fold.ended = true;
  else if (from === 'solved' && to !== 'solved') reopen(fold, at);
  setTicket(fold, 'status', to);
}

function solve(fold: TicketFold, at: number): void {
  const cancel = fold.policy?.solveWhileWaiting === 'cancel';
  for (const metric of REPLY_METRICS) {
    const run = fold.current.get(metric);
    if (!isLive(run)) continue;
    if (cancel || run.startedAt === at) cancelRun(run, at);
    else fulfilRun(run, at);
  }
  fold.firstReplyOver = true;
  fold.greeted = true;
  for (const metric of SOLVED_METRICS) fulfil(fold, metric, at);
}

function reopen(fold: TicketFold, at: number): void {
  for (const metric of REACTIVATED_METRICS) {
    const run = fold.current.get(metric);
    if (run?.state === 'fulfilled') {
      reactivateRun(run, at);
      fold.dirty = true;
    }
  }
}

function start(fold: TicketFold, metric: ClockMetric, at: number): void {
  const previous = fold.current.get(metric);
  const run = startRun(metric, (previous?.instance ?? 0) + 1, at);
  fold.current.set(metric, run);
  fold.runs.push(run);
  fold.dirty = true;
}

function fulfil(fold: TicketFold, metric: ClockMetric, at: number): void {
  const run = fold.current.get(metric);
  if (isLive(run)) fulfilRun(run, at);
}

/** A new state object (policyFor sees each state once, by identity) with one field changed. */
function setTicket<K extends keyof ClockTicketState>(fold: TicketFold, field: K, value: ClockTicketState[K]): void {
  const t = fold.ticket;
  // Field by field rather than `{ ...t, [field]: value }`: V8 copies an object literal that spreads
  // and then overrides a property thirty times slower, and this runs for most events.
  const next: { -readonly [F in keyof ClockTicketState]: ClockTicketState[F] } = {
    status: t.status,
    priority: t.priority,
    tier_id: t.tier_id,
    channel: t.channel,
    team_id: t.team_id,
    branch_id: t.branch_id,
    assignee_id: t.assignee_id,
    organization_id: t.organization_id,
    category: t.category,
    tags: t.tags,
    custom_fields: t.custom_fields,
  };
  next[field] = value;
  fold.ticket = next;
  fold.dirty = true;
}

/**
 * Applies the policy for the ticket as it now is — targets and pauses — to the running clocks.
 * The policy is looked up again whenever the ticket's state changed (policyFor is a function of
 * that state); when nothing changed and no clock started, there is nothing to do.
 */
function syncAll(fold: TicketFold, at: number): void {
  if (!fold.dirty) return;
  fold.dirty = false;
  const { ticket } = fold;
  if (fold.policyTicket !== ticket) {
    fold.policy = fold.policyFor(ticket.priority, ticket.tier_id, ticket);
    fold.policyTicket = ticket;
  }
  const policy = fold.policy;
  const targets = targetsOf(policy?.targets[ticket.priority]);
  for (const run of fold.current.values()) {
    if (!isLive(run)) continue;
    const pauses = policy?.pauseStatuses?.[run.metric] ?? DEFAULT_PAUSE_STATUSES[run.metric];
    syncRun(run, at, targets.get(run.metric) ?? null, pauses.includes(ticket.status));
  }
}

const targetIndex = new WeakMap<readonly ClockTarget[], Map<ClockMetric, ClockTarget>>();
const NO_TARGETS = new Map<ClockMetric, ClockTarget>();

/** Targets by metric (the first entry per metric wins), memoised per targets list. */
function targetsOf(list: readonly ClockTarget[] | undefined): ReadonlyMap<ClockMetric, ClockTarget> {
  if (!list) return NO_TARGETS;
  let index = targetIndex.get(list);
  if (!index) {
    index = new Map();
    for (const target of list) if (!index.has(target.metric)) index.set(target.metric, target);
    targetIndex.set(list, index);
  }
  return index;
}

const NO_DATA: Readonly<Record<string, unknown>> = Object.freeze({});

function dataOf(event: ClockEvent): Readonly<Record<string, unknown>> {
  return event.data ?? NO_DATA;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

const NO_TAGS: readonly string[] = Object.freeze([]);
const NO_FIELDS: Readonly<Record<string, unknown>> = Object.freeze({});

function strings(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : NO_TAGS;
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : NO_FIELDS;
}
