import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as core from '../migrations/20261123-0001-core.ts';
import * as calendars from '../migrations/20261123-0002-calendars.ts';
import * as tierRules from '../migrations/20261123-0003-tier-rules.ts';
import * as slaPolicies from '../migrations/20261123-0004-sla-policies.ts';
import * as ticketClocks from '../migrations/20261123-0005-ticket-clocks.ts';
import * as slaEscalations from '../migrations/20261123-0006-sla-escalations.ts';
import * as slaRecomputes from '../migrations/20261123-0007-sla-recomputes.ts';
import * as emailChannel from '../migrations/20261123-0008-email-channel.ts';
import * as channels from '../migrations/20261123-0009-channels.ts';
import * as chat from '../migrations/20261123-0010-chat.ts';
import * as ticketSla from '../migrations/20261123-0012-ticket-sla.ts';
import * as surveyRollups from '../migrations/20261123-0013-survey-rollups.ts';
import * as surveys from '../migrations/20261123-0011-surveys.ts';
import * as views from '../migrations/20261123-0014-views.ts';
import * as macros from '../migrations/20261123-0015-macros.ts';
import * as ticketFacts from '../migrations/20261123-0016-ticket-facts.ts';
import * as teamReports from '../migrations/20261123-0017-team-reports.ts';
import * as analyticsRollup from '../migrations/20261123-0018-analytics-rollup.ts';
import type { DB } from './schema.ts';

/**
 * Forward-only migrations, listed explicitly (no directory scanning, so the
 * same list works from source, from a bundle and in tests). Append new ones.
 */
const migrations: Record<string, Migration> = {
  '20261123-0001-core': core,
  '20261123-0002-calendars': calendars,
  '20261123-0003-tier-rules': tierRules,
  '20261123-0004-sla-policies': slaPolicies,
  '20261123-0005-ticket-clocks': ticketClocks,
  '20261123-0006-sla-escalations': slaEscalations,
  '20261123-0007-sla-recomputes': slaRecomputes,
  '20261123-0008-email-channel': emailChannel,
  '20261123-0009-channels': channels,
  '20261123-0010-chat': chat,
  '20261123-0011-surveys': surveys,
  '20261123-0012-ticket-sla': ticketSla,
  '20261123-0013-survey-rollups': surveyRollups,
  '20261123-0014-views': views,
  '20261123-0015-macros': macros,
  '20261123-0016-ticket-facts': ticketFacts,
  '20261123-0017-team-reports': teamReports,
  '20261123-0018-analytics-rollup': analyticsRollup,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'gapwise_migrations',
    migrationLockTableName: 'gapwise_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
