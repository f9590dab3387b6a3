import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import type { TicketStatus } from '../../lib/types.ts';
import { AttachmentPicker } from './attachment-picker.tsx';
import { type Draft, emptyDraft, loadDraft, saveDraft } from './drafts.ts';
import { MacroActionsSummary } from './macro-actions-summary.tsx';
import { MacroPicker } from './macro-picker.tsx';
import { hasActions, type MacroPreview, useApplyMacro } from './macros-api.ts';
import { useSendMessage } from './ticket-api.ts';

const AFTER_SEND: ('' | TicketStatus)[] = ['', 'pending', 'on_hold', 'solved'];

/**
 * Reply to the customer or leave an internal note, with files and macros. Everything (text,
 * uploaded files, the macro whose changes apply on send) is saved as a draft on every change.
 * A macro's changes are applied once the message is sent, through the macro apply endpoint.
 */
export function ReplyBox({ ticketId, autoFocus, onTyping }: { ticketId: string; autoFocus: boolean; onTyping?: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(ticketId));
  const [status, setStatus] = useState<'' | TicketStatus>('');
  const [uploading, setUploading] = useState(false);
  const send = useSendMessage(ticketId);
  const apply = useApplyMacro(ticketId);
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => saveDraft(ticketId, draft), [ticketId, draft]);
  useEffect(() => {
    if (autoFocus) textRef.current?.focus();
  }, [autoFocus]);

  const canSend = draft.text.trim() !== '' && !send.isPending && !uploading;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    const macro = draft.macro;
    apply.reset();
    send.mutate(
      { kind: draft.kind, body_text: draft.text, attachments: draft.attachments, ...(status ? { status } : {}) },
      {
        onSuccess: () => {
          setDraft(emptyDraft(draft.kind));
          setStatus('');
          if (macro) apply.mutate(macro.id);
        },
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };
  const insertMacro = (preview: MacroPreview) => {
    setDraft((d) => ({
      ...d,
      kind: preview.kind ?? d.kind,
      text: d.text.trim() === '' ? preview.body_text : `${d.text.replace(/\s+$/, '')}\n\n${preview.body_text}`,
      macro: hasActions(preview.actions) ? { id: preview.macro_id, name: preview.name, actions: preview.actions } : d.macro,
    }));
    onTyping?.();
    textRef.current?.focus();
  };
  const onBusyChange = useCallback((busy: boolean) => setUploading(busy), []);
  const isNote = draft.kind === 'internal_note';

  return (
    <form className={`reply-box${isNote ? ' is-note' : ''}`} onSubmit={submit} aria-label={t('reply.title')}>
      <div className="reply-toolbar">
        <fieldset className="reply-kinds">
          <legend className="visually-hidden">{t('reply.kind')}</legend>
          {(['public_reply', 'internal_note'] as const).map((kind) => (
            <label key={kind}>
              <input type="radio" name="reply-kind" value={kind} checked={draft.kind === kind} onChange={() => setDraft({ ...draft, kind })} />{' '}
              {t(`reply.${kind}`)}
            </label>
          ))}
        </fieldset>
        <MacroPicker ticketId={ticketId} onInsert={insertMacro} />
      </div>
      <label htmlFor="reply-text" className="visually-hidden">
        {isNote ? t('reply.noteLabel') : t('reply.replyLabel')}
      </label>
      <textarea
        id="reply-text"
        ref={textRef}
        value={draft.text}
        placeholder={isNote ? t('reply.notePlaceholder') : t('reply.replyPlaceholder')}
        onChange={(e) => {
          setDraft({ ...draft, text: e.target.value });
          onTyping?.();
        }}
        onKeyDown={onKeyDown}
        aria-describedby="reply-hint"
      />
      <p id="reply-hint" className="hint">
        {t('reply.hint')}
      </p>
      <AttachmentPicker
        attachments={draft.attachments}
        onAdd={(a) => setDraft((d) => ({ ...d, attachments: [...d.attachments, a] }))}
        onRemove={(index) => setDraft((d) => ({ ...d, attachments: d.attachments.filter((_, i) => i !== index) }))}
        onBusyChange={onBusyChange}
      />
      {draft.macro && (
        <section className="macro-pending" aria-labelledby="macro-pending-title">
          <h3 id="macro-pending-title">{t('ticketTools.macros.willApply', { name: draft.macro.name })}</h3>
          <MacroActionsSummary actions={draft.macro.actions} />
          <button type="button" onClick={() => setDraft({ ...draft, macro: null })}>
            {t('ticketTools.macros.dropActions')}
          </button>
        </section>
      )}
      {send.isError && (
        <p className="form-error" role="alert">
          {errorMessage(t, send.error)}
        </p>
      )}
      {apply.isError && (
        <p className="form-error" role="alert">
          {t('ticketTools.macros.applyFailed', { error: errorMessage(t, apply.error) })}
        </p>
      )}
      {uploading && <p className="hint">{t('ticketTools.attach.waiting')}</p>}
      <div className="reply-actions">
        <label htmlFor="reply-status">{t('reply.thenStatus')}</label>
        <select id="reply-status" value={status} onChange={(e) => setStatus(e.target.value as '' | TicketStatus)}>
          {AFTER_SEND.map((s) => (
            <option key={s} value={s}>
              {s ? t(`status.${s}`) : t('reply.keepStatus')}
            </option>
          ))}
        </select>
        <button type="submit" className="button-primary" disabled={!canSend}>
          {isNote ? t('reply.addNote') : t('reply.send')}
        </button>
      </div>
    </form>
  );
}
