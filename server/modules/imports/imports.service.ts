import type { Kysely, Selectable } from 'kysely';
import type { JobQueue } from '../../jobs/queue.ts';
import { queueTierRecompute } from '../tiers/tier-assignment.service.ts';
import { iso } from '../../../contracts/common.ts';
import { type ImportDto, importTicketLine } from '../../../contracts/imports.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, ImportError, ImportsTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor, RequestContext } from '../auth/actor.ts';
import * as repo from './imports.repository.ts';
import { type Directory, importTicketRecord, toDirectory } from './ticket-import.ts';

/** Failed lines kept on the import row; the `failed` counter counts them all. */
export const MAX_STORED_ERRORS = 1000;
/** The import row's counters are written every this many lines (and at the end). */
export const PROGRESS_EVERY = 100;
/** A longer line is refused without parsing it. */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

export interface ImportProgress {
  importId: string;
  /** Non-blank lines, when known upfront (a string, or `totalLines` given). */
  total: number | null;
  processed: number;
  created: number;
  skipped: number;
  failed: number;
}

export interface ImportOptions {
  /** For an AsyncIterable: the number of non-blank lines, if the caller counted them (progress bars). */
  totalLines?: number | undefined;
  /** Stamps finished_at (ctx.now is when the import started). */
  clock?: Clock | undefined;
  /** When given, a finished import that created tickets queues a tier recompute (ticket-volume rules). */
  jobs?: JobQueue | undefined;
}

export function toImportDto(row: Selectable<ImportsTable>): ImportDto {
  return {
    id: row.id,
    status: row.status,
    total_lines: row.total_lines,
    processed: row.processed,
    created: row.created,
    skipped: row.skipped,
    failed: row.failed,
    errors: row.errors,
    errors_truncated: row.failed > row.errors.length,
    created_by: row.created_by,
    created_at: iso(row.created_at) as string,
    finished_at: iso(row.finished_at),
  };
}

/** Each item is one line (a string is split on line breaks). */
async function* numberedLines(input: AsyncIterable<string> | string): AsyncGenerator<{ number: number; text: string }> {
  let number = 0;
  if (typeof input === 'string') {
    for (const text of input.split('\n')) yield { number: ++number, text };
    return;
  }
  for await (const text of input) yield { number: ++number, text };
}

function countNonBlankLines(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') n++;
  return n;
}

function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return shown.join('; ') + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : '');
}

/** The unique index on (workspace_id, external_id) of tickets (migration 0001): the line is there already. */
function isExternalIdTaken(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === 'tickets_workspace_external';
}

