import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { DB } from '../../platform/schema.ts';
import { storageFor } from '../../platform/storage.ts';
import type { RequestContext } from '../auth/actor.ts';
import * as repo from './tickets.repository.ts';

export interface AttachmentDownload {
  filename: string;
  contentType: string;
  /** Only images the browser cannot run code from are shown inline; everything else downloads. */
  inline: boolean;
  content: Buffer;
}

/**
 * Types shown inline. Never HTML, SVG or XML (they can carry script): those, and anything unknown,
 * are sent as `application/octet-stream` attachments, with nosniff (set by the route).
 */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']);

/**
 * The bytes of one attachment of a message (`index` in the message's `attachments` list), from
 * attachment storage. An attachment without stored bytes (over the size limit, kept only in the
 * raw mail) is `attachment_not_stored` (404 with that code); another workspace's ticket or
 * message is not found.
 */
export async function downloadAttachment(
  db: Kysely<DB>,
  ctx: RequestContext,
  config: Pick<Config, 'dataDir'>,
  ticketId: string,
  messageId: string,
  index: number,
): Promise<AttachmentDownload> {
  const message = await repo.findMessage(db, ctx.workspaceId, ticketId, messageId);
  if (!message) throw notFound('Message');
  const attachment = message.attachments[index];
  if (!attachment) throw notFound('Attachment');
  if (!attachment.storage_key) throw new AppError('attachment_not_stored', 'This attachment was not stored (over the size limit); it is kept in the original message');
  let content: Buffer;
  try {
    content = await storageFor(config).get(ctx.workspaceId, attachment.storage_key);
  } catch {
    throw new AppError('attachment_not_stored', 'The attachment’s content is not in storage');
  }
  const type = attachment.content_type.toLowerCase().split(';')[0]?.trim() ?? '';
  const inline = INLINE_TYPES.has(type);
  return { filename: attachment.filename, contentType: inline ? type : 'application/octet-stream', inline, content };
}
