/**
 * `COPY … FROM STDIN` and `COPY … TO STDOUT` through Kysely, on both engines, inside whatever
 * transaction `db` is. Kysely only knows statements with parameters, so a COPY travels as a
 * statement whose one parameter is a marker; each engine's connection recognises it (db.ts for
 * node-postgres, pglite-dialect.ts for PGlite, which copies through its `/dev/blob` device).
 * Repositories use it for bulk rows in the binary format (binary-copy.ts).
 */
import { CompiledQuery, type Kysely } from 'kysely';

/** The data of a `COPY … FROM STDIN`. */
export class CopyInData {
  constructor(readonly data: Uint8Array) {}
}

/** Runs `statement` (a `COPY … FROM STDIN …`) with `data` as its input. */
export async function copyFrom(db: Pick<Kysely<unknown>, 'executeQuery'>, statement: string, data: Uint8Array): Promise<void> {
  if (!/^\s*copy\b[\s\S]*\bfrom\s+stdin\b/i.test(statement)) throw new Error('copyFrom: a COPY … FROM STDIN statement');
  await db.executeQuery(CompiledQuery.raw(statement, [new CopyInData(data)]));
}

/** Marks a `COPY … TO STDOUT`: the connection answers with one row, `{ output }`, the bytes written. */
export class CopyOutRequest {}

const COPY_OUT = new CopyOutRequest();

/**
 * Runs `statement` (a `COPY … TO STDOUT …`) and returns what it wrote. A COPY takes no
 * parameters: values in it are literals, which the caller must have checked.
 */
export async function copyTo(db: Pick<Kysely<unknown>, 'executeQuery'>, statement: string): Promise<Uint8Array> {
  if (!/^\s*copy\b[\s\S]*\bto\s+stdout\b/i.test(statement)) throw new Error('copyTo: a COPY … TO STDOUT statement');
  const result = await db.executeQuery<{ output: Uint8Array }>(CompiledQuery.raw(statement, [COPY_OUT]));
  const output = result.rows[0]?.output;
  if (!output) throw new Error('copyTo: the connection gave no output');
  return output;
}

/** For the engines' connections: the COPY a statement's parameters ask for, if any. */
export function copyRequestOf(parameters: readonly unknown[] | undefined): CopyInData | CopyOutRequest | null {
  if (!parameters || parameters.length !== 1) return null;
  const [first] = parameters;
  return first instanceof CopyInData || first instanceof CopyOutRequest ? first : null;
}
