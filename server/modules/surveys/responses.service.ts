import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { listResponsesQuery, TicketRatingDto } from '../../../contracts/surveys.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import * as repo from './responses.repository.ts';
import { notFound } from '../../platform/errors.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { loadDefinition, loadSurvey } from './surveys.service.ts';
import * as surveysRepo from './surveys.repository.ts';

/** Reading responses with their comments (the ticket's rating, a survey's answers). */

export function toResponseDto(r: repo.ResponseRow) {
  return {
    id: r.id,
    survey_id: r.survey_id,
    version: r.version,
    ticket_id: r.ticket_id,
    customer_id: r.customer_id,
    agent_id: r.agent_id,
    team_id: r.team_id,
    branch_id: r.branch_id,
    channel: r.channel,
    tier_id: r.tier_id,
    locale: r.locale,
    csat: r.csat,
    ces: r.ces,
    nps: r.nps,
    answers: r.answers,
    comment: r.comment,
    flags: r.flags,
    sla: { first_reply: r.sla_first_reply, resolution: r.sla_resolution },
    followup_ticket_id: r.followup_ticket_id,
    submitted_at: iso(r.submitted_at) as string,
    updated_at: iso(r.updated_at) as string,
  };
}

const HEADLINE: Record<string, 'csat' | 'ces' | 'nps'> = { csat: 'csat', ces: 'ces', nps: 'nps' };

/** A survey's responses, newest first, with filters (the screens' list). */
export async function listSurveyResponses(db: Kysely<DB>, ctx: RequestContext, surveyId: string, query: z.output<typeof listResponsesQuery>) {
  const { row: survey } = await loadSurvey(db, ctx.workspaceId, surveyId);
  const before = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const column = HEADLINE[survey.type] ?? 'csat';
  const rows = await repo.listResponses(db, ctx.workspaceId, surveyId, {
    ticketId: query.ticket_id,
    teamId: query.team_id,
    agentId: query.agent_id,
    channel: query.channel,
    withComment: query.with_comment === undefined ? undefined : query.with_comment === 'true',
    score: query.score_min !== undefined || query.score_max !== undefined ? { column, min: query.score_min, max: query.score_max } : undefined,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    before,
    newestFirst: true,
    limit: query.limit + 1,
  });
  return toPage(rows, query.limit, (r) => [r.id], toResponseDto);
}

/**
 * The ratings of one ticket, for the ticket view (any agent who can open the ticket): the
 * headline scores on their scales, the comment and the time. Anonymous responses carry no ticket,
 * so they never show here.
 */
export async function ticketRatings(db: Kysely<DB>, ctx: RequestContext, ticketId: string): Promise<TicketRatingDto[]> {
  if (!(await findTicket(db, ctx.workspaceId, ticketId))) throw notFound('Ticket');
  const rows = await repo.responsesOfTicket(db, ctx.workspaceId, ticketId);
  const out: TicketRatingDto[] = [];
  for (const r of rows) {
    const survey = await surveysRepo.findSurvey(db, ctx.workspaceId, r.survey_id, { includeDeleted: true });
    if (!survey) continue;
    const definition = await loadDefinition(db, ctx.workspaceId, survey.id, r.version);
    const scores: TicketRatingDto['scores'] = [];
    for (const q of definition.questions) {
      if (q.kind !== 'scale' || !q.role) continue;
      const value = r[q.role];
      if (value !== null) scores.push({ role: q.role, value, min: q.scale.min, max: q.scale.max });
    }
    out.push({ id: r.id, survey_id: survey.id, survey_name: survey.name, survey_type: survey.type, scores, comment: r.comment, submitted_at: iso(r.submitted_at) as string, updated_at: iso(r.updated_at) as string });
  }
  return out;
}
