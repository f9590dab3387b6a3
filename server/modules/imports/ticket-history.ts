import type { ImportedMessage, ImportTicketLine } from '../../../contracts/imports.ts';
import type { TicketStatus } from '../../platform/schema.ts';

/**
 * Turns an imported ticket's messages and status changes into the ordered
 * steps that replay it through the ticket writer, the way live traffic
 * would have written it. Pure.
 *
 * Rules (the writer changes status on its own: a customer message reopens a
 * pending/on-hold/solved ticket, an agent's first reply opens a new one):
 * - Steps run in time order; at one instant, messages come first (in file
 *   order), then that instant's status changes. So an explicit status change
 *   wins at its timestamp over whatever a message did automatically.
 * - A status change at the very instant of an agent message that is the last
 *   message of that instant, by the same agent (or either side unnamed), is
 *   folded into it as "reply and set status" — exactly what the live API
 *   writes for POST /tickets/:id/messages with `status`.
 * The importer then moves the ticket to the record's final `status` if the
 * replay ended elsewhere.
 */
export type ReplayStep =
  | { kind: 'message'; at: Date; message: ImportedMessage; requestedStatus?: TicketStatus }
  | { kind: 'status'; at: Date; to: TicketStatus; byEmail: string | null };

type History = Pick<ImportTicketLine, 'messages' | 'status_changes'>;

export function replaySteps(history: History): ReplayStep[] {
  // Group by instant; within an instant, file order is kept.
  const byInstant = new Map<number, { messages: ImportedMessage[]; changes: { to: TicketStatus; byEmail: string | null }[] }>();
  const slot = (iso: string) => {
    const t = Date.parse(iso);
    const s = byInstant.get(t) ?? { messages: [], changes: [] };
    byInstant.set(t, s);
    return s;
  };
  for (const m of history.messages) slot(m.created_at).messages.push(m);
  for (const c of history.status_changes) slot(c.at).changes.push({ to: c.to, byEmail: c.by_email ?? null });

  const steps: ReplayStep[] = [];
  for (const instant of [...byInstant.keys()].sort((a, b) => a - b)) {
    const { messages, changes } = byInstant.get(instant) as { messages: ImportedMessage[]; changes: { to: TicketStatus; byEmail: string | null }[] };
    const at = new Date(instant);
    const messageSteps = messages.map((message): ReplayStep & { kind: 'message' } => ({ kind: 'message', at, message }));
    const last = messageSteps.at(-1);
    const first = changes[0];
    if (last && first && last.message.kind !== 'customer' && sameAgent(last.message.author_email, first.byEmail)) {
      last.requestedStatus = first.to;
      changes.shift();
    }
    steps.push(...messageSteps, ...changes.map((c): ReplayStep => ({ kind: 'status', at, ...c })));
  }
  return steps;
}

function sameAgent(author: string | null | undefined, by: string | null): boolean {
  if (!author || !by) return true;
  return author.toLowerCase() === by.toLowerCase();
}

/** When the replayed history ends: the latest message or status change. */
export function lastInstant(createdAt: Date, steps: ReplayStep[]): Date {
  return new Date(Math.max(createdAt.getTime(), ...steps.map((s) => s.at.getTime())));
}
