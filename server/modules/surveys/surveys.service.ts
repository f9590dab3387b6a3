import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import {
  type createSurveyBody,
  type listSurveysQuery,
  type SurveyDefinition,
  type SurveyDto,
  type SurveySettings,
  type SurveyType,
  surveyDefinition,
  surveySettings,
  type updateSurveyBody,
} from '../../../contracts/surveys.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertReferences } from '../shared/references.repository.ts';
import { DEFAULT_SETTINGS, defaultDefinition, mergeSettings } from './survey-defaults.ts';
import { definitionIssues } from './survey-definition.ts';
import * as repo from './surveys.repository.ts';

/** Survey definitions: create, read, edit (with versioning), delete. */

export interface LoadedSurvey {
  row: repo.SurveyRow;
  settings: SurveySettings;
}

export function parseSettings(stored: Record<string, unknown>): SurveySettings {
  const parsed = surveySettings.safeParse(stored);
  return parsed.success ? parsed.data : mergeSettings(DEFAULT_SETTINGS, stored as Partial<SurveySettings>);
}

export function parseDefinition(stored: Record<string, unknown>): SurveyDefinition {
  return surveyDefinition.parse(stored);
}

function toDto(row: repo.SurveyRow, definition: SurveyDefinition): SurveyDto {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    active: row.active,
    version: row.current_version,
    settings: parseSettings(row.settings) as unknown as Record<string, unknown>,
    definition: definition as unknown as Record<string, unknown>,
    next_run_at: iso(row.next_run_at),
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
  };
}

/** Ids in the settings must be of this workspace (an id of another one is reported as unknown). */
async function checkSettingReferences(db: Kysely<DB>, workspaceId: string, settings: SurveySettings) {
  await assertReferences(db, workspaceId, 'users', [settings.followup.lead_user_id], 'settings.followup.lead_user_id');
  await assertReferences(db, workspaceId, 'tiers', settings.schedule.tier_ids, 'settings.schedule.tier_ids');
  await assertReferences(db, workspaceId, 'organizations', settings.schedule.organization_ids, 'settings.schedule.organization_ids');
}

function checkDefinition(type: SurveyType, definition: SurveyDefinition) {
  const issues = definitionIssues(type, definition);
  if (issues.length > 0) throw new AppError('validation_failed', 'The survey definition is not valid', { issues });
}

/** When the after-solve trigger and the schedule start counting. */
function dispatchColumns(type: SurveyType, settings: SurveySettings, before: repo.SurveyRow | null, now: Date) {
  const sending = (type === 'csat' || type === 'ces') && settings.send_after_solved.enabled;
  const scheduled = settings.schedule.enabled;
  return {
    // Only tickets solved after the trigger was switched on are invited (never the whole history).
    dispatch_since: sending ? (before?.dispatch_since ?? now) : null,
    next_run_at: scheduled ? (before?.next_run_at ?? now) : null,
  };
}

