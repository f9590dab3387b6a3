import type { Kysely } from 'kysely';
import { iso } from '../../../contracts/common.ts';
import type { ResultsQuery, SurveyDefinition } from '../../../contracts/surveys.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import * as results from './results.repository.ts';
import { type Counts, cesResult, csatResult, kanoResult, npsResult, questionResults, servqualResult } from './survey-scoring.ts';
import { loadDefinition, loadSurvey } from './surveys.service.ts';
import { type RollupDimension, type RollupMeasure, splitRange } from './survey-rollup.ts';
import * as rollups from './survey-rollups.repository.ts';
import type { RollupGroup } from './survey-rollups.repository.ts';
import { type TimeUnit, timeBuckets } from './time-buckets.ts';
import * as surveysRepo from './surveys.repository.ts';

/**
 * Results of a survey over a period, overall and per group: response counts and the response
 * rate always; CSAT % with its Wilson interval, NPS with its interval (none below n = 30), CES
 * mean; SERVQUAL gaps per item / dimension / overall (unweighted and weighted), α per dimension
 * and the zone of tolerance for the three-column form; Kano per feature.
 *
 * Headline scores and invitation counts come from the per-day rollup (whole local days, by one of
 * team, agent, branch, channel or tier and any time unit) and otherwise from one grouped pass over
 * the raw rows (results.repository.ts); see `resultCounts`. SERVQUAL,
 * Kano and custom answers are read in batches of 2,000 by id and scored with `gapwise/quality`.
 * Response counts go by submission time; the response rate by invitations sent in the period.
 */

const BATCH = 2000;

interface Bucket {
  keys: (string | null)[];
  responses: number;
  csat: Counts;
  ces: Counts;
  nps: Counts;
  answers: Record<string, unknown>[];
  invited: number | null;
  responded: number | null;
}

const keyOf = (keys: (string | null)[]) => JSON.stringify(keys);
function bucket(map: Map<string, Bucket>, keys: (string | null)[]): Bucket {
  const k = keyOf(keys);
  let b = map.get(k);
  if (!b) {
    b = { keys, responses: 0, csat: new Map(), ces: new Map(), nps: new Map(), answers: [], invited: null, responded: null };
    map.set(k, b);
  }
  return b;
}
const add = (counts: Counts, value: number | null, n: number) => {
  if (value !== null) counts.set(value, (counts.get(value) ?? 0) + n);
};

/** Scores in ascending order: the same counts give the same floating-point sums, whichever source counted them. */
const sorted = (counts: Counts): Counts => new Map([...counts].sort((x, y) => x[0] - y[0]));

function summarize(b: Bucket, definition: SurveyDefinition, type: string, withAnswers: boolean) {
  b = { ...b, csat: sorted(b.csat), ces: sorted(b.ces), nps: sorted(b.nps) };
  const roles = new Set(definition.questions.flatMap((q) => (q.kind === 'scale' && q.role ? [q.role] : [])));
  return {
    responses: b.responses,
    invited: b.invited,
    response_rate: b.invited ? (b.responded ?? 0) / b.invited : null,
    ...(roles.has('csat') ? { csat: csatResult(b.csat) } : {}),
    ...(roles.has('ces') ? { ces: cesResult(b.ces, definition) } : {}),
    ...(roles.has('nps') ? { nps: npsResult(b.nps) } : {}),
    ...(withAnswers && type === 'servqual' ? { servqual: servqualResult(definition, b.answers) } : {}),
    ...(withAnswers && type === 'kano' ? { kano: kanoResult(definition, b.answers) } : {}),
    ...(withAnswers && type === 'custom' ? { questions: questionResults(definition, b.answers) } : {}),
  };
}

/** A count from either source: responses, a headline score, or invitations sent / answered. */
interface CountRow {
  keys: (string | null)[];
  measure: RollupMeasure;
  score: number;
  n: number;
}

