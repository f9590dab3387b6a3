import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { loadConfig, type Config } from '../server/config.ts';
import { buildApp } from '../server/http/app.ts';
import { PgBossQueue } from '../server/jobs/pg-boss-queue.ts';
import { registerJobs } from '../server/jobs/registry.ts';
import { createMailer } from '../server/platform/mailer.ts';
import type { Clock } from '../server/platform/clock.ts';
import { systemClock } from '../server/platform/clock.ts';
import type { Database, Engine } from '../server/platform/db.ts';
import { EventBus } from '../server/platform/realtime.ts';
import { createTestDatabase, type TestDatabase, testEngines } from './database.ts';

export interface TestContext {
  engine: Engine;
  app: FastifyInstance;
  database: Database;
  testDb: TestDatabase;
  config: Config;
  clock: Clock;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ GAPWISE_DATA_DIR: '.tmp/test-data', LOG_LEVEL: 'silent', ...overrides });
}

/** An app over a fresh, migrated database; the job queue is created but not started. */
export async function createTestApp(
  engine: Engine,
  options: { clock?: Clock; config?: Record<string, string> } = {},
): Promise<TestContext> {
  const testDb = await createTestDatabase(engine);
  const config = testConfig(options.config);
  const clock = options.clock ?? systemClock;
  const events = new EventBus(testDb.database);
  const app = await buildApp(
    { database: testDb.database, config, clock, events, jobs: undefined as never },
    { logger: false },
  );
  // The real queue with every job registered, started without workers: a
  // use case that queues a job works as in production, and tests that want
  // a job's effect run its handler (or a working queue) themselves.
  const jobs = new PgBossQueue(testDb.database, { work: false, logger: app.log });
  registerJobs(jobs, { database: testDb.database, clock, logger: app.log, mailer: createMailer({ smtpUrl: undefined, from: config.mailFrom }), config });
  await jobs.start();
  app.deps.jobs = jobs;
  await app.ready();
  return { engine, app, database: testDb.database, testDb, config, clock };
}

/**
 * Runs a suite once per engine (PGlite, and PostgreSQL when DATABASE_URL is
 * set), each over its own fresh database. `get()` returns the context inside tests.
 */
export function describeEngines(
  name: string,
  body: (get: () => TestContext) => void,
  options: { clock?: () => Clock; config?: Record<string, string> } = {},
) {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      let ctx: TestContext | undefined;
      beforeAll(async () => {
        ctx = await createTestApp(engine, { clock: options.clock?.(), config: options.config });
      }, 60_000);
      afterAll(async () => {
        await ctx?.app.close();
        await ctx?.app.deps.jobs.stop();
        await ctx?.testDb.drop();
      }, 60_000);
      body(() => {
        if (!ctx) throw new Error('test context not ready');
        return ctx;
      });
    });
  }
}

export type Auth = { cookie: string } | { apiKey: string } | null;

/** HTTP through the real app (no network): `call(app, 'POST', '/api/v1/x', { as, body })`. */
export async function call(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  options: { as?: Auth; body?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<LightMyRequestResponse & { json<T = any>(): T }> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.as && 'cookie' in options.as) headers.cookie = options.as.cookie;
  if (options.as && 'apiKey' in options.as) headers.authorization = `Bearer ${options.as.apiKey}`;
  const inject: InjectOptions = { method, url, headers };
  if (options.remoteAddress) inject.remoteAddress = options.remoteAddress;
  if (options.body !== undefined) {
    inject.payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  return app.inject(inject) as never;
}

/**
 * Follows `next_cursor` from the first page to the last and returns every
 * id in order, checking each page's status and size on the way.
 */
export async function walkPages(app: FastifyInstance, as: Auth, path: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  const join = path.includes('?') ? '&' : '?';
  do {
    const url: string = `${path}${join}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await call(app, 'GET', url, { as });
    expect(res.statusCode).toBe(200);
    const body: { data: { id: string }[]; next_cursor: string | null } = res.json();
    expect(body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...body.data.map((r) => r.id));
    cursor = body.next_cursor;
  } while (cursor);
  return seen;
}
