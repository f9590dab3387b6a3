import { AppError } from './errors.ts';

/** Opaque pagination cursors: base64url of a small JSON array of sort keys. */
export function encodeCursor(keys: (string | number)[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(keys) && keys.length === arity && keys.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return keys;
    }
  } catch {
    // fall through
  }
  throw new AppError('invalid_cursor', 'The cursor is not one this server issued');
}

/** Takes limit+1 rows and turns them into a page with a cursor for the next one. */
export function toPage<R, T>(rows: R[], limit: number, keysOf: (row: R) => (string | number)[], map: (row: R) => T) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(map),
    next_cursor: hasMore && last ? encodeCursor(keysOf(last)) : null,
  };
}
