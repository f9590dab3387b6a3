import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '../modules/auth/actor.ts';
import { actorFromApiKey, actorFromSessionToken } from '../modules/auth/auth.service.ts';
import { AppError } from '../platform/errors.ts';

export const SESSION_COOKIE = 'gapwise_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request and enforces the route's `config.auth`.
 * A route without `config.auth` is refused: forgetting to declare who may
 * call it fails closed (and a test walks every route to check).
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config?.auth;
    if (request.routeOptions.url === undefined) return; // 404: handled by the not-found handler
    if (auth === 'public') return;
    if (auth === undefined) throw new AppError('forbidden', 'This route is not open to anyone');

    const { database, clock } = request.server.deps;
    const now = clock.now();
    const bearer = bearerToken(request);
    if (bearer) {
      request.actor = await actorFromApiKey(database.db, bearer, now);
      if (!request.actor) throw new AppError('unauthenticated', 'The API key is unknown, expired or revoked');
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new AppError('unauthenticated', 'Sign in or pass an API key');
      request.actor = await actorFromSessionToken(database.db, token, now);
      if (!request.actor) throw new AppError('unauthenticated', 'Your session has expired; sign in again');
      if (!SAFE_METHODS.has(request.method)) checkSameOrigin(request);
    }
    if (!hasRole(request.actor, auth)) throw new AppError('forbidden', 'Your role does not allow this action');
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new AppError('unauthenticated', 'Authorization must be "Bearer <api key>"');
  return match[1];
}

/**
 * Cross-site request forgery defence for cookie-authenticated writes:
 * browsers send Origin (and Sec-Fetch-Site) on cross-site POST/PATCH/DELETE,
 * so a request whose origin is not this host is refused. SameSite=Lax on
 * the cookie is the second layer.
 */
function checkSameOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  const host = request.headers['x-forwarded-host'] && request.server.deps.config.trustProxy
    ? String(request.headers['x-forwarded-host']).split(',')[0]?.trim()
    : request.headers.host;
  if (origin && origin !== 'null') {
    if (!host || !isSameHost(origin, host)) throw new AppError('csrf_failed', 'Cross-site requests are not allowed');
    return;
  }
  const site = request.headers['sec-fetch-site'];
  if (origin === 'null' || (site && site !== 'same-origin' && site !== 'none')) {
    throw new AppError('csrf_failed', 'Cross-site requests are not allowed');
  }
}

/**
 * Compares the Origin header with the Host header. Both go through the URL
 * parser so that `example.com:443` and `https://example.com` (a default port
 * written out on one side only) count as the same host.
 */
function isSameHost(origin: string, host: string): boolean {
  try {
    const o = new URL(origin);
    return o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    return false;
  }
}