/** Raw rows → count rows: a (keys, csat, ces, nps, n) combination counts once per measure it has. */
function fromScoreRows(rows: results.ScoreCountRow[]): CountRow[] {
  return rows.flatMap((r) => [
    { keys: r.keys, measure: 'responses' as const, score: 0, n: r.n },
    ...(['csat', 'ces', 'nps'] as const).flatMap((m) => (r[m] === null ? [] : [{ keys: r.keys, measure: m, score: r[m] as number, n: r.n }])),
  ]);
}
function fromInvitationRows(rows: results.InvitationCountRow[]): CountRow[] {
  return rows.flatMap((r) => [
    { keys: r.keys, measure: 'sent' as const, score: 0, n: r.invited },
    { keys: r.keys, measure: 'responded' as const, score: 0, n: r.responded },
  ]);
}

const ROLLUP_KEYS: Record<string, RollupDimension> = { team: 'team', agent: 'agent', branch: 'branch', channel: 'channel', tier: 'tier' };

/** The rollup serves a grouping by at most one of its dimensions plus any time units; else null. */
export function rollupPlan(groupBy: readonly results.GroupKey[]): { dimension: RollupDimension; groups: RollupGroup[] } | null {
  const keys = groupBy.filter((g) => g !== 'day' && g !== 'week' && g !== 'month');
  if (keys.length > 1 || keys.some((k) => !(k in ROLLUP_KEYS))) return null;
  return {
    dimension: keys[0] ? (ROLLUP_KEYS[keys[0]] as RollupDimension) : '',
    groups: groupBy.map((g): RollupGroup => (g === 'day' || g === 'week' || g === 'month' ? { kind: 'time', unit: g } : { kind: 'key' })),
  };
}

type Range = { from?: Date | undefined; to?: Date | undefined };

/** Raw counts over a range: headline scores grouped, invitations grouped (null: not groupable that way) and overall. */
async function rawCounts(db: Kysely<DB>, workspaceId: string, surveyId: string, timeZone: string, range: Range, groupBy: readonly results.GroupKey[]) {
  const buckets: results.BucketSets = {};
  const units = groupBy.filter((g): g is TimeUnit => g === 'day' || g === 'week' || g === 'month');
  const span = units.length > 0 ? await results.timeSpan(db, workspaceId, surveyId, range) : null;
  for (const unit of units) if (span) buckets[unit] = timeBuckets(unit, timeZone, span.min, span.max);
  // The three aggregates are independent: on PostgreSQL they run at once on pooled connections.
  const [scoreRows, overallRates, groupRates] = await Promise.all([
    results.headlineScoreCounts(db, workspaceId, surveyId, range, groupBy, buckets),
    results.invitationCounts(db, workspaceId, surveyId, range, [], buckets),
    groupBy.length > 0 ? results.invitationCounts(db, workspaceId, surveyId, range, groupBy, buckets) : Promise.resolve(null),
  ]);
  return { buckets, counts: fromScoreRows(scoreRows), overallInvitations: fromInvitationRows(overallRates ?? []), groupInvitations: groupRates ? fromInvitationRows(groupRates) : null };
}

/**
 * Counts for the results: whole local days from the rollup (when it is current and serves the
 * grouping), the partial days at the range's edges and every other grouping from the raw rows.
 * Both give the same numbers (survey-rollups.test.ts compares them over random ranges).
 */
