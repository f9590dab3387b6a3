import type { Kysely } from 'kysely';
import type { SurveySettings } from '../../../contracts/surveys.ts';
import type { DB, Ticket } from '../../platform/schema.ts';
import { refreshTicketClocks } from '../sla-clocks/sla-clocks.service.ts';
import { appendEvent, appendMessage, applyChanges, type EventActor, openTicket } from '../tickets/ticket-writer.ts';

/**
 * What a dissatisfied answer sets off (configurable per survey): reopen the ticket, or open a
 * follow-up ticket for the team lead. Runs in the response's transaction, through ticket-writer and
 * the clock refresh like every ticket change. A closed ticket cannot reopen: it gets a follow-up
 * ticket instead. Returns the ticket that carries the follow-up.
 */
const SYSTEM: EventActor = { actor_type: 'system', actor_id: null };

export interface FollowUpSpec {
  settings: SurveySettings;
  surveyId: string;
  surveyName: string;
  responseId: string;
  customerId: string;
  ticket: Ticket | null;
  scores: { csat: number | null; ces: number | null; nps: number | null };
  comment: string | null;
  now: Date;
  workspaceId: string;
  segment: { organizationId: string | null; tierId: string | null };
}

function scoreText(scores: FollowUpSpec['scores']): string {
  return [scores.csat !== null ? `CSAT ${scores.csat}/5` : null, scores.ces !== null ? `CES ${scores.ces}` : null, scores.nps !== null ? `NPS ${scores.nps}/10` : null]
    .filter(Boolean)
    .join(', ');
}

export async function followUpDissatisfied(trx: Kysely<DB>, spec: FollowUpSpec): Promise<string | null> {
  const action = spec.settings.followup.action;
  if (action === 'none') return null;
  const data = { survey_id: spec.surveyId, response_id: spec.responseId, ...spec.scores };
  if (action === 'reopen' && spec.ticket && spec.ticket.status === 'solved') {
    await appendEvent(trx, spec.ticket, 'survey_dissatisfied', SYSTEM, data, spec.now);
    const reopened = await applyChanges(trx, spec.ticket, { status: 'open' }, SYSTEM, spec.now);
    await refreshTicketClocks(trx, reopened, spec.now);
    return spec.ticket.id;
  }
  const about = spec.ticket ? ` — #${spec.ticket.number} ${spec.ticket.subject}` : '';
  const ticket = await openTicket(trx, {
    workspaceId: spec.workspaceId,
    subject: `Follow-up: dissatisfied customer (${scoreText(spec.scores)})${about}`.slice(0, 300),
    customerId: spec.customerId,
    organizationId: spec.segment.organizationId,
    tierId: spec.segment.tierId,
    channel: 'internal',
    status: 'open',
    priority: 'high',
    teamId: spec.ticket?.team_id ?? null,
    branchId: spec.ticket?.branch_id ?? null,
    assigneeId: spec.settings.followup.lead_user_id,
    tags: ['survey-followup'],
    at: spec.now,
    actor: SYSTEM,
  });
  const lines = [
    `Survey "${spec.surveyName}": ${scoreText(spec.scores)}.`,
    spec.ticket ? `About ticket #${spec.ticket.number} (${spec.ticket.id}).` : '',
    spec.comment ? `Comment: ${spec.comment}` : 'No comment.',
  ].filter(Boolean);
  const { ticket: after } = await appendMessage(trx, ticket, {
    kind: 'internal_note',
    channel: 'internal',
    text: lines.join('\n'),
    html: null,
    at: spec.now,
    actor: SYSTEM,
  });
  await appendEvent(trx, after, 'survey_dissatisfied', SYSTEM, data, spec.now);
  await refreshTicketClocks(trx, after, spec.now);
  return ticket.id;
}
