import { describe, expect, it } from 'vitest';
import type { ClockTicketState, PolicyFor } from './clock-types.ts';
import { computeClocks } from './compute-clocks.ts';
import { history } from './test-history.ts';
import { everyPriority, mon } from './test-policies.ts';

/** The ticket state the engine rebuilds from events and hands to policyFor (for policy conditions). */
describe('computeClocks: ticket state for policy conditions', () => {
  function statesSeen(events: ReturnType<typeof history>['events']): ClockTicketState[] {
    const seen: ClockTicketState[] = [];
    const policy = everyPriority({ first_reply: 60 });
    const policyFor: PolicyFor = (_priority, _tier, ticket) => {
      seen.push(ticket);
      return policy;
    };
    computeClocks(events, policyFor, new Date(mon('12:00')));
    return seen;
  }

  it('reads organization, category, tags and custom fields from `created`, and follows their changes', () => {
    const story = history(mon('09:00'));
    Object.assign(story.events[0]?.data ?? {}, { organization_id: 'org-1', category: 'Billing', tags: ['vip'], custom_fields: { region: 'north' } });
    story
      .event('category_changed', mon('09:10'), { from: 'Billing', to: 'Shipping' })
      .event('tags_changed', mon('09:20'), { from: ['vip'], to: ['vip', 'outage'] })
      .event('custom_fields_changed', mon('09:30'), { from: { region: 'north' }, to: { region: 'south', seats: 5 } })
      .event('organization_changed', mon('09:40'), { from: 'org-1', to: null });
    const seen = statesSeen(story.events);
    expect(seen[0]).toMatchObject({ organization_id: 'org-1', category: 'Billing', tags: ['vip'], custom_fields: { region: 'north' } });
    expect(seen.at(-1)).toEqual({
      status: 'new',
      priority: 'normal',
      tier_id: null,
      channel: 'email',
      team_id: null,
      branch_id: null,
      assignee_id: null,
      organization_id: null,
      category: 'Shipping',
      tags: ['vip', 'outage'],
      custom_fields: { region: 'south', seats: 5 },
    });
    expect(seen.map((s) => s.category)).toEqual(['Billing', 'Shipping', 'Shipping', 'Shipping', 'Shipping']);
  });

  it('a history without these fields (older events) has none: no category, no tags, no fields', () => {
    const [first] = statesSeen(history(mon('09:00')).events);
    expect(first).toMatchObject({ organization_id: null, category: null, tags: [], custom_fields: {} });
  });
});
