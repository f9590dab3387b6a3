import { orderEvents } from '../sla/clocks/event-order.ts';

/**
 * The fact row of one ticket (migration 0016), as a pure fold over what the raw rows say: the
 * ticket as it is now, its events, its stored SLA clocks and its latest survey scores. No I/O;
 * `ticket-facts.service.ts` loads the rows and stores the result.
 *
 * What each column means (the analytics API documents its anchors on top of these):
 * - Dimensions (tier, organization, channel, priority, category, team, branch, assignee, tags,
 *   status) are the ticket's as it is now.
 * - `excluded`: the ticket was merged into another (a `merged` event) or carries the tag `spam`.
 *   Excluded tickets count in ticket volume (created) only.
 * - `first_reply_at`: the first public reply by an agent (actor user or API key) that is not the
 *   ticket's opening message — an agent who opens a ticket with a public message has not replied
 *   to anything (the SLA engine's rule). A solve is not a reply: a ticket solved without any reply
 *   has no first reply here (its first_reply clock, fulfilled by the solve, is left out too).
 *   `first_reply_s`: calendar seconds from creation; `first_reply_business_s`: the elapsed time of
 *   the first_reply clock fulfilled by that very reply (in the clock's measure: business time for
 *   business-mode targets), null without such a clock.
 * - Next replies: once the first reply is over (or the ticket was solved), a customer message with
 *   no wait running starts a wait (the oldest unanswered message); the next agent public reply
 *   ends it: one entry in `next_reply_at` (the reply), `next_reply_s` (calendar seconds) and
 *   `next_reply_business_s` (the next_reply clock fulfilled by that reply, or null). Waits ended
 *   by a solve, a close or a merge are not replies and are left out.
 * - `first_solved_at`: the first time the ticket became solved or closed (at creation when it was
 *   created so). `solved_at`: when it is solved or closed now, the latest time it became so;
 *   otherwise null. `reopened_at` / `reopens`: the latest / number of moves from solved or closed
 *   to another status. `resolution_s`: calendar seconds from creation to the first solve;
 *   `resolution_business_s`: the fulfilled resolution clock's elapsed time.
 * - `agent_replies`: public agent messages up to and including the first solve (all of them when
 *   never solved); a ticket first solved with exactly one is a one-touch resolution.
 * - `handle_s`: the time the ticket spent in status new or open (waiting on the team) from its
 *   creation up to its latest solve — a proxy for agent work, since agents' working time is not
 *   recorded; 0 for a ticket never solved.
 * - SLA per metric, over the ticket's stored clocks that are not cancelled: `sla_breached` lists
 *   metrics with any clock breached (fulfilled late, or running past its due time at `now`),
 *   `sla_achieved` those whose clocks all ended achieved. A metric with a clock still running
 *   before its due time is in neither. `sla_slack_ratio`: the smallest (target − elapsed) / target
 *   over achieved clocks; null without any. `sla_recheck_at`: the earliest due time of a running
 *   clock not yet breached — when that passes, the fact is out of date and is rebuilt.
 * - `csat`, `ces`: the latest response's score of each kind linked to the ticket.
 */

export type FactStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';

export interface FactTicket {
  id: string;
  workspace_id: string;
  status: FactStatus;
  priority: string;
  channel: string;
  category: string | null;
  tags: readonly string[];
  tier_id: string | null;
  organization_id: string | null;
  team_id: string | null;
  branch_id: string | null;
  assignee_id: string | null;
  created_at: Date;
}

export interface FactEvent {
  type: string;
  actor_type: string;
  data: Readonly<Record<string, unknown>>;
  /** A Date, an ISO string or epoch milliseconds. */
  occurred_at: Date | string | number;
  seq?: number | string | null;
}

export interface FactClock {
  metric: string;
  instance: number;
  state: 'active' | 'paused' | 'fulfilled' | 'cancelled';
  target_seconds: number;
  elapsed_ms: number;
  due_at: Date | null;
  fulfilled_at: Date | null;
  outcome: 'achieved' | 'breached' | null;
  breached_at: Date | null;
}

export interface FactSurvey {
  csat: number | null;
  ces: number | null;
}

