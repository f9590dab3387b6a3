import type { MessageKind, TicketPriority } from '../../platform/schema.ts';
import { AGENTS, type BranchKey, type DemoAgent, type TeamKey, TRIAGE_BY_BRANCH, UTC_OFFSET } from './content/company.ts';
import { CONTENT } from './content/index.ts';
import { type DemoChannel, SCENARIO_KEYS, SCENARIOS } from './content/scenarios.ts';
import type { Locale, ScenarioKey } from './content/types.ts';
import { type CustomerPlan, effectiveTier, planCustomers } from './demo-customers.ts';
import { DemoRandom } from './demo-random.ts';
import { renderText } from './demo-text.ts';

/**
 * Plans the whole demo workspace from a seed and "now", without touching a
 * database: who the customers are and, for every ticket, each message and
 * change with its time and author. Same seed and now, same plan.
 */

export const DEMO_SEED = 20_261_123;
export const DEMO_TICKETS = 300;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HISTORY_DAYS = 90;

export type PlanActor = { type: 'customer' } | { type: 'agent'; agent: string } | { type: 'system' };

export interface PlanChanges {
  status?: 'solved' | 'closed';
  priority?: TicketPriority;
  assignee?: string;
  tags?: string[];
}

export type PlanStep =
  | { type: 'message'; at: Date; kind: MessageKind; actor: PlanActor; text: string; status?: 'pending' | 'solved' }
  | { type: 'change'; at: Date; actor: PlanActor; changes: PlanChanges };

export interface TicketPlan {
  index: number;
  customer: number;
  locale: Locale;
  scenario: ScenarioKey;
  subject: string;
  channel: DemoChannel;
  priority: TicketPriority;
  category: string;
  tags: string[];
  team: TeamKey;
  branch: BranchKey;
  orderNumber: string | null;
  createdAt: Date;
  openedBy: PlanActor;
  /** Set when the agent who took the call or visit opens the ticket. */
  assigneeAtOpen: string | null;
  /** In time order; the first is the customer's message, written when the ticket opens. */
  steps: PlanStep[];
}

export interface DemoPlan {
  customers: (CustomerPlan & { createdAt: Date })[];
  tickets: TicketPlan[];
}

const PRIORITY_UP: Record<TicketPriority, TicketPriority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/** Minutes an answer takes, by channel: chat is live, mail waits in a queue. */
const AGENT_DELAY: Record<DemoChannel, [number, number]> = {
  chat: [1, 8], email: [15, 420], web_form: [15, 420], webhook: [20, 360], api: [15, 300], phone: [10, 300], visit: [10, 240],
};
const CUSTOMER_DELAY: Record<DemoChannel, [number, number]> = {
  chat: [1, 6], email: [40, 1200], web_form: [40, 1200], webhook: [30, 900], api: [30, 900], phone: [120, 1440], visit: [120, 1440],
};

function agentByKey(key: string): DemoAgent {
  const agent = AGENTS.find((a) => a.key === key);
  if (!agent) throw new Error(`unknown demo agent ${key}`);
  return agent;
}

/** Someone on the team who speaks the customer's language; agents more often than supervisors. */
function chooseAssignee(rng: DemoRandom, team: TeamKey, locale: Locale): string {
  const weights: Record<string, number> = {};
  for (const a of AGENTS) {
    if (a.teams.includes(team) && a.speaks.includes(locale)) weights[a.key] = a.role === 'agent' ? 4 : 1;
  }
  return rng.weighted(weights);
}

/** A moment in the customer's office hours, `daysAgo` days before now. */
function localOfficeTime(rng: DemoRandom, now: Date, daysAgo: number, timeZone: string): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const localHour = rng.between(8, 21);
  let at = midnight - daysAgo * DAY + (localHour - (UTC_OFFSET[timeZone] ?? 0)) * HOUR;
  while (at > now.getTime() - 20 * MINUTE) at -= DAY;
  return new Date(at);
}

