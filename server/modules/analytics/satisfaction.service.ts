import type { Kysely } from 'kysely';
import type {
  CommentDto,
  CommentsPage,
  CommentsQuery,
  KanoDto,
  KanoQuery,
  SatisfactionDto,
  SatisfactionGroup,
  SatisfactionQuery,
  SatisfactionRow,
  ServqualDto,
  ServqualQuery,
  ServqualResultDto,
} from '../../../contracts/analytics-satisfaction.ts';
import type { SurveyDefinition } from '../../../contracts/surveys.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import type { CesScale } from '../quality/index.ts';
import { type Counts, kanoResult, servqualResult } from '../surveys/survey-scoring.ts';
import { loadDefinition } from '../surveys/surveys.service.ts';
import { findWorkspace } from '../workspaces/workspaces.repository.ts';
import { compareGroupKeys, factFiltersOf, type FilterParams, groupCountIssue, isPeriod, MAX_GROUPS, periodsOf, rangeIssue } from './analytics-rules.ts';
import { addCount, byGap, type CesPart, cesScaleOf, cesStats, csatStats, needsTicket, npsStats } from './satisfaction-rules.ts';
import * as repo from './satisfaction.repository.ts';

/**
 * Satisfaction analytics (issue 7): CSAT / CES / NPS with intervals per group or period over every
 * survey of the workspace (or one), the comment stream, SERVQUAL gaps and Kano results of one
 * survey. Headline scores are one grouped pass over the responses' snapshot columns (index-only on
 * PostgreSQL, see satisfaction.repository.ts); SERVQUAL and Kano read answers in batches and score
 * them with the survey results' scoring (survey-scoring.ts → `gapwise/quality`).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 2000;

function invalid(issue: FieldIssue): AppError {
  return new AppError('validation_failed', `${issue.path.replace('querystring.', '')} ${issue.message}`, { issues: [issue] });
}

type CommonQuery = SatisfactionQuery | CommentsQuery | ServqualQuery | KanoQuery;

interface Resolved {
  from: Date;
  to: Date;
  timeZone: string;
  groupBy: SatisfactionGroup;
  periods: { starts: Date[]; labels: string[] } | null;
}

/** Range (default the last 30 days), zone (default the workspace's) and periods, checked: 400 for to ≤ from, > 2 years, > 500 periods. */
async function resolve(db: Kysely<DB>, ctx: RequestContext, query: CommonQuery, groupBy: SatisfactionGroup): Promise<Resolved> {
  const to = query.to ? new Date(query.to) : ctx.now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  const badRange = rangeIssue(from, to);
  if (badRange) throw invalid(badRange);
  const workspace = await findWorkspace(db, ctx.workspaceId);
  if (!workspace) throw notFound('Workspace');
  const timeZone = query.tz ?? workspace.time_zone;
  const periods = isPeriod(groupBy) ? periodsOf(groupBy, timeZone, from, to) : null;
  const tooMany = periods ? groupCountIssue(periods.starts.length) : null;
  if (tooMany) throw invalid(tooMany);
  return { from, to, timeZone, groupBy, periods: periods ? { starts: periods.starts, labels: periods.labels } : null };
}

function scopeOf(ctx: RequestContext, query: CommonQuery, r: Resolved, surveyIds: string[]): repo.ResponseScope {
  return {
    workspaceId: ctx.workspaceId,
    surveyIds,
    from: r.from,
    to: r.to,
    groupBy: r.groupBy,
    periodStarts: r.periods?.starts ?? [],
    filters: responseFiltersOf(query),
    withTicket: needsTicket({ ...query, group_by: r.groupBy }),
  };
}

/** The surveys in scope: the one named (deleted or not; 404 when it is not this workspace's) or every live one. */
async function surveysInScope(db: Kysely<DB>, ctx: RequestContext, surveyId: string | undefined): Promise<repo.SurveyRow[]> {
  if (!surveyId) return repo.surveysOf(db, ctx.workspaceId, { includeDeleted: false });
  const survey = (await repo.surveysOf(db, ctx.workspaceId, { includeDeleted: true })).find((s) => s.id === surveyId);
  if (!survey) throw notFound('Survey');
  return [survey];
}

/** Rows keyed by group: every period (in order) when grouping by period, else the keys met. */
class Groups<T> {
  readonly rows = new Map<string | null, T>();
  constructor(
    private readonly r: Resolved,
    private readonly make: (label: string | null, start: Date | null) => T,
  ) {
    if (r.periods) r.periods.starts.forEach((start, i) => this.rows.set(String(i + 1), make(r.periods?.labels[i] ?? null, start)));
    else if (r.groupBy === 'none') this.rows.set(null, make(null, null));
  }
  of(key: string | null): T {
    let row = this.rows.get(key);
    if (!row) {
      // A key outside the periods cannot happen (the range is inside them); attribute keys are labels.
      row = this.make(key, null);
      this.rows.set(key, row);
    }
    return row;
  }
  /** In answer order: periods by number, attribute keys as text with null last. More than MAX_GROUPS: 400. */
  ordered(): T[] {
    const tooMany = groupCountIssue(this.rows.size);
    if (tooMany) throw invalid(tooMany);
    return [...this.rows.entries()].sort(([a], [b]) => compareGroupKeys(a, b, this.r.periods !== null)).map(([, row]) => row);
  }
}