export interface TicketFact {
  ticket_id: string;
  workspace_id: string;
  tier_id: string | null;
  organization_id: string | null;
  channel: string;
  priority: string;
  category: string | null;
  team_id: string | null;
  branch_id: string | null;
  assignee_id: string | null;
  tags: string[];
  status: FactStatus;
  excluded: boolean;
  created_at: Date;
  first_reply_at: Date | null;
  first_reply_s: number | null;
  first_reply_business_s: number | null;
  next_reply_at: Date[];
  next_reply_s: number[];
  next_reply_business_s: (number | null)[];
  last_next_reply_at: Date | null;
  first_solved_at: Date | null;
  solved_at: Date | null;
  reopened_at: Date | null;
  reopens: number;
  resolution_s: number | null;
  resolution_business_s: number | null;
  agent_replies: number;
  handle_s: number;
  sla_achieved: string[];
  sla_breached: string[];
  sla_slack_ratio: number | null;
  sla_recheck_at: Date | null;
  csat: number | null;
  ces: number | null;
  refreshed_at: Date;
}

/** The tag that leaves a ticket out of the analytics (as a merged ticket is). */
export const SPAM_TAG = 'spam';

const SOLVED = new Set(['solved', 'closed']);
const WORKING = new Set(['new', 'open']);
const AGENT_ACTORS = new Set(['user', 'api_key']);

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function buildTicketFact(ticket: FactTicket, events: readonly FactEvent[], clocks: readonly FactClock[], survey: FactSurvey | null, now: Date): TicketFact {
  const createdMs = ticket.created_at.getTime();
  const ordered = orderEvents(
    events.map((e) => ({ type: e.type, actor_type: e.actor_type as 'user', data: e.data, occurred_at: e.occurred_at, seq: e.seq ?? null })),
    Number.POSITIVE_INFINITY,
  );

  let status: string = 'new';
  let statusSince = createdMs;
  let working = 0; // ms in new/open so far
  let handleMs = 0; // `working` as of the latest solve
  let firstSolved: number | null = null;
  let lastSolve: number | null = null;
  let lastReopen: number | null = null;
  let reopens = 0;
  let merged = false;
  let publicMessages = 0;
  let firstReply: number | null = null;
  let firstReplyOver = false;
  let waitingSince: number | null = null;
  const nextReplies: { at: number; ms: number }[] = [];
  const agentReplyTimes: number[] = [];

  const moveTo = (to: string, at: number) => {
    if (to === status) return;
    if (WORKING.has(status)) working += Math.max(0, at - statusSince);
    if (SOLVED.has(to) && !SOLVED.has(status)) {
      firstSolved ??= at;
      lastSolve = at;
      handleMs = working;
      firstReplyOver = true;
      waitingSince = null; // a solve ends a wait without a reply
    } else if (SOLVED.has(status) && !SOLVED.has(to)) {
      lastReopen = at;
      reopens += 1;
    }
    status = to;
    statusSince = at;
  };

  for (const event of ordered) {
    const at = event.at;
    switch (event.type) {
      case 'created': {
        status = 'new';
        statusSince = createdMs;
        moveTo(str(event.data.status) ?? 'new', createdMs);
        break;
      }
      case 'status_changed': {
        const to = str(event.data.to);
        if (to) moveTo(to, at);
        break;
      }
      case 'merged':
        merged = true;
        waitingSince = null;
        break;
      case 'message_added': {
        const kind = str(event.data.kind);
        if (kind === 'internal_note' || merged) break;
        const opening = publicMessages === 0;
        publicMessages += 1;
        if (kind === 'customer') {
          // On a solved ticket too: the message reopens it (the status change follows at the same instant).
          if (firstReplyOver && waitingSince === null) waitingSince = at;
          break;
        }
        if (kind !== 'public_reply' || !AGENT_ACTORS.has(event.actor_type)) break;
        agentReplyTimes.push(at);
        if (!opening && firstReply === null) {
          firstReply = at;
          firstReplyOver = true;
        }
        if (waitingSince !== null) {
          nextReplies.push({ at, ms: at - waitingSince });
          waitingSince = null;
        }
        break;
      }
    }
  }

  const solvedNow = SOLVED.has(ticket.status);
  const resolutionClock = clocks.find((c) => c.metric === 'resolution' && c.instance === 1 && c.state === 'fulfilled');
  const firstReplyClock =
    firstReply === null ? undefined : clocks.find((c) => c.metric === 'first_reply' && c.state === 'fulfilled' && c.fulfilled_at?.getTime() === firstReply);
  const nextReplyClocks = clocks.filter((c) => c.metric === 'next_reply' && c.state === 'fulfilled');
  const sla = slaOutcomes(clocks, now);
  const tags = [...ticket.tags];
  const firstSolvedAt = firstSolved as number | null;
  const lastReply = nextReplies.length > 0 ? (nextReplies[nextReplies.length - 1] as { at: number }).at : null;

  return {
    ticket_id: ticket.id,
    workspace_id: ticket.workspace_id,
    tier_id: ticket.tier_id,
    organization_id: ticket.organization_id,
    channel: ticket.channel,
    priority: ticket.priority,
    category: ticket.category,
    team_id: ticket.team_id,
    branch_id: ticket.branch_id,
    assignee_id: ticket.assignee_id,
    tags,
    status: ticket.status,
    excluded: merged || tags.includes(SPAM_TAG),
    created_at: ticket.created_at,
    first_reply_at: firstReply === null ? null : new Date(firstReply),
    first_reply_s: firstReply === null ? null : (firstReply - createdMs) / 1000,
    first_reply_business_s: firstReplyClock ? firstReplyClock.elapsed_ms / 1000 : null,
    next_reply_at: nextReplies.map((r) => new Date(r.at)),
    next_reply_s: nextReplies.map((r) => r.ms / 1000),
    next_reply_business_s: nextReplies.map((r) => {
      const clock = nextReplyClocks.find((c) => c.fulfilled_at?.getTime() === r.at);
      return clock ? clock.elapsed_ms / 1000 : null;
    }),
    last_next_reply_at: lastReply === null ? null : new Date(lastReply),
    first_solved_at: firstSolvedAt === null ? null : new Date(firstSolvedAt),
    solved_at: solvedNow && lastSolve !== null ? new Date(lastSolve) : null,
    reopened_at: lastReopen === null ? null : new Date(lastReopen),
    reopens,
    resolution_s: firstSolvedAt === null ? null : (firstSolvedAt - createdMs) / 1000,
    resolution_business_s: firstSolvedAt !== null && resolutionClock ? resolutionClock.elapsed_ms / 1000 : null,
    agent_replies: agentReplyTimes.filter((t) => firstSolvedAt === null || t <= firstSolvedAt).length,
    handle_s: handleMs / 1000,
    ...sla,
    csat: survey?.csat ?? null,
    ces: survey?.ces ?? null,
    refreshed_at: now,
  };
}

