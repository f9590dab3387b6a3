/**
 * COPY … FROM STDIN on node-postgres for copy.ts: each pooled client's `query` runs a statement
 * whose one parameter is COPY input through pg-copy-streams instead (node-postgres has no COPY of
 * its own). Installed once per client when the pool connects it (db.ts).
 */
import type pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { copyRequestOf } from './copy.ts';

type Query = (...args: unknown[]) => unknown;

export function enableCopy(client: pg.Client): void {
  const query = client.query.bind(client) as Query;
  (client as unknown as { query: Query }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const input = typeof text === 'string' && Array.isArray(values) ? copyRequestOf(values) : null;
    return input ? copyIn(query, text as string, input.data) : query(...args);
  };
}

async function copyIn(query: Query, text: string, data: Uint8Array): Promise<{ command: string; rowCount: number; rows: never[] }> {
  const stream = query(copyFromStream(text)) as ReturnType<typeof copyFromStream>;
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(data);
  });
  return { command: 'COPY', rowCount: Number(stream.rowCount ?? 0), rows: [] };
}
