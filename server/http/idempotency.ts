import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as repo from '../modules/shared/idempotency.repository.ts';
import { AppError } from '../platform/errors.ts';
import { contextOf } from './context.ts';

/**
 * Runs a creating handler at most once per `Idempotency-Key` (per caller).
 * A retry with the same key and body gets the first response back; the same
 * key with a different body is refused; a retry while the first attempt is
 * still running gets 409. A failed attempt releases the key so it can be retried.
 */
export async function withIdempotency<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  create: () => Promise<T>,
): Promise<T> {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) {
    const result = await create();
    reply.status(status);
    return result;
  }
  if (key.length === 0 || key.length > 200) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 200 characters', {
      issues: [{ path: 'headers.idempotency-key', message: 'length 1..200' }],
    });
  }
  const ctx = contextOf(request);
  const db = request.server.deps.database.db;
  const ref = { workspace_id: ctx.workspaceId, principal: `${ctx.actor.kind}:${ctx.actor.id}`, key };
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url}\n${JSON.stringify(request.params)}\n${JSON.stringify(request.body)}`)
    .digest('hex');

  if (!(await repo.claimKey(db, ref, requestHash, ctx.now))) {
    const existing = await repo.findKey(db, ref);
    if (!existing) throw new AppError('idempotency_in_progress', 'Retry: the first request with this key just finished');
    if (existing.request_hash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different request');
    }
    if (existing.status_code === null) {
      throw new AppError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed');
    }
    reply.status(existing.status_code).header('idempotent-replayed', 'true');
    return existing.response as T;
  }
  try {
    const result = await create();
    await repo.storeResponse(db, ref, status, result);
    reply.status(status);
    return result;
  } catch (error) {
    await repo.releaseKey(db, ref);
    throw error;
  }
}