/** Per metric outcome of the ticket's clocks at `now` (cancelled clocks are left out, as in SLA rates). */
export function slaOutcomes(
  clocks: readonly FactClock[],
  now: Date,
): Pick<TicketFact, 'sla_achieved' | 'sla_breached' | 'sla_slack_ratio' | 'sla_recheck_at'> {
  const nowMs = now.getTime();
  const byMetric = new Map<string, FactClock[]>();
  for (const c of clocks) {
    if (c.state === 'cancelled') continue;
    const list = byMetric.get(c.metric) ?? [];
    list.push(c);
    byMetric.set(c.metric, list);
  }
  const achieved: string[] = [];
  const breached: string[] = [];
  let slack: number | null = null;
  let recheck: number | null = null;
  for (const [metric, list] of byMetric) {
    let anyBreached = false;
    let allAchieved = true;
    for (const c of list) {
      const running = c.state === 'active' || c.state === 'paused';
      const late = c.outcome === 'breached' || c.breached_at !== null || (c.state === 'active' && c.due_at !== null && c.due_at.getTime() <= nowMs);
      if (late) anyBreached = true;
      if (!(c.state === 'fulfilled' && c.outcome === 'achieved')) allAchieved = false;
      if (running && !late && c.state === 'active' && c.due_at !== null) recheck = Math.min(recheck ?? Number.POSITIVE_INFINITY, c.due_at.getTime());
      if (c.state === 'fulfilled' && c.outcome === 'achieved' && c.target_seconds > 0) {
        const ratio = (c.target_seconds - c.elapsed_ms / 1000) / c.target_seconds;
        slack = slack === null ? ratio : Math.min(slack, ratio);
      }
    }
    if (anyBreached) breached.push(metric);
    else if (allAchieved) achieved.push(metric);
  }
  return {
    sla_achieved: achieved.sort(),
    sla_breached: breached.sort(),
    sla_slack_ratio: slack,
    sla_recheck_at: recheck === null ? null : new Date(recheck),
  };
}
