/**
 * `COPY … FROM STDIN` through Kysely, on both engines, inside whatever
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

/** For the engines' connections: the COPY input a statement's parameters carry, if any. */
export function copyRequestOf(parameters: readonly unknown[] | undefined): CopyInData | null {
  if (!parameters || parameters.length !== 1) return null;
  const [first] = parameters;
  return first instanceof CopyInData ? first : null;
}
