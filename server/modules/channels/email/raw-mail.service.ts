import type { Kysely } from 'kysely';
import type { Config } from '../../../config.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { DB } from '../../../platform/schema.ts';
import { storageFor } from '../../../platform/storage.ts';
import type { RequestContext } from '../../auth/actor.ts';
import { rawKeyOfMessage } from './email.repository.ts';

/**
 * The original message exactly as it arrived (`message/rfc822`), for an agent who needs what the
 * display folded or sanitised away, or to forward it as evidence.
 */
export async function downloadRawMail(db: Kysely<DB>, ctx: RequestContext, config: Pick<Config, 'dataDir'>, ticketId: string, messageId: string): Promise<Buffer> {
  const key = await rawKeyOfMessage(db, ctx.workspaceId, ticketId, messageId);
  if (!key) throw notFound('Original mail');
  try {
    return await storageFor(config).get(ctx.workspaceId, key);
  } catch {
    throw new AppError('attachment_not_stored', 'The original mail is not in storage');
  }
}