export async function resultCounts(db: Kysely<DB>, workspaceId: string, surveyId: string, timeZone: string, range: Range, groupBy: readonly results.GroupKey[]) {
  const plan = rollupPlan(groupBy);
  const zone = plan ? await rollups.readableZone(db, workspaceId, surveyId) : null;
  if (!plan || zone !== timeZone) {
    const raw = await rawCounts(db, workspaceId, surveyId, timeZone, range, groupBy);
    return { counts: raw.counts, overallInvitations: raw.overallInvitations, groupInvitations: raw.groupInvitations, buckets: raw.buckets };
  }
  const split = splitRange(zone, range.from, range.to);
  const parts = await Promise.all([
    split.days
      ? rollups.rollupCounts(db, workspaceId, surveyId, { ...plan, first: split.days.first, last: split.days.last, measures: ['responses', 'csat', 'ces', 'nps', 'sent', 'responded'] })
      : Promise.resolve([]),
    ...split.edges.map((edge) => rawCounts(db, workspaceId, surveyId, timeZone, edge, groupBy)),
  ]);
  const [rolled, ...edges] = parts as [CountRow[], ...Awaited<ReturnType<typeof rawCounts>>[]];
  const isInvitation = (r: CountRow) => r.measure === 'sent' || r.measure === 'responded';
  const counts = [...rolled.filter((r) => !isInvitation(r)), ...edges.flatMap((e) => e.counts)];
  const groupInvitations = [...rolled.filter(isInvitation), ...edges.flatMap((e) => e.groupInvitations ?? e.overallInvitations)];
  // Every row has exactly one key per dimension ('' counts as none), so the groups add up to the whole.
  const overallInvitations = groupInvitations.map((r) => ({ ...r, keys: [] }));
  return { counts, overallInvitations, groupInvitations: groupBy.length > 0 ? groupInvitations : null, buckets: {} };
}

export async function surveyResults(db: Kysely<DB>, ctx: RequestContext, surveyId: string, query: ResultsQuery) {
  const { row: survey } = await loadSurvey(db, ctx.workspaceId, surveyId);
  const definition = await loadDefinition(db, ctx.workspaceId, surveyId, survey.current_version);
  const workspace = await surveysRepo.workspaceOf(db, ctx.workspaceId);
  const range = { from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
  const groupBy = query.group_by;
  const withAnswers = survey.type === 'servqual' || survey.type === 'kano' || survey.type === 'custom';

  const overall = bucket(new Map(), []);
  const groups = new Map<string, Bucket>();
  const counted = await resultCounts(db, ctx.workspaceId, surveyId, workspace.time_zone, range, groupBy);
  for (const row of counted.counts) {
    for (const b of groupBy.length > 0 ? [overall, bucket(groups, row.keys)] : [overall]) {
      if (row.measure === 'responses') b.responses += row.n;
      else if (row.measure === 'csat' || row.measure === 'ces' || row.measure === 'nps') add(b[row.measure], row.score, row.n);
    }
  }
  const addInvitations = (b: Bucket, row: CountRow) => {
    if (row.measure === 'sent') b.invited = (b.invited ?? 0) + row.n;
    else if (row.measure === 'responded') b.responded = (b.responded ?? 0) + row.n;
  };
  overall.invited = 0;
  overall.responded = 0;
  for (const row of counted.overallInvitations) addInvitations(overall, row);
  for (const row of counted.groupInvitations ?? []) addInvitations(bucket(groups, row.keys), row);
  if (withAnswers) {
    const buckets: results.BucketSets = {};
    const units = groupBy.filter((g): g is TimeUnit => g === 'day' || g === 'week' || g === 'month');
    const span = units.length > 0 ? await results.timeSpan(db, ctx.workspaceId, surveyId, range) : null;
    for (const unit of units) if (span) buckets[unit] = timeBuckets(unit, workspace.time_zone, span.min, span.max);
    let after: string | null = null;
    for (;;) {
      const batch = await results.answerBatch(db, ctx.workspaceId, surveyId, range, groupBy, buckets, after, BATCH);
      for (const row of batch) {
        overall.answers.push(row.answers);
        if (groupBy.length > 0) bucket(groups, row.keys).answers.push(row.answers);
      }
      if (batch.length < BATCH) break;
      after = (batch.at(-1) as { id: string }).id;
    }
  }
  const ordered = [...groups.values()].sort((a, b) => keyOf(a.keys).localeCompare(keyOf(b.keys)));
  return {
    survey_id: surveyId,
    type: survey.type,
    from: iso(range.from),
    to: iso(range.to),
    group_by: groupBy,
    overall: summarize(overall, definition, survey.type, withAnswers),
    groups: ordered.map((b) => ({
      key: Object.fromEntries(groupBy.map((g, i) => [g, b.keys[i] ?? null])),
      ...summarize(b, definition, survey.type, withAnswers),
    })),
  };
}
