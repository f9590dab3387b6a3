import type { UploadDto } from '../../../contracts/uploads.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';
import { assertStorageKey, storageFor } from '../../platform/storage.ts';
import type { RequestContext } from '../auth/actor.ts';

/**
 * Agents' uploads: the bytes go to attachment storage first (content-addressed per workspace, so
 * uploading the same file twice keeps one copy), and the message that uses them later names the
 * `storage_key`. An upload nobody attaches stays as an unreferenced file, like the files of a mail
 * whose transaction rolled back.
 */
export async function storeUpload(
  config: Pick<Config, 'dataDir'>,
  ctx: RequestContext,
  file: { filename: string; contentType: string | undefined; content: Buffer },
): Promise<UploadDto> {
  if (file.content.length === 0) {
    throw new AppError('validation_failed', 'The file is empty', { issues: [{ path: 'body', message: 'send the file’s bytes as the request body' }] });
  }
  const stored = await storageFor(config).put(ctx.workspaceId, file.content);
  return { filename: cleanFilename(file.filename), content_type: cleanContentType(file.contentType), size: stored.size, storage_key: stored.key, sha256: stored.sha256 };
}

/** Control characters and path separators out: the name is shown and sent as a download name only. */
export function cleanFilename(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim().slice(0, 255);
  return cleaned === '' ? 'file' : cleaned;
}

/** `type/subtype` (parameters dropped, lower case); anything else is octet-stream. */
export function cleanContentType(value: string | undefined): string {
  const type = value?.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) ? type : 'application/octet-stream';
}

/**
 * Attachments named in a new message: every `storage_key` must be of this workspace and exist in
 * storage, so a message cannot point at another workspace's files or at nothing. Attachments
 * without a key (metadata only, e.g. from an integration) pass as before.
 */
export async function assertStoredAttachments(
  config: Pick<Config, 'dataDir'>,
  workspaceId: string,
  attachments: { storage_key?: string | undefined }[],
  path: string,
): Promise<void> {
  const storage = storageFor(config);
  const issues: { path: string; message: string }[] = [];
  for (const [i, a] of attachments.entries()) {
    if (a.storage_key === undefined) continue;
    let found = false;
    try {
      assertStorageKey(workspaceId, a.storage_key);
      found = await storage.has(workspaceId, a.storage_key);
    } catch {
      found = false;
    }
    if (!found) issues.push({ path: `${path}.${i}.storage_key`, message: 'no uploaded file with this key' });
  }
  if (issues.length > 0) throw new AppError('invalid_reference', 'An attachment refers to a file that was not uploaded', { issues });
}
