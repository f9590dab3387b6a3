import { z } from 'zod';
import { locale, pageQuery, timestamp } from './common.ts';

/**
 * Surveys (issue 6): CSAT, CES, NPS, SERVQUAL, Kano and custom questionnaires, their versions,
 * invitations, studies, responses and results. The scoring is `gapwise/quality`.
 */

export const SURVEY_LOCALES = ['en', 'th', 'vi', 'cs', 'ms'] as const;
export type SurveyLocale = (typeof SURVEY_LOCALES)[number];
export const surveyTypes = z.enum(['csat', 'ces', 'nps', 'servqual', 'kano', 'custom']);
export type SurveyType = z.infer<typeof surveyTypes>;
export const servqualDimensions = z.enum(['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy']);
export const kanoAnswers = z.enum(['like', 'expect', 'neutral', 'live_with', 'dislike']);

/** Text in one or more of the five languages; the page falls back to the workspace default, then English, then any. */
export const translations = z
  .object({
    en: z.string().min(1).max(2000).optional(),
    th: z.string().min(1).max(2000).optional(),
    vi: z.string().min(1).max(2000).optional(),
    cs: z.string().min(1).max(2000).optional(),
    ms: z.string().min(1).max(2000).optional(),
  })
  .strict()
  .refine((t) => Object.values(t).some((v) => v !== undefined), { message: 'needs a text in at least one language' });
export type Translations = z.infer<typeof translations>;

const questionId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter (≤ 40)')
  .describe('Stable id of the question within the survey; answers are keyed by it');

export const answerScale = z
  .object({
    min: z.number().int().min(-10).max(100),
    max: z.number().int().min(-10).max(100),
    direction: z.enum(['higher_is_better', 'higher_is_worse']).default('higher_is_better'),
    labels: z.record(z.string().regex(/^-?\d+$/), translations).default({}).describe('Label per value, e.g. {"1": {...}, "5": {...}}'),
  })
  .strict()
  .refine((s) => s.min < s.max && s.max - s.min <= 20, { message: 'min must be below max, at most 21 points' });
export type AnswerScaleDef = z.infer<typeof answerScale>;

const scaleQuestion = z
  .object({
    id: questionId,
    kind: z.literal('scale'),
    text: translations,
    required: z.boolean().default(true),
    scale: answerScale,
    role: z.enum(['csat', 'ces', 'nps']).optional().describe('The headline score this question carries (at most one question per role)'),
  })
  .strict();
const choiceQuestion = z
  .object({
    id: questionId,
    kind: z.literal('choice'),
    text: translations,
    required: z.boolean().default(false),
    multiple: z.boolean().default(false),
    options: z.array(z.object({ id: questionId, text: translations }).strict()).min(1).max(30),
  })
  .strict();
const textQuestion = z
  .object({
    id: questionId,
    kind: z.literal('text'),
    text: translations,
    required: z.boolean().default(false),
    max_length: z.number().int().min(1).max(10_000).default(2000),
    comment: z.boolean().default(false).describe('This is the response comment (stored as the response comment)'),
  })
  .strict();
const servqualQuestion = z
  .object({
    id: questionId,
    kind: z.literal('servqual'),
    dimension: servqualDimensions,
    is_reversed: z.boolean().default(false).describe('A negatively worded item: an answer x scores (min + max) − x'),
    expectation: translations,
    perception: translations,
    required: z.boolean().default(false),
  })
  .strict();
const kanoQuestion = z
  .object({
    id: questionId,
    kind: z.literal('kano'),
    feature: translations,
    functional: translations.describe('"If … is present, how do you feel?"'),
    dysfunctional: translations.describe('"If … is absent, how do you feel?"'),
    required: z.boolean().default(false),
  })
  .strict();
const allocationQuestion = z
  .object({
    id: questionId,
    kind: z.literal('allocation'),
    text: translations,
    required: z.boolean().default(false),
    total: z.number().int().min(1).max(1000).default(100),
    options: z.array(z.object({ id: questionId, text: translations }).strict()).min(2).max(20),
  })
  .strict();

export const surveyQuestion = z.discriminatedUnion('kind', [
  scaleQuestion,
  choiceQuestion,
  textQuestion,
  servqualQuestion,
  kanoQuestion,
  allocationQuestion,
]);
export type SurveyQuestion = z.infer<typeof surveyQuestion>;

export const surveyDefinition = z
  .object({
    title: translations,
    intro: translations.optional(),
    thank_you: translations.optional(),
    questions: z.array(surveyQuestion).max(200),
    servqual: z
      .object({
        form: z.enum(['gap', 'three_column']).default('gap').describe('gap: expectation + perception; three_column: adequate, desired, perceived'),
        scale: answerScale,
        column_labels: z.partialRecord(z.enum(['expectation', 'perception', 'adequate', 'desired']), translations).default({}),
      })
      .strict()
      .optional(),
    kano_answers: z.partialRecord(kanoAnswers, translations).optional().describe('Labels of the five Kano answers'),
  })
  .strict();