/** Parses, validates and imports one line in its own transaction. */
async function importLine(db: Kysely<DB>, workspaceId: string, dir: Directory, text: string, now: Date): Promise<'created' | 'skipped' | Omit<ImportError, 'line'>> {
  if (text.length > MAX_LINE_CHARS) return { code: 'line_too_long', message: `The line is longer than ${MAX_LINE_CHARS} characters` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { code: 'malformed_json', message: `Not valid JSON: ${(error as Error).message}` };
  }
  const parsed = importTicketLine.safeParse(json);
  if (!parsed.success) return { code: 'validation_failed', message: describeIssues(parsed.error.issues) };
  try {
    return await db.transaction().execute((trx) => importTicketRecord(trx, workspaceId, dir, parsed.data, now));
  } catch (error) {
    // The same external_id committed by a concurrent import: already there. Any other conflict
    // is an error of the line (reported, never counted as skipped: that would drop a ticket).
    if (isExternalIdTaken(error)) return 'skipped';
    if (error instanceof AppError) return { code: error.code, message: error.message };
    return { code: 'internal_error', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Imports ticket history from NDJSON (one ticket per line; see
 * contracts/imports.ts). Every line is its own transaction: a bad line is
 * reported with its line number and skipped, good lines land. Lines whose
 * external_id exists already are skipped, so a file can be imported again
 * after fixing the lines that failed. Blank lines are ignored. Progress is
 * written to the `imports` row every PROGRESS_EVERY lines.
 */
export async function importTickets(
  db: Kysely<DB>,
  ctx: RequestContext,
  lines: AsyncIterable<string> | string,
  onProgress?: (progress: ImportProgress) => void,
  options: ImportOptions = {},
): Promise<ImportDto> {
  const clock = options.clock ?? systemClock;
  const known = typeof lines === 'string' ? countNonBlankLines(lines) : (options.totalLines ?? null);
  const row = await repo.insertImport(db, {
    id: newId(ctx.now.getTime()),
    workspace_id: ctx.workspaceId,
    created_by: ctx.actor.userId,
    status: 'running',
    total_lines: known ?? 0,
    errors: JSON.stringify([]),
    created_at: ctx.now,
  });
  const dir = toDirectory(await repo.loadDirectory(db, ctx.workspaceId));
  const progress: ImportProgress = { importId: row.id, total: known, processed: 0, created: 0, skipped: 0, failed: 0 };
  const errors: ImportError[] = [];
  const counters = () => ({
    total_lines: known ?? progress.processed,
    processed: progress.processed,
    created: progress.created,
    skipped: progress.skipped,
    failed: progress.failed,
    errors: JSON.stringify(errors),
  });

  try {
    for await (const { number, text } of numberedLines(lines)) {
      const line = number === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (line.trim() === '') continue;
      const outcome = await importLine(db, ctx.workspaceId, dir, line.replace(/\r$/, ''), finishedAt(ctx, clock));
      progress.processed++;
      if (outcome === 'created') progress.created++;
      else if (outcome === 'skipped') progress.skipped++;
      else {
        progress.failed++;
        if (errors.length < MAX_STORED_ERRORS) errors.push({ line: number, ...outcome });
      }
      if (progress.processed % PROGRESS_EVERY === 0) await repo.updateImport(db, ctx.workspaceId, row.id, counters());
      onProgress?.({ ...progress });
    }
  } catch (error) {
    // The input itself broke (a stream error): keep what was counted, mark it failed.
    await repo.updateImport(db, ctx.workspaceId, row.id, { ...counters(), status: 'failed', finished_at: finishedAt(ctx, clock) });
    throw error;
  }

  const finished = await db.transaction().execute(async (trx) => {
    const done = await repo.updateImport(trx, ctx.workspaceId, row.id, { ...counters(), status: 'completed', finished_at: finishedAt(ctx, clock) });
    await recordAudit(trx, ctx, 'tickets.imported', { type: 'import', id: row.id }, {
      total_lines: done.total_lines,
      created: done.created,
      skipped: done.skipped,
      failed: done.failed,
    });
    if (options.jobs && done.created > 0) await queueTierRecompute(options.jobs, trx, ctx.workspaceId);
    return done;
  });
  return toImportDto(finished);
}

/** Never before the import started, whatever the clock says. */
function finishedAt(ctx: RequestContext, clock: Clock): Date {
  return new Date(Math.max(clock.now().getTime(), ctx.now.getTime()));
}

export async function getImport(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<ImportDto> {
  const row = await repo.findImport(db, ctx.workspaceId, id);
  if (!row) throw notFound('Import');
  return toImportDto(row);
}

export async function listImports(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const before = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listImports(db, ctx.workspaceId, before, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toImportDto);
}

/**
 * The context for an import run outside HTTP (the CLI): acting as the
 * instance administrator, or as the workspace's owner when the instance
 * administrator is not a member. No slug: the instance administrator's workspace.
 */
export async function operatorContext(
  db: Kysely<DB>,
  slug: string | null,
  now: Date,
): Promise<{ ctx: RequestContext; workspaceSlug: string; operatorEmail: string }> {
  const user = await repo.findWorkspaceOperator(db, slug);
  if (!user) {
    throw slug === null ? notFound('Instance administrator') : notFound(`Workspace "${slug}" (or an active owner in it)`);
  }
  const actor: Actor = {
    kind: 'user',
    id: user.id,
    userId: user.id,
    workspaceId: user.workspace_id,
    role: user.role,
    isInstanceAdmin: user.is_instance_admin,
    sessionId: null,
  };
  return { ctx: { actor, workspaceId: user.workspace_id, now, ip: null }, workspaceSlug: user.slug, operatorEmail: user.email };
}