export async function loadSurvey(db: Kysely<DB>, workspaceId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<LoadedSurvey> {
  const row = await repo.findSurvey(db, workspaceId, id, options);
  if (!row) throw notFound('Survey');
  return { row, settings: parseSettings(row.settings) };
}

export async function loadDefinition(db: Kysely<DB>, workspaceId: string, surveyId: string, version: number): Promise<SurveyDefinition> {
  const row = await repo.findVersion(db, workspaceId, surveyId, version);
  if (!row) throw notFound('Survey version');
  return parseDefinition(row.definition);
}

export async function createSurvey(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createSurveyBody>): Promise<SurveyDto> {
  const definition = input.definition ?? defaultDefinition(input.type, { includeCes: input.include_ces });
  checkDefinition(input.type, definition);
  const settings = mergeSettings(DEFAULT_SETTINGS, input.settings as Partial<SurveySettings> | undefined);
  return db.transaction().execute(async (trx) => {
    await checkSettingReferences(trx, ctx.workspaceId, settings);
    const id = newId(ctx.now.getTime());
    const workspace = await repo.workspaceOf(trx, ctx.workspaceId);
    const row = await repo.insertSurvey(trx, {
      id,
      workspace_id: ctx.workspaceId,
      name: input.name,
      type: input.type,
      active: input.active,
      current_version: 1,
      settings: JSON.stringify(settings),
      ...dispatchColumns(input.type, settings, null, ctx.now),
      // An empty rollup is current: counted from the first response on, in the workspace's zone.
      rollup_time_zone: workspace.time_zone,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await repo.insertVersion(trx, { workspace_id: ctx.workspaceId, survey_id: id, version: 1, definition: JSON.stringify(definition), created_at: ctx.now });
    await recordAudit(trx, ctx, 'survey.created', { type: 'survey', id }, { name: input.name, type: input.type });
    return toDto(row, definition);
  });
}

export async function getSurvey(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<SurveyDto> {
  const { row } = await loadSurvey(db, ctx.workspaceId, id);
  return toDto(row, await loadDefinition(db, ctx.workspaceId, id, row.current_version));
}

export async function getSurveyVersion(db: Kysely<DB>, ctx: RequestContext, id: string, version: number): Promise<SurveyDto> {
  const { row } = await loadSurvey(db, ctx.workspaceId, id);
  return { ...toDto(row, await loadDefinition(db, ctx.workspaceId, id, version)), version };
}

export async function listSurveys(db: Kysely<DB>, ctx: RequestContext, query: z.output<typeof listSurveysQuery>) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listSurveys(db, ctx.workspaceId, { type: query.type, after, limit: query.limit });
  const page = rows.slice(0, query.limit);
  const definitions = new Map<string, SurveyDefinition>();
  for (const row of page) definitions.set(row.id, await loadDefinition(db, ctx.workspaceId, row.id, row.current_version));
  return toPage(rows, query.limit, (r) => [r.id], (r) => toDto(r, definitions.get(r.id) as SurveyDefinition));
}

/**
 * Edits a survey. A new definition replaces the current version while nobody has answered it;
 * once it has responses, the definition becomes a new version and those responses keep theirs.
 */
export async function updateSurvey(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateSurveyBody>): Promise<SurveyDto> {
  return db.transaction().execute(async (trx) => {
    const { row, settings: current } = await loadSurvey(trx, ctx.workspaceId, id, { forUpdate: true });
    const settings = mergeSettings(current, input.settings as Partial<SurveySettings> | undefined);
    await checkSettingReferences(trx, ctx.workspaceId, settings);
    let version = row.current_version;
    let definition = await loadDefinition(trx, ctx.workspaceId, id, version);
    let newVersion = false;
    if (input.definition) {
      checkDefinition(row.type, input.definition);
      definition = input.definition;
      if (await repo.versionHasResponses(trx, ctx.workspaceId, id, version)) {
        version += 1;
        newVersion = true;
        await repo.insertVersion(trx, { workspace_id: ctx.workspaceId, survey_id: id, version, definition: JSON.stringify(definition), created_at: ctx.now });
      } else {
        await repo.updateVersionDefinition(trx, ctx.workspaceId, id, version, JSON.stringify(definition));
      }
    }
    const updated = await repo.updateSurvey(trx, ctx.workspaceId, id, {
      name: input.name ?? row.name,
      active: input.active ?? row.active,
      settings: JSON.stringify(settings),
      current_version: version,
      ...dispatchColumns(row.type, settings, row, ctx.now),
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'survey.updated', { type: 'survey', id }, {
      fields: Object.keys(input),
      ...(newVersion ? { new_version: version } : {}),
    });
    return toDto(updated, definition);
  });
}

/**
 * Deletes a survey: it stops sending at once and its links show "closed". The row stays (marked
 * deleted) so links already sent get a clear page and responses keep their survey.
 */
export async function deleteSurvey(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await loadSurvey(trx, ctx.workspaceId, id, { forUpdate: true });
    await repo.updateSurvey(trx, ctx.workspaceId, id, { deleted_at: ctx.now, active: false, dispatch_since: null, next_run_at: null, updated_at: ctx.now });
    await recordAudit(trx, ctx, 'survey.deleted', { type: 'survey', id });
  });
}

export function surveyDefaults(type: SurveyType) {
  return { type, settings: DEFAULT_SETTINGS, definition: defaultDefinition(type) };
}