export type SurveyDefinition = z.infer<typeof surveyDefinition>;

export const surveySettings = z
  .object({
    anonymous: z.boolean().default(false).describe('Responses are not linked to the customer, ticket or agent'),
    edit_window_minutes: z.number().int().min(0).max(43_200).default(1440).describe('How long an answer can be changed'),
    invitation_ttl_days: z.number().int().min(1).max(365).default(30),
    send_after_solved: z
      .object({
        enabled: z.boolean().default(false),
        delay_minutes: z.number().int().min(0).max(43_200).default(60),
        customer_throttle_days: z.number().int().min(0).max(365).default(0).describe('At most one invitation per customer in this many days (0: per ticket only)'),
      })
      .strict()
      .default({ enabled: false, delay_minutes: 60, customer_throttle_days: 0 })
      .describe('CSAT/CES: invite after a ticket is solved (once per ticket)'),
    schedule: z
      .object({
        enabled: z.boolean().default(false),
        every_days: z.number().int().min(1).max(366).default(30),
        sample_size: z.number().int().min(1).max(10_000).default(100),
        throttle_days: z.number().int().min(0).max(3650).default(90),
        tier_ids: z.array(z.uuid()).max(50).default([]),
        organization_ids: z.array(z.uuid()).max(500).default([]),
      })
      .strict()
      .default({ enabled: false, every_days: 30, sample_size: 100, throttle_days: 90, tier_ids: [], organization_ids: [] })
      .describe('NPS relationship survey: sample of customers on a schedule, per-customer throttle'),
    followup: z
      .object({
        action: z.enum(['none', 'reopen', 'ticket_for_lead']).default('none'),
        lead_user_id: z.uuid().nullable().default(null).describe('Assignee of the follow-up ticket (else the ticket team, unassigned)'),
      })
      .strict()
      .default({ action: 'none', lead_user_id: null })
      .describe('On a dissatisfied answer (CSAT ≤ 2, CES ≤ 3, NPS detractor with a comment)'),
  })
  .strict();
export type SurveySettings = z.infer<typeof surveySettings>;

export const createSurveyBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    type: surveyTypes,
    active: z.boolean().default(true),
    include_ces: z.boolean().default(false).describe('CSAT: add the optional CES question to the default definition'),
    settings: surveySettings.partial().optional(),
    definition: surveyDefinition.optional().describe('Omit to start from the default for the type, in all five languages'),
  })
  .strict();

export const updateSurveyBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    active: z.boolean().optional(),
    settings: surveySettings.partial().optional(),
    definition: surveyDefinition.optional().describe('A new definition; when the current version has responses, a new version is made'),
  })
  .strict();

export const surveyDto = z.object({
  id: z.uuid(),
  name: z.string(),
  type: surveyTypes,
  active: z.boolean(),
  version: z.number().int(),
  settings: z.record(z.string(), z.unknown()),
  definition: z.record(z.string(), z.unknown()),
  next_run_at: timestamp.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type SurveyDto = z.infer<typeof surveyDto>;

export const surveyVersionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) }).strict();
export const surveyTypeParams = z.object({ type: surveyTypes }).strict();
export const listSurveysQuery = z.object({ ...pageQuery, type: surveyTypes.optional() }).strict();

export const createInvitationBody = z
  .object({
    customer_id: z.uuid(),
    ticket_id: z.uuid().optional(),
    locale: locale.optional(),
    send_email: z.boolean().default(false).describe('Also email the link to the customer'),
  })
  .strict();

export const invitationDto = z.object({
  id: z.uuid(),
  survey_id: z.uuid(),
  study_id: z.uuid().nullable(),
  customer_id: z.uuid().nullable(),
  ticket_id: z.uuid().nullable(),
  locale: z.string().nullable(),
  delivery: z.string().describe('email, chat_inline, link, no_address'),
  status: z.string().describe('pending, sent, failed'),
  sent_at: timestamp.nullable(),
  opened_at: timestamp.nullable(),
  responded_at: timestamp.nullable(),
  reminded_at: timestamp.nullable(),
  expires_at: timestamp,
  created_at: timestamp,
});
export const createdInvitationDto = invitationDto.extend({
  url: z.string().describe('The response page; shown only in this response (only a hash of the token is stored)'),
});
export const listInvitationsQuery = z.object({ ...pageQuery, study_id: z.uuid().optional() }).strict();