// ---------------------------------------------------------------------------------------------
// GET /analytics/satisfaction

interface ScoreBucket {
  group: string | null;
  periodStart: Date | null;
  responses: number;
  csat: Counts;
  /** CES counts per survey (each survey has its own scale). */
  ces: Map<string, Counts>;
  nps: Counts;
}

const scoreBucket = (group: string | null, periodStart: Date | null): ScoreBucket => ({ group, periodStart, responses: 0, csat: new Map(), ces: new Map(), nps: new Map() });

/** One count row adds to the group's responses and to each headline score it carries. */
function addRow(b: ScoreBucket, row: repo.ScoreCountRow) {
  const n = Number(row.n);
  b.responses += n;
  if (row.csat !== null) addCount(b.csat, Number(row.csat), n);
  if (row.nps !== null) addCount(b.nps, Number(row.nps), n);
  if (row.ces !== null) {
    let counts = b.ces.get(row.survey_id);
    if (!counts) {
      counts = new Map();
      b.ces.set(row.survey_id, counts);
    }
    addCount(counts, Number(row.ces), n);
  }
}

function scoreRow(b: ScoreBucket, scales: Map<string, CesScale>): SatisfactionRow {
  const parts: CesPart[] = [...b.ces.entries()]
    .sort(([a], [c]) => a.localeCompare(c))
    .map(([surveyId, counts]) => ({ scale: scales.get(surveyId) as CesScale, counts }));
  return {
    group: b.group,
    period_start: b.periodStart ? b.periodStart.toISOString() : null,
    responses: b.responses,
    csat: csatStats(b.csat),
    ces: cesStats(parts),
    nps: npsStats(b.nps),
  };
}

/** The CES scale of each survey's current version (the version that set it last). */
async function cesScales(db: Kysely<DB>, workspaceId: string, surveys: repo.SurveyRow[], needed: Set<string>): Promise<Map<string, CesScale>> {
  const scales = new Map<string, CesScale>();
  for (const survey of surveys) {
    if (!needed.has(survey.id)) continue;
    const definition = await loadDefinition(db, workspaceId, survey.id, survey.current_version);
    const q = definition.questions.find((x) => x.kind === 'scale' && x.role === 'ces');
    scales.set(survey.id, cesScaleOf(q?.kind === 'scale' ? q.scale : null));
  }
  return scales;
}

export async function getSatisfaction(db: Kysely<DB>, ctx: RequestContext, query: SatisfactionQuery): Promise<SatisfactionDto> {
  const r = await resolve(db, ctx, query, query.group_by);
  const surveys = await surveysInScope(db, ctx, query.survey_id);
  const scope = scopeOf(ctx, query, r, surveys.map((s) => s.id));
  const rows = surveys.length > 0 ? await repo.scoreCounts(db, scope) : [];

  const groups = new Groups<ScoreBucket>(r, scoreBucket);
  const overall = scoreBucket(null, null);
  for (const row of rows) {
    addRow(overall, row);
    if (r.groupBy !== 'none') addRow(groups.of(row.grp), row);
  }
  const scales = await cesScales(db, ctx.workspaceId, surveys, new Set(rows.filter((x) => x.ces !== null).map((x) => x.survey_id)));
  const overallRow = scoreRow(overall, scales);
  return {
    from: r.from.toISOString(),
    to: r.to.toISOString(),
    time_zone: r.timeZone,
    group_by: r.groupBy,
    survey_id: query.survey_id ?? null,
    ticket_filter_excludes_unlinked: scope.withTicket,
    overall: overallRow,
    groups: r.groupBy === 'none' ? [overallRow] : groups.ordered().map((b) => scoreRow(b, scales)),
  };
}

// ---------------------------------------------------------------------------------------------
// GET /analytics/comments

const NPS_RANGES = { promoters: [9, 10], passives: [7, 8], detractors: [0, 6] } as const;

