import fs from 'node:fs';
import { createMailer } from '../../platform/mailer.ts';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, testEngines } from '../../../test/database.ts';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { testConfig } from '../../../test/harness.ts';
import { buildApp } from '../../http/app.ts';
import { PgBossQueue } from '../../jobs/pg-boss-queue.ts';
import { registerJobs } from '../../jobs/registry.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createDatabase, type Database, type Engine } from '../../platform/db.ts';
import { migrateToLatest } from '../../platform/migrate.ts';
import { EventBus } from '../../platform/realtime.ts';
import { at, createPolicy, inbox, scheduleOf, slaEventsOf, sweep } from './test-escalations.ts';

/** A database that can be closed and opened again, like a server restart. */
async function reopenableDatabase(engine: Engine) {
  if (engine === 'postgres') {
    const empty = await createEmptyPostgresDatabase();
    return { open: () => createDatabase({ engine: 'postgres', url: empty.url, poolSize: 3 }), drop: () => empty.drop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-esc-'));
  return {
    open: () => createDatabase({ engine: 'pglite', dataDir: dir }),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

interface Running {
  app: FastifyInstance;
  database: Database;
  jobs: PgBossQueue;
}

/** What the server does at start: open, migrate, build the app, set up the job queue. */
async function start(store: Awaited<ReturnType<typeof reopenableDatabase>>, clock: ManualClock): Promise<Running> {
  const database = await store.open();
  await migrateToLatest(database.db);
  const app = await buildApp({ database, config: testConfig(), clock, events: new EventBus(database), jobs: undefined as never }, { logger: false });
  const jobs = new PgBossQueue(database, { work: false, logger: app.log });
  registerJobs(jobs, { database, clock, logger: app.log, mailer: createMailer({ smtpUrl: undefined, from: 'Gapwise <no-reply@localhost>' }), config: testConfig() });
  await jobs.start();
  app.deps.jobs = jobs;
  await app.ready();
  return { app, database, jobs };
}

async function stop(running: Running): Promise<void> {
  await running.app.close();
  await running.jobs.stop();
  await running.database.close();
}

for (const engine of testEngines()) {
  describe(`SLA escalations across a restart [${engine}]`, () => {
    it('a warning and an escalation scheduled before a restart fire after it, once each', async () => {
      const clock = new ManualClock(at('mon', '08:00'));
      const store = await reopenableDatabase(engine);
      let running: Running | null = null;
      try {
        running = await start(store, clock);
        const ws = await createWorkspace(running.app);
        const agent = await addUser(running.app, ws, 'agent');
        await createPolicy(running.app, ws.as, {
          targets: { normal: { first_reply: { minutes: 60, mode: 'calendar' } } },
          escalation_rules: [
            { metric: 'first_reply', offset_minutes: -15, actions: [{ type: 'notify', to: 'assignee' }] },
            { metric: 'first_reply', offset_minutes: 0, actions: [{ type: 'add_tag', tag: 'late' }] },
          ],
        });
        clock.set(at('mon', '10:00'));
        const ticket = await createTicket(running.app, ws.as, { assignee_id: agent.id });
        expect((await scheduleOf(running.database, ws.workspaceId, ticket.id)).map((r) => r.state)).toEqual(['scheduled', 'scheduled']);

        // The server goes down before anything is due, and comes back after both are.
        await stop(running);
        running = null;
        clock.set(at('mon', '11:05'));
        running = await start(store, clock);
        await sweep(running.app, clock);
        await sweep(running.app, clock);

        expect((await slaEventsOf(running.app, ws.as, ticket.id)).map((e) => [e.type, e.offset, e.at])).toEqual([
          ['sla_warning', -15, at('mon', '11:05').toISOString()],
          ['sla_escalated', 0, at('mon', '11:05').toISOString()],
        ]);
        expect(await inbox(running.app, agent.as)).toHaveLength(1);
        expect((await scheduleOf(running.database, ws.workspaceId, ticket.id)).map((r) => r.state)).toEqual(['fired', 'fired']);

        // And once more across a second restart: nothing fires twice.
        await stop(running);
        running = null;
        clock.set(at('mon', '12:00'));
        running = await start(store, clock);
        await sweep(running.app, clock);
        expect(await slaEventsOf(running.app, ws.as, ticket.id)).toHaveLength(2);
      } finally {
        if (running) await stop(running);
        await store.drop();
      }
    }, 120_000);
  });
}