export const createStudyBody = z
  .object({
    audience: z
      .object({
        tier_ids: z.array(z.uuid()).max(50).default([]),
        organization_ids: z.array(z.uuid()).max(500).default([]),
        branch_ids: z.array(z.uuid()).max(200).default([]).describe('Customers with a ticket at one of these branches'),
        sample_size: z.number().int().min(1).max(10_000),
      })
      .strict(),
    closes_at: z.iso.datetime({ offset: true }),
    remind_after_days: z.number().int().min(1).max(90).default(7),
  })
  .strict();
export const studyDto = z.object({
  id: z.uuid(),
  survey_id: z.uuid(),
  kind: z.string(),
  audience: z.record(z.string(), z.unknown()),
  closes_at: timestamp.nullable(),
  remind_after_days: z.number().int().nullable(),
  created_at: timestamp,
  progress: z.object({ invited: z.number(), sent: z.number(), opened: z.number(), answered: z.number(), reminded: z.number() }),
});

export const responseDto = z.object({
  id: z.uuid(),
  survey_id: z.uuid(),
  version: z.number().int(),
  ticket_id: z.uuid().nullable(),
  customer_id: z.uuid().nullable(),
  agent_id: z.uuid().nullable(),
  team_id: z.uuid().nullable(),
  branch_id: z.uuid().nullable(),
  channel: z.string().nullable(),
  tier_id: z.uuid().nullable(),
  locale: z.string().nullable(),
  csat: z.number().nullable(),
  ces: z.number().nullable(),
  nps: z.number().nullable(),
  answers: z.record(z.string(), z.unknown()),
  comment: z.string().nullable(),
  flags: z.array(z.string()).describe('e.g. allocation_renormalized, servqual_incomplete'),
  sla: z.object({ first_reply: z.string().nullable(), resolution: z.string().nullable() }),
  followup_ticket_id: z.uuid().nullable(),
  submitted_at: timestamp,
  updated_at: timestamp,
});
export const listResponsesQuery = z
  .object({
    ...pageQuery,
    ticket_id: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional().describe('Submitted at or after'),
    to: z.iso.datetime({ offset: true }).optional().describe('Submitted before'),
    team_id: z.uuid().optional(),
    agent_id: z.uuid().optional(),
    channel: z.string().max(40).optional(),
    with_comment: z.enum(['true', 'false']).optional().describe('true: only responses with a comment; false: only without'),
    score_min: z.coerce.number().int().min(-10).max(100).optional().describe('The headline score (CSAT, else CES, else NPS) at least this'),
    score_max: z.coerce.number().int().min(-10).max(100).optional().describe('The headline score at most this'),
  })
  .strict();

/** `GET /surveys/:id/preview`: the real response page of a version, in one language, without a link. */
export const surveyPreviewQuery = z.object({ locale: z.enum(SURVEY_LOCALES), version: z.coerce.number().int().min(1).optional() }).strict();

/** The ratings of one ticket (the ticket view): what agents see, never anonymous responses. */
export const ticketRatingsQuery = z.object({ ticket_id: z.uuid() }).strict();
export const ticketRatingDto = z.object({
  id: z.uuid(),
  survey_id: z.uuid(),
  survey_name: z.string(),
  survey_type: surveyTypes,
  scores: z.array(z.object({ role: z.enum(['csat', 'ces', 'nps']), value: z.number(), min: z.number(), max: z.number() })),
  comment: z.string().nullable(),
  submitted_at: timestamp,
  updated_at: timestamp,
});
export type TicketRatingDto = z.infer<typeof ticketRatingDto>;

export const RESULT_GROUPS = ['team', 'agent', 'branch', 'channel', 'tier', 'organization', 'locale', 'version', 'sla_resolution', 'sla_first_reply', 'day', 'week', 'month'] as const;
export const resultsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    group_by: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const keys = v ? v.split(',').map((k) => k.trim()).filter(Boolean) : [];
        const bad = keys.filter((k) => !(RESULT_GROUPS as readonly string[]).includes(k));
        if (bad.length > 0 || keys.length > 2) {
          ctx.addIssue({ code: 'custom', message: `at most two of ${RESULT_GROUPS.join(', ')}` });
          return z.NEVER;
        }
        return keys as (typeof RESULT_GROUPS)[number][];
      })
      .describe(`Comma-separated, at most two: ${RESULT_GROUPS.join(', ')}`),
  })
  .strict();
export type ResultsQuery = z.output<typeof resultsQuery>;

export const resultsDto = z.object({
  survey_id: z.uuid(),
  type: surveyTypes,
  from: timestamp.nullable(),
  to: timestamp.nullable(),
  group_by: z.array(z.string()),
  overall: z.record(z.string(), z.unknown()),
  groups: z.array(z.record(z.string(), z.unknown())),
});
