/**
 * Array parameters written as PostgreSQL array literals here, for the statements of a recompute
 * batch that bind whole columns (`unnest`, `= any`): node-postgres' own array serializer was
 * measured allocating 183 MB per 100,000 tickets recomputed, over all of a batch's array
 * parameters (V8 heap sampling), and it quotes every element. Only for values that need no
 * quoting: every value is checked (each distinct value once: a batch repeats a few policy,
 * calendar and ticket ids many times), so a literal can never be broken out of.
 */
import { isUuid } from './ids.ts';

/** `{a,b,NULL}` of uuids (either case). */
export function uuidArray(values: readonly (string | null)[]): string {
  return checkedArray(values, isUuid);
}

/**
 * A uuid as a quoted SQL literal, `'…'::uuid`, for the statements that take no parameters (a
 * COPY): checked, so the quotes cannot be broken out of.
 */
export function quotedUuid(value: string): string {
  if (typeof value !== 'string' || !isUuid(value)) fail(value);
  return `'${value}'::uuid`;
}

/** `'{a,b}'::uuid[]` likewise (`uuidArray`, quoted). */
export function quotedUuidArray(values: readonly (string | null)[]): string {
  return `'${uuidArray(values)}'::uuid[]`;
}

/** `{a,b,NULL}` of lower-case words (engine enums: metric, mode, state, outcome). */
export function wordArray(values: readonly (string | null)[]): string {
  return checkedArray(values, isWord);
}

/** `{1,2,NULL}` of finite numbers. */
export function numberArray(values: readonly (number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    if (value === null || value === undefined) out += 'NULL';
    else if (typeof value === 'number' && Number.isFinite(value)) out += value;
    else fail(value);
  }
  return `${out}}`;
}

/**
 * The smallest and largest of these ids. Queries by `id = any(ids)` also say `id between lo and
 * hi`: a recompute's batch is a run of consecutive ids, and with the range the planner sees how
 * few rows it touches and walks the (ticket_id, …) index; with the list alone it estimated a
 * sequential scan of the whole table for each batch once the table was large (ticket_clocks: a
 * fifth of a second per batch at 100k tickets), which made a recompute quadratic. uuid order is
 * the order of the lower-case text. `ids` must not be empty.
 */
export function idRange(ids: readonly string[]): { lo: string; hi: string } {
  if (ids.length === 0) throw new Error('idRange: no ids');
  let lo = (ids[0] as string).toLowerCase();
  let hi = lo;
  for (let i = 1; i < ids.length; i++) {
    const id = (ids[i] as string).toLowerCase();
    if (id < lo) lo = id;
    else if (id > hi) hi = id;
  }
  return { lo, hi };
}

const WORD = /^[a-z_]+$/;

function isWord(value: string): boolean {
  return WORD.test(value);
}

function checkedArray(values: readonly (string | null)[], valid: (value: string) => boolean): string {
  const checked = new Set<string>();
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    if (value === null || value === undefined) {
      out += 'NULL';
      continue;
    }
    if (!checked.has(value)) {
      if (typeof value !== 'string' || !valid(value)) fail(value);
      checked.add(value);
    }
    out += value;
  }
  return `${out}}`;
}

function fail(value: unknown): never {
  throw new Error(`${JSON.stringify(value)} cannot go into an array literal`);
}
