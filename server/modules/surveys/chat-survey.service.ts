import type { Kysely } from 'kysely';
import type { ChatSurveyPrompt } from '../../../contracts/chat.ts';
import { newId } from '../../platform/ids.ts';
import type { DB } from '../../platform/schema.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { mintLink, snapshotOf } from './invitations.service.ts';
import * as repo from './invitations.repository.ts';
import { rollupInvitationSent } from './survey-rollups.service.ts';
import { loadDefinition, parseSettings } from './surveys.service.ts';
import * as surveysRepo from './surveys.repository.ts';
import { fill, pickLocale, SURVEY_TEXTS, textIn } from './texts/index.ts';

/**
 * The inline survey of a live chat: when a chat ends, the visitor's widget shows the CSAT (or CES)
 * question of the workspace's after-solve survey, answered in place (a JSON POST to the same
 * `/s/:token` the email links open) or on the full page. The invitation (`delivery: chat_inline`,
 * once per ticket like every after-solve invitation) is made now — the chat's end is the moment
 * to ask, so the survey's delay is for email only — and marked sent when a widget shows it. Each
 * widget that shows it mints its own link token (only its hash is stored), which lives only in
 * that socket's frame.
 */

const DAY = 86_400_000;

export async function offerChatSurvey(db: Kysely<DB>, input: { workspaceId: string; ticketId: string; now: Date }): Promise<ChatSurveyPrompt | null> {
  const { workspaceId, now } = input;
  const survey = (await surveysRepo.surveysSendingAfterSolve(db, workspaceId))[0];
  if (!survey) return null;
  return db.transaction().execute(async (trx) => {
    const ticket = await findTicket(trx, workspaceId, input.ticketId);
    if (!ticket || ticket.channel !== 'chat' || ticket.tags.includes('spam') || (await repo.ticketWasMerged(trx, workspaceId, ticket.id))) return null;
    const settings = parseSettings(survey.settings);
    let invitation = await repo.findTicketInvitation(trx, workspaceId, survey.id, ticket.id);
    if (!invitation) {
      const throttle = settings.send_after_solved.customer_throttle_days;
      if (throttle > 0 && (await repo.invitedSince(trx, workspaceId, survey.id, ticket.customer_id, new Date(now.getTime() - throttle * DAY)))) return null;
      const customer = await trx.selectFrom('customers').select(['id', 'locale']).where('workspace_id', '=', workspaceId).where('id', '=', ticket.customer_id).executeTakeFirst();
      invitation = await repo.insertTicketInvitation(trx, {
        id: newId(now.getTime()),
        workspace_id: workspaceId,
        survey_id: survey.id,
        study_id: null,
        customer_id: ticket.customer_id,
        ticket_id: ticket.id,
        locale: customer?.locale ?? null,
        delivery: 'chat_inline',
        status: 'pending',
        error: null,
        ...snapshotOf(ticket),
        expires_at: new Date(now.getTime() + settings.invitation_ttl_days * DAY),
        created_at: now,
      });
      if (!invitation) return null;
    }
    if (invitation.delivery !== 'chat_inline' || invitation.responded_at || invitation.expires_at <= now) return null;
    if (invitation.status === 'pending') {
      const sent = await repo.markSent(trx, workspaceId, invitation.id, now);
      if (sent) await rollupInvitationSent(trx, sent, now);
    }
    const definition = await loadDefinition(trx, workspaceId, survey.id, survey.current_version);
    const question = definition.questions.find((q) => q.kind === 'scale' && (q.role === 'csat' || q.role === 'ces'));
    if (!question || question.kind !== 'scale') return null;
    const comment = definition.questions.find((q) => q.kind === 'text' && q.comment);
    const commentText = comment?.kind === 'text' ? comment.text : undefined;
    const workspace = await surveysRepo.workspaceOf(trx, workspaceId);
    const locale = pickLocale(definition.title, [invitation.locale, workspace.default_locale]);
    const texts = SURVEY_TEXTS[locale];
    const company = { company: workspace.name };
    const labels: { value: number; label: string }[] = [];
    for (let v = question.scale.min; v <= question.scale.max; v++) labels.push({ value: v, label: textIn(question.scale.labels[String(v)], locale) || String(v) });
    // A path, not a URL: the widget joins it to the server it was loaded from.
    const path = await mintLink(trx, invitation, '', now);
    return {
      invitation_id: invitation.id,
      path,
      version: survey.current_version,
      locale,
      title: fill(textIn(definition.title, locale), company),
      question: { id: question.id, text: fill(textIn(question.text, locale), company), choices: labels },
      comment: comment && commentText ? { id: comment.id, text: fill(textIn(commentText, locale), company) } : null,
      texts: { submit: texts.page.submit, thank_you: textIn(definition.thank_you, locale) || texts.page.thank_you, open_full: texts.email.open_link },
    };
  });
}
