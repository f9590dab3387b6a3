import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { type AttachmentMeta, uploadFile } from './uploads.ts';

interface Upload {
  id: number;
  name: string;
  progress: number;
  error: unknown;
  controller: AbortController;
}

function formatSize(bytes: number, language: string): string {
  const [value, unit] = bytes >= 1_048_576 ? [bytes / 1_048_576, 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/**
 * Files for the reply: each is uploaded as soon as it is picked (with a progress bar), and once
 * uploaded it belongs to the draft (kept across a reload). Removing one that is still uploading
 * cancels it.
 */
export function AttachmentPicker({
  attachments,
  onAdd,
  onRemove,
  onBusyChange,
}: {
  attachments: AttachmentMeta[];
  onAdd: (attachment: AttachmentMeta) => void;
  onRemove: (index: number) => void;
  onBusyChange: (busy: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const nextId = useRef(1);
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = uploads.some((u) => u.error === null);

  useEffect(() => onBusyChange(busy), [busy, onBusyChange]);
  // Leaving the ticket cancels uploads still running (their files would belong to no draft).
  const live = useRef(uploads);
  live.current = uploads;
  useEffect(() => () => live.current.forEach((u) => u.controller.abort()), []);

  const update = (id: number, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u)));
  const drop = (id: number) => setUploads((list) => list.filter((u) => u.id !== id));

  const start = (file: File) => {
    const upload: Upload = { id: nextId.current++, name: file.name, progress: 0, error: null, controller: new AbortController() };
    setUploads((list) => [...list, upload]);
    uploadFile(file, (progress) => update(upload.id, { progress }), upload.controller.signal).then(
      (meta) => {
        drop(upload.id);
        onAdd(meta);
      },
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') drop(upload.id);
        else update(upload.id, { error });
      },
    );
  };

  return (
    <div className="attachment-picker">
      <input
        ref={inputRef}
        id="reply-files"
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('ticketTools.attach.button')}
        onChange={(e) => {
          for (const file of Array.from(e.target.files ?? [])) start(file);
          e.target.value = '';
        }}
      />
      <button type="button" onClick={() => inputRef.current?.click()} aria-describedby={attachments.length + uploads.length > 0 ? 'reply-files-list' : undefined}>
        {t('ticketTools.attach.button')}
      </button>
      {attachments.length + uploads.length > 0 && (
        <ul id="reply-files-list" className="attachment-list" aria-label={t('ticketTools.attach.list')}>
          {attachments.map((a, index) => (
            <li key={`${a.storage_key}-${index}`}>
              <span>{a.filename}</span> <span className="hint">{formatSize(a.size, i18n.language)}</span>
              <button type="button" className="button-quiet" onClick={() => onRemove(index)} aria-label={t('ticketTools.attach.remove', { name: a.filename })}>
                ✕
              </button>
            </li>
          ))}
          {uploads.map((u) => (
            <li key={u.id}>
              <span>{u.name}</span>{' '}
              {u.error === null ? (
                <progress max={1} value={u.progress} aria-label={t('ticketTools.attach.uploading', { name: u.name })} />
              ) : (
                <span className="form-error" role="alert">
                  {t('ticketTools.attach.failed', { name: u.name, error: errorMessage(t, u.error) })}
                </span>
              )}
              <button
                type="button"
                className="button-quiet"
                onClick={() => {
                  u.controller.abort();
                  drop(u.id);
                }}
                aria-label={t('ticketTools.attach.remove', { name: u.name })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
