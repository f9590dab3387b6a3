import { describe, expect, it } from 'vitest';
import type { ImportedMessage, ImportedStatusChange } from '../../../contracts/imports.ts';
import { lastInstant, replaySteps } from './ticket-history.ts';

const msg = (kind: ImportedMessage['kind'], created_at: string, author_email?: string): ImportedMessage => ({
  kind,
  created_at,
  body_text: `${kind} at ${created_at}`,
  ...(author_email ? { author_email } : {}),
});
const change = (to: ImportedStatusChange['to'], at: string, by_email?: string): ImportedStatusChange => ({ to, at, ...(by_email ? { by_email } : {}) });
const summary = (steps: ReturnType<typeof replaySteps>) =>
  steps.map((s) => (s.kind === 'message' ? `${s.message.kind}@${s.at.toISOString().slice(11, 16)}${s.requestedStatus ? `+${s.requestedStatus}` : ''}` : `${s.to}@${s.at.toISOString().slice(11, 16)}`));

describe('replaySteps', () => {
  it('merges messages and status changes in time order, whatever the file order', () => {
    const steps = replaySteps({
      messages: [msg('public_reply', '2025-03-01T09:00:00Z'), msg('customer', '2025-03-01T08:00:00Z')],
      status_changes: [change('solved', '2025-03-01T10:00:00Z'), change('on_hold', '2025-03-01T08:30:00Z')],
    });
    expect(summary(steps)).toEqual(['customer@08:00', 'on_hold@08:30', 'public_reply@09:00', 'solved@10:00']);
  });

  it('compares instants, not strings (offsets)', () => {
    const steps = replaySteps({
      messages: [msg('customer', '2025-03-01T15:00:00+07:00'), msg('public_reply', '2025-03-01T07:30:00Z')],
      status_changes: [],
    });
    expect(summary(steps)).toEqual(['public_reply@07:30', 'customer@08:00']);
  });

  it('folds a status change into the agent reply at the same instant by the same agent (reply and set status)', () => {
    const steps = replaySteps({
      messages: [msg('customer', '2025-03-01T08:00:00Z'), msg('public_reply', '2025-03-01T09:10:00Z', 'Agent@x.com')],
      status_changes: [change('pending', '2025-03-01T09:10:00Z', 'agent@x.com'), change('solved', '2025-03-01T09:10:00Z', 'agent@x.com')],
    });
    expect(summary(steps)).toEqual(['customer@08:00', 'public_reply@09:10+pending', 'solved@09:10']);
  });

  it('does not fold into a customer message, another agent’s reply, or a reply followed by a customer message', () => {
    expect(
      summary(replaySteps({ messages: [msg('customer', '2025-03-01T09:00:00Z')], status_changes: [change('solved', '2025-03-01T09:00:00Z')] })),
    ).toEqual(['customer@09:00', 'solved@09:00']);
    expect(
      summary(
        replaySteps({
          messages: [msg('public_reply', '2025-03-01T09:00:00Z', 'a@x.com')],
          status_changes: [change('pending', '2025-03-01T09:00:00Z', 'b@x.com')],
        }),
      ),
    ).toEqual(['public_reply@09:00', 'pending@09:00']);
    expect(
      summary(
        replaySteps({
          messages: [msg('public_reply', '2025-03-01T09:00:00Z'), msg('customer', '2025-03-01T09:00:00Z')],
          status_changes: [change('solved', '2025-03-01T09:00:00Z')],
        }),
      ),
    ).toEqual(['public_reply@09:00', 'customer@09:00', 'solved@09:00']);
  });

  it('lastInstant is the latest step, or the creation when there is nothing later', () => {
    const created = new Date('2025-03-01T08:00:00Z');
    const steps = replaySteps({ messages: [msg('customer', '2025-03-01T08:00:00Z')], status_changes: [change('open', '2025-03-02T08:00:00Z')] });
    expect(lastInstant(created, steps).toISOString()).toBe('2025-03-02T08:00:00.000Z');
    expect(lastInstant(created, []).toISOString()).toBe(created.toISOString());
  });
});