function planTicket(rng: DemoRandom, now: Date, customer: CustomerPlan, index: number): TicketPlan {
  const scenarioWeights: Partial<Record<ScenarioKey, number>> = {};
  for (const key of SCENARIO_KEYS) {
    const base = SCENARIOS[key].weight;
    scenarioWeights[key] = key === 'invoice_request' ? (customer.organization ? base * 4 : base / 3) : base;
  }
  const scenario = rng.weighted(scenarioWeights);
  const meta = SCENARIOS[scenario];
  let channel = rng.weighted(meta.channels);
  // Without an email address, people call.
  if (!customer.email && (channel === 'email' || channel === 'web_form' || channel === 'chat')) channel = 'phone';
  const script = CONTENT[customer.locale].scenarios[scenario];
  const assignee = agentByKey(chooseAssignee(rng, meta.team, customer.locale));
  const triage = TRIAGE_BY_BRANCH[customer.branch];
  const orderNumber = `LL-${rng.int(100_000, 999_999)}`;
  const vars = {
    name: customer.short,
    fullname: customer.name,
    agent: assignee.signatureIn?.[customer.locale] ?? assignee.signature,
    order: orderNumber,
    customerGender: customer.gender,
    agentGender: assignee.gender,
  };
  // Skewed towards recent days: the company is growing, and the inbox has a working set.
  const createdAt = localOfficeTime(rng, now, Math.floor(HISTORY_DAYS * rng.float() ** 1.4), customer.timeZone);
  const tier = effectiveTier(customer);
  const tags = [...meta.tags, ...(tier === 'platinum' ? ['vip'] : [])];
  const isCall = channel === 'phone' || channel === 'visit';
  const openedBy: PlanActor = isCall
    ? { type: 'agent', agent: assignee.key }
    : channel === 'webhook' || channel === 'api' ? { type: 'system' } : { type: 'customer' };

  const minutes = ([min, max]: [number, number]) => rng.between(min, max) * MINUTE;
  const steps: PlanStep[] = [];
  let t = createdAt.getTime();
  const [first, ...rest] = script.lines;
  if (!first) throw new Error(`empty script ${customer.locale}/${scenario}`);
  steps.push({ type: 'message', at: new Date(t), kind: 'customer', actor: { type: 'customer' }, text: renderText(first.text, vars) });

  // Triage: the branch supervisor assigns, or the agent picks the ticket up (chats always).
  const selfAssign = channel === 'chat' || rng.chance(0.4);
  t += channel === 'chat' ? minutes([0.5, 3]) : minutes([5, 120]);
  if (!isCall) {
    const by: PlanActor = { type: 'agent', agent: selfAssign ? assignee.key : triage };
    steps.push({ type: 'change', at: new Date(t), actor: by, changes: { assignee: assignee.key } });
  }
  if (tier === 'platinum' || rng.chance(0.08)) {
    t += minutes([0.5, 5]);
    steps.push({ type: 'change', at: new Date(t), actor: { type: 'agent', agent: triage }, changes: { priority: PRIORITY_UP[meta.priority] } });
  }

  const me: PlanActor = { type: 'agent', agent: assignee.key };
  let previous: 'customer' | 'agent' | 'note' = 'customer';
  for (const line of rest) {
    if (line.by === 'customer') t += minutes(CUSTOMER_DELAY[channel]);
    else if (line.by === 'note') t += channel === 'chat' ? minutes([1, 3]) : minutes([5, 60]);
    else t += previous === 'note' ? minutes([2, 30]) : minutes(AGENT_DELAY[channel]);
    const text = renderText(line.text, vars);
    const at = new Date(t);
    if (line.by === 'customer') steps.push({ type: 'message', at, kind: 'customer', actor: { type: 'customer' }, text });
    else if (line.by === 'note') steps.push({ type: 'message', at, kind: 'internal_note', actor: me, text });
    else steps.push({ type: 'message', at, kind: 'public_reply', actor: me, text, ...(line.status ? { status: line.status } : {}) });
    if (line.by === 'note' && meta.noteTag) {
      t += 30_000;
      steps.push({ type: 'change', at: new Date(t), actor: me, changes: { tags: [...tags, meta.noteTag] } });
    }
    previous = line.by;
  }

  // Drawn for every ticket, used or not, so the plan's shape never depends on `now`.
  const stallRoll = rng.float();
  const stallPosition = rng.float();
  const quietDays = rng.between(3, 5);
  const closeDays = rng.between(4, 6);

  // What has happened by now; some tickets are still waiting (many of the recent ones, a few old ones).
  let kept = steps.filter((s) => s.at.getTime() < now.getTime() - MINUTE);
  const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
  const stallChance = ageDays < 3 ? 0.5 : ageDays < 14 ? 0.15 : 0.04;
  if (stallRoll < stallChance) kept = kept.slice(0, 1 + Math.floor(stallPosition * kept.length));

  const lastMessage = [...kept].reverse().find((s) => s.type === 'message');
  const lastAt = kept.at(-1)?.at.getTime() ?? createdAt.getTime();
  let solvedAt: number | null = null;
  if (lastMessage?.type === 'message' && lastMessage.status === 'solved') solvedAt = lastMessage.at.getTime();
  if (lastMessage?.type === 'message' && lastMessage.status === 'pending') {
    // No answer from the customer: the agent solves the ticket after a few quiet days.
    const at = lastAt + quietDays * DAY;
    if (at < now.getTime()) {
      kept.push({ type: 'change', at: new Date(at), actor: me, changes: { status: 'solved' } });
      solvedAt = at;
    }
  }
  if (solvedAt !== null && solvedAt + closeDays * DAY < now.getTime()) {
    kept.push({ type: 'change', at: new Date(solvedAt + closeDays * DAY), actor: { type: 'system' }, changes: { status: 'closed' } });
  }

  return {
    index,
    customer: customer.index,
    locale: customer.locale,
    scenario,
    subject: renderText(script.subject, vars),
    channel,
    priority: meta.priority,
    category: meta.category,
    tags,
    team: meta.team,
    branch: customer.branch,
    orderNumber: meta.hasOrder ? orderNumber : null,
    createdAt,
    openedBy,
    assigneeAtOpen: isCall ? assignee.key : null,
    steps: kept,
  };
}

export function planDemoWorkspace(options: { now: Date; seed?: number; tickets?: number }): DemoPlan {
  const rng = new DemoRandom(options.seed ?? DEMO_SEED);
  const customers = planCustomers(rng);
  const tickets: TicketPlan[] = [];
  for (let i = 0; i < (options.tickets ?? DEMO_TICKETS); i++) {
    tickets.push(planTicket(rng, options.now, rng.pick(customers), i));
  }
  // Numbered in the order they arrived.
  tickets.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.index - b.index);
  tickets.forEach((t, i) => {
    t.index = i;
  });

  // A customer exists from a little before their first ticket (or some time in the period).
  const firstTicket = new Map<number, number>();
  for (const t of tickets) if (!firstTicket.has(t.customer)) firstTicket.set(t.customer, t.createdAt.getTime());
  const withDates = customers.map((c) => {
    const lead = rng.between(1, 45 * 24) * HOUR;
    const first = firstTicket.get(c.index);
    const createdAt = new Date(first !== undefined ? first - lead : options.now.getTime() - rng.between(1, HISTORY_DAYS) * DAY);
    return { ...c, createdAt };
  });
  return { customers: withDates, tickets };
}
