import type { Kysely } from 'kysely';
import type { ResultsQuery } from '../../../contracts/surveys.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import * as responses from './responses.repository.ts';
import { surveyResults } from './results.service.ts';
import { loadSurvey } from './surveys.service.ts';

/**
 * CSV exports, streamed: responses one row per answer (a SERVQUAL or Kano answer one row per
 * part), read by id in batches of 2,000 so any number of responses streams in constant memory;
 * results in long form (group keys, measure, value).
 */

const BATCH = 2000;

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: unknown[]) => `${fields.map(csvField).join(',')}\r\n`;

const RESPONSE_COLUMNS = [
  'response_id', 'submitted_at', 'version', 'ticket_id', 'customer_id', 'agent_id', 'team_id', 'branch_id', 'channel',
  'tier_id', 'organization_id', 'sla_first_reply', 'sla_resolution', 'locale', 'flags', 'question_id', 'part', 'value',
];

function answerRows(answers: Record<string, unknown>): [string, string, unknown][] {
  const rows: [string, string, unknown][] = [];
  for (const [question, value] of Object.entries(answers)) {
    if (Array.isArray(value)) for (const v of value) rows.push([question, '', v]);
    else if (typeof value === 'object' && value !== null) for (const [part, v] of Object.entries(value)) rows.push([question, part, v]);
    else rows.push([question, '', value]);
  }
  return rows;
}

export async function responsesCsv(db: Kysely<DB>, ctx: RequestContext, surveyId: string, range: { from?: string | undefined; to?: string | undefined }) {
  await loadSurvey(db, ctx.workspaceId, surveyId);
  const from = range.from ? new Date(range.from) : undefined;
  const to = range.to ? new Date(range.to) : undefined;
  return (async function* () {
    yield csvLine(RESPONSE_COLUMNS);
    let after: string | undefined;
    for (;;) {
      const batch = await responses.listResponses(db, ctx.workspaceId, surveyId, { from, to, after, limit: BATCH });
      let chunk = '';
      for (const r of batch) {
        const fixed = [
          r.id, r.submitted_at.toISOString(), r.version, r.ticket_id, r.customer_id, r.agent_id, r.team_id, r.branch_id, r.channel,
          r.tier_id, r.organization_id, r.sla_first_reply, r.sla_resolution, r.locale, r.flags.join(' '),
        ];
        for (const [question, part, value] of answerRows(r.answers)) chunk += csvLine([...fixed, question, part, value]);
      }
      if (chunk) yield chunk;
      if (batch.length < BATCH) return;
      after = (batch.at(-1) as { id: string }).id;
    }
  })();
}

/** Every scalar in a nested result as [dotted.path, value]. */
export function flatten(value: unknown, path: string, out: [string, unknown][]): [string, unknown][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const label = typeof v === 'object' && v !== null ? ((v as Record<string, unknown>).dimension ?? (v as Record<string, unknown>).id ?? (v as Record<string, unknown>).feature_id ?? i) : i;
      flatten(v, `${path}.${String(label)}`, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else out.push([path, value]);
  return out;
}

export async function resultsCsv(db: Kysely<DB>, ctx: RequestContext, surveyId: string, query: ResultsQuery) {
  const result = await surveyResults(db, ctx, surveyId, query);
  return (async function* () {
    yield csvLine([...result.group_by, 'measure', 'value']);
    const blank = result.group_by.map(() => '(all)');
    for (const [measure, value] of flatten(result.overall, '', [])) yield csvLine([...blank, measure, value]);
    for (const group of result.groups) {
      const keys = result.group_by.map((g) => (group.key as Record<string, unknown>)[g] ?? '');
      const { key: _key, ...rest } = group;
      let chunk = '';
      for (const [measure, value] of flatten(rest, '', [])) chunk += csvLine([...keys, measure, value]);
      yield chunk;
    }
  })();
}
