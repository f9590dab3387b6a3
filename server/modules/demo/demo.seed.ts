import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';

/** Fills a fresh workspace with demo data; returns the number of tickets made. */
export async function seedDemoWorkspace(_db: Kysely<DB>, _workspaceId: string, _now: Date): Promise<number> {
  return 0;
}