export async function listComments(db: Kysely<DB>, ctx: RequestContext, query: CommentsQuery): Promise<CommentsPage> {
  const r = await resolve(db, ctx, query, 'none');
  const surveys = (await surveysInScope(db, ctx, query.survey_id)).filter((s) => !query.survey_type || s.type === query.survey_type);
  const scope = scopeOf(ctx, query, r, surveys.map((s) => s.id));
  let cursor: { submittedAt: Date; id: string } | null = null;
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2);
    const submittedAt = new Date(String(at));
    if (Number.isNaN(submittedAt.getTime())) throw new AppError('invalid_cursor', 'The cursor is not one this server issued');
    cursor = { submittedAt, id: String(id) };
  }
  const nps = query.nps_category ? NPS_RANGES[query.nps_category] : null;
  const rows =
    surveys.length === 0
      ? []
      : await repo.commentPage(
          db,
          scope,
          {
            csatMin: query.csat_min,
            csatMax: query.csat_max,
            cesMin: query.ces_min,
            cesMax: query.ces_max,
            npsMin: nps?.[0],
            npsMax: nps?.[1],
            q: query.q,
          },
          cursor,
          query.limit + 1,
        );
  const named = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);
  return toPage(
    rows,
    query.limit,
    (row) => [new Date(row.submitted_at).toISOString(), row.id],
    (row): CommentDto => ({
      id: row.id,
      survey_id: row.survey_id,
      survey_name: row.survey_name,
      survey_type: row.survey_type,
      comment: row.comment,
      csat: row.csat,
      ces: row.ces,
      nps: row.nps,
      ticket: row.ticket_id && row.ticket_number !== null ? { id: row.ticket_id, number: Number(row.ticket_number), subject: row.ticket_subject ?? '' } : null,
      customer: named(row.customer_id, row.customer_name),
      agent: named(row.agent_id, row.agent_name),
      team: named(row.team_id, row.team_name),
      branch: named(row.branch_id, row.branch_name),
      channel: row.channel,
      locale: row.locale,
      // Every response but an anonymous one comes through an invitation (survey-page.service.ts).
      anonymous: row.invitation_id === null,
      submitted_at: new Date(row.submitted_at).toISOString(),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// SERVQUAL and Kano: one survey, answers read in batches

/** The survey named (it must be of `type`), else the workspace's latest live survey of `type`, else null. */
async function oneSurvey(db: Kysely<DB>, ctx: RequestContext, surveyId: string | undefined, type: 'servqual' | 'kano'): Promise<repo.SurveyRow | null> {
  if (surveyId) {
    const [survey] = await surveysInScope(db, ctx, surveyId);
    if (survey && survey.type !== type) {
      throw invalid({ path: 'querystring.survey_id', message: `names a ${survey.type} survey, not a ${type} one` });
    }
    return survey ?? null;
  }
  const [latest] = await repo.surveysOf(db, ctx.workspaceId, { includeDeleted: false, type });
  return latest ?? null;
}

/** Every answer in scope, per group key (and all of them), read in id order in batches of 2,000. */
async function answersByGroup(db: Kysely<DB>, scope: repo.ResponseScope) {
  const all: Record<string, unknown>[] = [];
  const byGroup = new Map<string | null, Record<string, unknown>[]>();
  let after: string | null = null;
  for (;;) {
    const batch = await repo.answerBatch(db, scope, after, BATCH);
    for (const row of batch) {
      all.push(row.answers);
      let list = byGroup.get(row.grp);
      if (!list) {
        list = [];
        byGroup.set(row.grp, list);
        // Stop early rather than score thousands of groups that the answer would refuse.
        if (byGroup.size > MAX_GROUPS) throw invalid(groupCountIssue(byGroup.size) as FieldIssue);
      }
      list.push(row.answers);
    }
    if (batch.length < BATCH) break;
    after = (batch.at(-1) as repo.AnswerRow).id;
  }
  return { all, byGroup };
}

const text = (t: Record<string, string | undefined> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(t ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

function servqualDto(definition: SurveyDefinition, answers: Record<string, unknown>[]): ServqualResultDto {
  const s = servqualResult(definition, answers);
  const texts = new Map(definition.questions.flatMap((q) => (q.kind === 'servqual' ? [[q.id, text(q.perception)] as const] : [])));
  return {
    n: s.respondents,
    dimensions: s.dimensions.map((d) => ({
      dimension: d.dimension,
      expectation: d.expectation,
      perception: d.perception,
      gap: d.gap,
      n: d.respondents,
      incomplete: d.incompleteRespondents,
      items: d.items,
      alpha: {
        perception: { alpha: d.reliability.perception.alpha, acceptable: d.reliability.perception.acceptable, respondents: d.reliability.perception.respondents },
        expectation: { alpha: d.reliability.expectation.alpha, acceptable: d.reliability.expectation.acceptable, respondents: d.reliability.expectation.respondents },
        gap: { alpha: d.reliability.gap.alpha, acceptable: d.reliability.gap.acceptable, respondents: d.reliability.gap.respondents },
      },
      tolerance: d.tolerance
        ? {
            adequate: d.tolerance.adequate,
            desired: d.tolerance.desired,
            perceived: d.tolerance.perceived,
            adequacy_gap: d.tolerance.adequacyGap,
            superiority_gap: d.tolerance.superiorityGap,
            zone: d.tolerance.zone,
            n: d.tolerance.respondents,
          }
        : null,
    })),
    items: byGap(s.items).map((i) => ({ id: i.id, dimension: i.dimension, text: texts.get(i.id) ?? {}, expectation: i.expectation, perception: i.perception, gap: i.gap, n: i.n })),
    unweighted: s.unweighted,
    weighted: { score: s.weighted.score, n: s.weighted.respondents, renormalized: s.weighted.renormalized, mean_weights: s.weighted.meanWeights ? { ...s.weighted.meanWeights } : null },
    servperf: { score: s.servperf.score, n: s.servperf.respondents },
    note: s.incomplete_note,
  };
}

const NO_SURVEY_NOTE = (type: string) => `The workspace has no ${type} survey yet; create one to see results here.`;
const NO_RESPONSES_NOTE = 'No responses in this range and filter.';

export async function getServqual(db: Kysely<DB>, ctx: RequestContext, query: ServqualQuery): Promise<ServqualDto> {
  const r = await resolve(db, ctx, query, query.group_by);
  const survey = await oneSurvey(db, ctx, query.survey_id, 'servqual');
  const base = { from: r.from.toISOString(), to: r.to.toISOString(), time_zone: r.timeZone, group_by: r.groupBy };
  if (!survey) {
    const empty = servqualDto({ title: { en: '' }, questions: [] } as unknown as SurveyDefinition, []);
    return { ...base, survey: null, reason: 'no_survey', note: NO_SURVEY_NOTE('SERVQUAL'), form: 'gap', scale: { min: 1, max: 7 }, overall: empty, groups: [] };
  }
  const definition = await loadDefinition(db, ctx.workspaceId, survey.id, survey.current_version);
  const scope = scopeOf(ctx, query, r, [survey.id]);
  const { all, byGroup } = await answersByGroup(db, scope);
  const groups = new Groups<{ group: string | null; start: Date | null; answers: Record<string, unknown>[] }>(r, (group, start) => ({ group, start, answers: [] }));
  if (r.groupBy !== 'none') for (const [key, answers] of byGroup) groups.of(key).answers.push(...answers);
  const overall = servqualDto(definition, all);
  const scale = definition.servqual?.scale ?? { min: 1, max: 7 };
  return {
    ...base,
    survey: { id: survey.id, name: survey.name, version: survey.current_version },
    reason: all.length === 0 ? 'no_responses' : null,
    note: all.length === 0 ? NO_RESPONSES_NOTE : null,
    form: definition.servqual?.form ?? 'gap',
    scale: { min: scale.min, max: scale.max },
    overall,
    groups:
      r.groupBy === 'none'
        ? [{ ...overall, group: null, period_start: null }]
        : groups.ordered().map((g) => ({ ...servqualDto(definition, g.answers), group: g.group, period_start: g.start ? g.start.toISOString() : null })),
  };
}

export async function getKano(db: Kysely<DB>, ctx: RequestContext, query: KanoQuery): Promise<KanoDto> {
  const r = await resolve(db, ctx, query, 'none');
  const survey = await oneSurvey(db, ctx, query.survey_id, 'kano');
  const base = { from: r.from.toISOString(), to: r.to.toISOString() };
  if (!survey) return { ...base, survey: null, reason: 'no_survey', note: NO_SURVEY_NOTE('Kano'), n: 0, features: [] };
  const definition = await loadDefinition(db, ctx.workspaceId, survey.id, survey.current_version);
  const { all } = await answersByGroup(db, scopeOf(ctx, query, r, [survey.id]));
  const features = kanoResult(definition, all).map((f) => {
    const q = definition.questions.find((x) => x.kind === 'kano' && x.id === f.feature_id);
    return {
      id: f.feature_id,
      feature: text(q?.kind === 'kano' ? q.feature : undefined),
      n: f.n,
      counts: { ...f.counts },
      category: f.category,
      close_categories: [...f.closeCategories],
      category_strength: f.categoryStrength,
      total_strength: f.totalStrength,
      better: f.better,
      worse: f.worse,
      questionable_rate: f.questionableRate,
      fong_significant: f.fong ? f.fong.significant : null,
    };
  });
  return {
    ...base,
    survey: { id: survey.id, name: survey.name, version: survey.current_version },
    reason: all.length === 0 ? 'no_responses' : null,
    note: all.length === 0 ? NO_RESPONSES_NOTE : null,
    n: all.length,
    features,
  };
}

/** The analytics filters as the response queries name them (a response's agent, not an assignee). */
function responseFiltersOf(query: FilterParams) {
  const { assigneeId, ...rest } = factFiltersOf(query);
  return { ...rest, agentId: assigneeId };
}
