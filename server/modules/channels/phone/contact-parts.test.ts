import { describe, expect, it } from 'vitest';
import { contactParts, defaultReason, partBody } from './contact-parts.ts';

describe('contactParts: who speaks when', () => {
  const cases: [string, string, string[]][] = [
    ['inbound', 'resolved', ['customer@start:reason', 'public_reply@end:notes']],
    ['inbound', 'follow_up', ['customer@start:reason', 'public_reply@end:notes']],
    ['inbound', 'callback_requested', ['customer@start:reason', 'public_reply@end:notes']],
    ['inbound', 'voicemail', ['customer@start:reason_and_notes']],
    ['inbound', 'no_answer', ['customer@start:reason_and_notes']],
    ['inbound', 'busy', ['customer@start:reason_and_notes']],
    ['inbound', 'no_show', ['internal_note@start:notes']],
    ['outbound', 'resolved', ['public_reply@start:notes']],
    ['outbound', 'follow_up', ['public_reply@start:notes']],
    ['outbound', 'voicemail', ['public_reply@start:notes']],
    ['outbound', 'no_answer', ['internal_note@start:notes']],
    ['outbound', 'busy', ['internal_note@start:notes']],
    ['outbound', 'no_show', ['internal_note@start:notes']],
  ];
  it.each(cases)('%s %s', (direction, outcome, expected) => {
    const parts = contactParts(direction as 'inbound' | 'outbound', outcome);
    expect(parts.map((p) => `${p.kind}@${p.when}:${p.body}`)).toEqual(expected);
  });

  it('writes a summary line when no reason is given', () => {
    expect(defaultReason('call', 'inbound', 250)).toBe('Inbound phone call (4 min 10 s)');
    expect(defaultReason('visit', 'outbound', 30)).toBe('Visit at the customer (30 s)');
    expect(partBody({ kind: 'customer', when: 'start', body: 'reason_and_notes' }, 'R', 'N')).toBe('R\n\nN');
  });
});
