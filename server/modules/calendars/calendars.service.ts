import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { CalendarDto, createCalendarBody, HolidayImportDto, updateCalendarBody } from '../../../contracts/calendars.ts';
import { iso } from '../../../contracts/common.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { CalendarsTable, DB } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { CalendarValidationError, type NormalizedCalendarDefinition, normalizeCalendarDefinition } from '../sla/calendar.ts';
import { assertNoPolicyReferences, policiesReferencing } from '../sla-policies/sla-policies.service.ts';
import { queueSlaRecompute } from '../sla-recompute/sla-recompute.queue.ts';
import { fromLibraryDefinition, mergeHolidays, toLibraryDefinition, toRequestIssue } from './calendar-definition.ts';
import * as repo from './calendars.repository.ts';
import { IcsFormatError, parseIcsHolidays } from './ics-holidays.ts';

type CreateInput = z.output<typeof createCalendarBody>;
type UpdateInput = z.output<typeof updateCalendarBody>;

export function toCalendarDto(row: Selectable<CalendarsTable>): CalendarDto {
  return {
    id: row.id,
    name: row.name,
    ...fromLibraryDefinition(row.definition),
    is_default: row.is_default,
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
  };
}

/** Validates through the calendar library; its issues become 400s naming the request fields. */
function normalize(fields: Parameters<typeof toLibraryDefinition>[0]): NormalizedCalendarDefinition {
  const { definition, issues } = toLibraryDefinition(fields);
  try {
    const normalized = normalizeCalendarDefinition(definition);
    if (issues.length === 0) return normalized;
  } catch (error) {
    if (!(error instanceof CalendarValidationError)) throw error;
    // A field already refused while translating the request is not reported twice.
    const seen = new Set(issues.map((i) => i.path));
    issues.push(...error.issues.map(toRequestIssue).filter((i) => !seen.has(i.path)));
  }
  throw new AppError('validation_failed', 'The calendar is not valid', { issues });
}

export async function createCalendar(db: Kysely<DB>, ctx: RequestContext, input: CreateInput): Promise<CalendarDto> {
  const definition = normalize(input);
  return db.transaction().execute(async (trx) => {
    if (await repo.findCalendarByName(trx, ctx.workspaceId, input.name)) throw conflict('A calendar with this name already exists');
    if (input.is_default) await repo.clearDefaultCalendar(trx, ctx.workspaceId, null, ctx.now);
    const calendar = await repo.insertCalendar(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      time_zone: definition.timeZone,
      definition: JSON.stringify(definition),
      is_default: input.is_default ?? false,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'calendar.created', { type: 'calendar', id: calendar.id }, input);
    return toCalendarDto(calendar);
  });
}

export async function getCalendar(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<CalendarDto> {
  const calendar = await repo.findCalendar(db, ctx.workspaceId, id);
  if (!calendar) throw notFound('Calendar');
  return toCalendarDto(calendar);
}

export async function listCalendars(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listCalendars(db, ctx.workspaceId, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toCalendarDto);
}

/** A calendar an active SLA policy times targets by: its change moves clocks, so recompute them (same transaction). */
async function recomputeIfUsed(trx: Kysely<DB>, ctx: RequestContext, id: string, reason: string, jobs: JobQueue | undefined): Promise<void> {
  if (!jobs) return;
  if ((await policiesReferencing(trx, ctx.workspaceId, 'calendars', id)).some((p) => p.active)) await queueSlaRecompute(jobs, trx, ctx, { reason });
}

/** Given fields replace the stored ones; the result is validated as a whole. */
export async function updateCalendar(db: Kysely<DB>, ctx: RequestContext, id: string, input: UpdateInput, jobs?: JobQueue): Promise<CalendarDto> {
  return db.transaction().execute(async (trx) => {
    const current = await repo.findCalendarForUpdate(trx, ctx.workspaceId, id);
    if (!current) throw notFound('Calendar');
    if (input.name) {
      const same = await repo.findCalendarByName(trx, ctx.workspaceId, input.name);
      if (same && same.id !== id) throw conflict('A calendar with this name already exists');
    }
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const definition = normalize({ ...fromLibraryDefinition(current.definition), ...given });
    if (input.is_default) await repo.clearDefaultCalendar(trx, ctx.workspaceId, id, ctx.now);
    const calendar = await repo.updateCalendar(trx, ctx.workspaceId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.is_default !== undefined ? { is_default: input.is_default } : {}),
      time_zone: definition.timeZone,
      definition: JSON.stringify(definition),
      updated_at: ctx.now,
    });
    if (!calendar) throw notFound('Calendar');
    await recordAudit(trx, ctx, 'calendar.updated', { type: 'calendar', id }, input);
    await recomputeIfUsed(trx, ctx, id, 'calendar.updated', jobs);
    return toCalendarDto(calendar);
  });
}

/** A calendar a branch, team or SLA policy works by cannot be deleted: point them elsewhere first. */
export async function deleteCalendar(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  const inUse = () => conflict('A branch or team still uses this calendar');
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await repo.findCalendar(trx, ctx.workspaceId, id))) throw notFound('Calendar');
      if (await repo.isCalendarInUse(trx, ctx.workspaceId, id)) throw inUse();
      await assertNoPolicyReferences(trx, ctx.workspaceId, 'calendars', id);
      await repo.deleteCalendar(trx, ctx.workspaceId, id);
      await recordAudit(trx, ctx, 'calendar.deleted', { type: 'calendar', id });
    });
  } catch (error) {
    // A branch or team attached it between the check and the delete: the foreign key refused.
    if ((error as { code?: string }).code === '23503') throw inUse();
    throw error;
  }
}

/** Adds the holidays of an iCalendar file, one per date; dates already holidays are reported, not doubled. */
export async function importHolidays(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  ics: string | Uint8Array,
  jobs?: JobQueue,
): Promise<HolidayImportDto> {
  return db.transaction().execute(async (trx) => {
    const current = await repo.findCalendarForUpdate(trx, ctx.workspaceId, id);
    if (!current) throw notFound('Calendar');
    if (current.definition.alwaysOpen) throw conflict('A 24/7 calendar has no holidays');
    let parsed: ReturnType<typeof parseIcsHolidays>;
    try {
      parsed = parseIcsHolidays(ics, { timeZone: current.definition.timeZone });
    } catch (error) {
      if (!(error instanceof IcsFormatError)) throw error;
      throw new AppError('validation_failed', `The file is ${error.message}`, { issues: [{ path: 'body', message: error.message }] });
    }
    const merged = mergeHolidays(current.definition.holidays, parsed.holidays);
    const definition = normalizeCalendarDefinition({ ...current.definition, holidays: merged.holidays });
    const calendar = await repo.updateCalendar(trx, ctx.workspaceId, id, { definition: JSON.stringify(definition), updated_at: ctx.now });
    if (!calendar) throw notFound('Calendar');
    const skipped = [...parsed.skipped, ...merged.skipped].sort((a, b) => a.line - b.line);
    await recordAudit(trx, ctx, 'calendar.holidays_imported', { type: 'calendar', id }, { added: merged.added, skipped: skipped.length });
    if (merged.added > 0) await recomputeIfUsed(trx, ctx, id, 'calendar.holidays_imported', jobs);
    return { calendar: toCalendarDto(calendar), summary: { added: merged.added, skipped } };
  });
}
