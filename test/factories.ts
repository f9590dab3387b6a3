import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { insertWorkspaceWithOwner } from '../server/modules/workspaces/workspaces.service.ts';
import { insertUserRecord } from '../server/modules/users/users.service.ts';
import type { DB, Role } from '../server/platform/schema.ts';
import { type Auth, call } from './harness.ts';

/**
 * Fixtures built through the real services (never raw inserts). Each test
 * makes its own workspace, so tests sharing one database never see each other.
 */
export const TEST_PASSWORD = 'correct horse battery';

export function uniqueSlug(prefix = 'ws'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export interface WorkspaceFixture {
  workspaceId: string;
  slug: string;
  owner: { id: string; email: string };
  /** Session cookie of the owner. */
  as: Auth;
}

export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD, workspace?: string): Promise<Auth> {
  const res = await call(app, 'POST', '/api/v1/session', { body: { email, password, ...(workspace ? { workspace } : {}) } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gapwise_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `gapwise_session=${cookie.value}` };
}

export async function createWorkspace(app: FastifyInstance, options: { instanceAdmin?: boolean } = {}): Promise<WorkspaceFixture> {
  const db = app.deps.database.db;
  const slug = uniqueSlug();
  const email = `owner@${slug}.test`;
  const { workspace, owner } = await insertWorkspaceWithOwner(
    db,
    {
      name: `Workspace ${slug}`,
      slug,
      default_locale: 'en',
      time_zone: 'Asia/Bangkok',
      mail_domain: null,
      owner: { email, name: 'Owner', password: TEST_PASSWORD },
      ownerIsInstanceAdmin: options.instanceAdmin ?? false,
    },
    app.deps.clock.now(),
  );
  return { workspaceId: workspace.id, slug, owner: { id: owner.id, email }, as: await signIn(app, email, TEST_PASSWORD, slug) };
}

/** Adds a user with the given role to a workspace and signs them in. */
export async function addUser(app: FastifyInstance, ws: WorkspaceFixture, role: Role, name: string = role): Promise<{ id: string; email: string; as: Auth }> {
  const db: Kysely<DB> = app.deps.database.db;
  const email = `${name}-${randomBytes(3).toString('hex')}@${ws.slug}.test`;
  const user = await insertUserRecord(db, ws.workspaceId, { email, name, role, password: TEST_PASSWORD }, app.deps.clock.now());
  return { id: user.id, email, as: await signIn(app, email, TEST_PASSWORD, ws.slug) };
}

/** Creates a ticket through the API; returns the response body. */
export async function createTicket(app: FastifyInstance, as: Auth, overrides: Record<string, unknown> = {}) {
  const res = await call(app, 'POST', '/api/v1/tickets', {
    as,
    body: {
      subject: 'Printer is on fire',
      customer: { email: `customer-${randomBytes(3).toString('hex')}@example.com`, name: 'Customer' },
      message: { body_text: 'Please help, smoke everywhere.' },
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`ticket create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
