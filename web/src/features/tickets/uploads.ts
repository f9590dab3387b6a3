import type { z } from 'zod';
import type { attachmentMeta } from '../../../../contracts/tickets.ts';
import type { UploadDto } from '../../../../contracts/uploads.ts';
import { ApiError, api } from '../../lib/api.ts';

export type AttachmentMeta = z.infer<typeof attachmentMeta>;

/**
 * Uploads one file as the raw request body. XMLHttpRequest rather than fetch: only it reports
 * upload progress. A 401 is passed on through the API client, so the shell sends the agent to sign in.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<AttachmentMeta> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/uploads?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status === 201 && body) {
        const u = body as UploadDto;
        resolve({ filename: u.filename, content_type: u.content_type, size: u.size, storage_key: u.storage_key });
        return;
      }
      const problem = (body ?? {}) as { code?: string; detail?: string };
      if (xhr.status === 401) void api('/session').catch(() => {});
      reject(new ApiError(xhr.status, problem.code ?? `http_${xhr.status}`, problem.detail));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', undefined));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export function attachmentUrl(ticketId: string, messageId: string, index: number): string {
  return `/api/v1/tickets/${ticketId}/messages/${messageId}/attachments/${index}`;
}
