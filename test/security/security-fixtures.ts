import type { FastifyInstance } from 'fastify';
import type { Auth } from '../harness.ts';
import { call } from '../harness.ts';

/** Small fixtures shared by the security suites (everything through the public API). */

/** Creates an API key through POST /api/v1/api-keys and returns it as an `as` value. */
export async function createApiKey(app: FastifyInstance, as: Auth, role: 'admin' | 'supervisor' | 'agent' = 'admin'): Promise<{ id: string; as: Auth }> {
  const res = await call(app, 'POST', '/api/v1/api-keys', { as, body: { name: `key ${role}`, role } });
  if (res.statusCode !== 201) throw new Error(`api key create failed: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, as: { apiKey: res.json().key } };
}

/** Fills a route pattern's parameters (`:id`, `*`) with a well-formed id that names nothing. */
export function fillParams(url: string, id = '01900000-0000-7000-8000-000000000000'): string {
  return url.replace(/:[A-Za-z_]+/g, id).replace(/\*$/, 'x');
}
