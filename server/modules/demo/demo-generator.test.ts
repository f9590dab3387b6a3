import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../platform/schema.ts';
import { canChangeStatus, statusAfterMessage } from '../tickets/ticket-status.ts';
import { AGENTS, ORGANIZATIONS } from './content/company.ts';
import { CONTENT } from './content/index.ts';
import { DEMO_CHANNELS, SCENARIO_KEYS } from './content/scenarios.ts';
import { LOCALES } from './content/types.ts';
import { DEMO_TICKETS, planDemoWorkspace, type TicketPlan } from './demo-generator.ts';
import { DemoRandom, mulberry32 } from './demo-random.ts';
import { renderText } from './demo-text.ts';

const NOW = new Date('2026-11-23T10:30:00Z');
const DAY = 24 * 60 * 60_000;
const plan = planDemoWorkspace({ now: NOW });

const THAI = /[\u0E00-\u0E7F]/;
const VIETNAMESE = /[ăơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const CZECH_HACEK = /[čďěňřšťž]/i;

/** Replays a plan through the real status rules; throws on a move the writer would refuse. */
function finalStatus(ticket: TicketPlan): TicketStatus {
  let status: TicketStatus = 'new';
  for (const step of ticket.steps) {
    const next: TicketStatus = step.type === 'message' ? statusAfterMessage(status, step.kind, step.status) : (step.changes.status ?? status);
    if (status === 'closed') throw new Error(`ticket ${ticket.index}: activity after closing`);
    if (!canChangeStatus(status, next)) throw new Error(`ticket ${ticket.index}: ${status} -> ${next}`);
    status = next;
  }
  return status;
}

describe('mulberry32', () => {
  it('is deterministic per seed and spreads over [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.filter((x) => x < 0.5).length).toBeGreaterThan(430);
    expect(xs.filter((x) => x < 0.5).length).toBeLessThan(570);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  it('weighted picks follow the weights', () => {
    const rng = new DemoRandom(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 2000; i++) counts[rng.weighted({ a: 3, b: 1 })]++;
    expect(counts.a / 2000).toBeGreaterThan(0.7);
    expect(counts.a / 2000).toBeLessThan(0.8);
  });
});

describe('renderText', () => {
  it('fills variables and picks the speaker-gendered form', () => {
    const vars = { name: 'Lan', fullname: 'Nguyễn Thị Lan', agent: 'Petr', order: 'LL-1', customerGender: 'f' as const, agentGender: 'm' as const };
    expect(renderText('objednal{c:|a} jsem {order}; {a:ověřil|ověřila} jsem, {name}', vars)).toBe('objednala jsem LL-1; ověřil jsem, Lan');
    expect(renderText('สวัสดี{c:ครับ|ค่ะ} {agent}', { ...vars, customerGender: 'm' })).toBe('สวัสดีครับ Petr');
  });
});

describe('demo content', () => {
  it('tells every scenario in every language, each starting with the customer', () => {
    for (const locale of LOCALES) {
      for (const key of SCENARIO_KEYS) {
        const script = CONTENT[locale].scenarios[key];
        expect(script.subject.length, `${locale}/${key}`).toBeGreaterThan(5);
        expect(script.lines[0]?.by, `${locale}/${key}`).toBe('customer');
        expect(script.lines.some((l) => l.by === 'agent'), `${locale}/${key}`).toBe(true);
      }
    }
  });
});

describe('planDemoWorkspace', () => {
  it('is deterministic: the same seed and now give the same plan; another seed another', () => {
    expect(planDemoWorkspace({ now: NOW })).toEqual(plan);
    const other = planDemoWorkspace({ now: NOW, seed: 1 });
    expect(other.tickets.map((t) => t.subject)).not.toEqual(plan.tickets.map((t) => t.subject));
  });

  it('plans ~300 tickets for 120 customers, in all five languages and over every channel', () => {
    expect(plan.tickets).toHaveLength(DEMO_TICKETS);
    expect(plan.customers).toHaveLength(120);
    const byLocale = new Map(LOCALES.map((l) => [l, plan.tickets.filter((t) => t.locale === l).length]));
    for (const [locale, n] of byLocale) expect(n, locale).toBeGreaterThan(30);
    for (const channel of DEMO_CHANNELS) expect(plan.tickets.some((t) => t.channel === channel), channel).toBe(true);
    for (const key of SCENARIO_KEYS) expect(plan.tickets.some((t) => t.scenario === key), key).toBe(true);
  });

  it('writes each language in its own script, with every placeholder filled', () => {
    const texts = (locale: string) =>
      plan.tickets.filter((t) => t.locale === locale).flatMap((t) => [t.subject, ...t.steps.flatMap((s) => (s.type === 'message' ? [s.text] : []))]);
    expect(texts('th').every((s) => THAI.test(s))).toBe(true);
    expect(texts('vi').filter((s) => VIETNAMESE.test(s)).length).toBeGreaterThan(texts('vi').length * 0.9);
    expect(texts('cs').some((s) => CZECH_HACEK.test(s))).toBe(true);
    expect(texts('ms').some((s) => /pesanan|terima kasih/i.test(s))).toBe(true);
    // English mail may be signed "Jana Dvořáková", but never in Thai script.
    expect(texts('en').some((s) => THAI.test(s))).toBe(false);
    const all = LOCALES.flatMap(texts);
    expect(all.filter((s) => /[{}]/.test(s))).toEqual([]);
  });

  it('keeps every timestamp in the last ~90 days before now, with messages in increasing time order', () => {
    for (const t of plan.tickets) {
      expect(t.createdAt.getTime()).toBeLessThan(NOW.getTime());
      expect(t.createdAt.getTime()).toBeGreaterThan(NOW.getTime() - 91 * DAY);
      const [first, ...rest] = t.steps;
      expect(first).toMatchObject({ type: 'message', kind: 'customer', at: t.createdAt });
      let previous = t.createdAt.getTime();
      for (const step of rest) {
        expect(step.at.getTime()).toBeGreaterThan(previous);
        expect(step.at.getTime()).toBeLessThan(NOW.getTime());
        previous = step.at.getTime();
      }
    }
    // Tickets are numbered in arrival order.
    const created = plan.tickets.map((t) => t.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('follows the status rules and leaves a realistic mix: new, open or pending, solved and closed', () => {
    const statuses = plan.tickets.map(finalStatus);
    const count = (s: TicketStatus) => statuses.filter((x) => x === s).length;
    expect(count('new')).toBeGreaterThan(5);
    expect(count('open') + count('pending')).toBeGreaterThan(3);
    expect(count('solved')).toBeGreaterThan(10);
    expect(count('closed')).toBeGreaterThan(150);
    // Older than two weeks and still untouched: a small backlog, not the norm.
    const oldNew = plan.tickets.filter((t, i) => statuses[i] === 'new' && t.createdAt.getTime() < NOW.getTime() - 14 * DAY);
    expect(oldNew.length).toBeLessThan(15);
  });

  it('has agents answer in the customer\'s language, on the ticket\'s team', () => {
    for (const t of plan.tickets) {
      for (const step of t.steps) {
        if (step.type !== 'message' || step.actor.type !== 'agent') continue;
        const key = step.actor.agent;
        const agent = AGENTS.find((a) => a.key === key);
        expect(agent?.speaks, `${t.index} ${key}`).toContain(t.locale);
        expect(agent?.teams, `${t.index} ${key}`).toContain(t.team);
      }
    }
  });

  it('gives customers identities: unique emails, organization members at their domain', () => {
    const emails = plan.customers.flatMap((c) => (c.email ? [c.email] : []));
    expect(new Set(emails).size).toBe(emails.length);
    expect(plan.customers.every((c) => c.email || c.phone)).toBe(true);
    expect(plan.customers.some((c) => !c.email)).toBe(true);
    for (const c of plan.customers.filter((x) => x.organization)) {
      const org = ORGANIZATIONS.find((o) => o.key === c.organization);
      expect(c.email?.endsWith(`@${org?.domain}`)).toBe(true);
    }
    expect(new Set(plan.customers.map((c) => c.locale))).toEqual(new Set(LOCALES));
  });
});
