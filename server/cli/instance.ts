import type { Config } from '../config.ts';
import { seedDemoWorkspace } from '../modules/demo/demo.seed.ts';
import { bootstrapInstance } from '../modules/workspaces/workspaces.service.ts';
import type { Clock } from '../platform/clock.ts';
import { createDatabase, type Database } from '../platform/db.ts';
import { migrateToLatest } from '../platform/migrate.ts';
import { databaseOptions } from '../server.ts';

/**
 * The configured database, migrated and, on an empty one, bootstrapped
 * exactly as `gapwise start` would (first workspace, its admin, demo data
 * unless GAPWISE_DEMO=0). Commands that work on data start here.
 */
export async function openInstance(config: Config, clock: Clock): Promise<{ database: Database; migrations: string[]; bootstrapped: boolean }> {
  const database = await createDatabase(databaseOptions(config));
  try {
    const migrations = await migrateToLatest(database.db);
    const boot = await bootstrapInstance(database.db, { email: config.adminEmail, password: config.adminPassword }, clock.now());
    if (boot.created && boot.workspaceId && config.demo) await seedDemoWorkspace(database.db, boot.workspaceId, clock.now());
    return { database, migrations, bootstrapped: boot.created };
  } catch (error) {
    await database.close();
    throw error;
  }
}
