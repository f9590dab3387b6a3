import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import type { TicketListItem } from '../../lib/types.ts';
import { useMergeTickets } from './bulk-api.ts';

interface Props {
  tickets: TicketListItem[];
  onClose: () => void;
  onMerged: (message: string) => void;
}

/**
 * Confirms a merge: the agent picks the ticket to keep; the others are merged into it and
 * closed (POST /tickets/:id/merge). A modal <dialog>: focus stays inside, Escape cancels.
 */
export function MergeDialog({ tickets, onClose, onMerged }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const merge = useMergeTickets();
  // The oldest ticket is the usual one to keep (its number is what the customer saw first).
  const [target, setTarget] = useState(() => [...tickets].sort((a, b) => a.number - b.number)[0]?.id ?? '');
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const kept = tickets.find((x) => x.id === target);
  const sources = tickets.filter((x) => x.id !== target);
  const otherCustomers = sources.some((x) => x.customer_id !== kept?.customer_id);

  return (
    <dialog ref={ref} className="merge-dialog" aria-labelledby="merge-title" onClose={onClose} onCancel={onClose}>
      <h2 id="merge-title">{t('inboxTools.mergeTitle')}</h2>
      <fieldset>
        <legend>{t('inboxTools.mergeKeep')}</legend>
        {tickets.map((x) => (
          <label key={x.id} className="merge-option">
            <input type="radio" name="merge-target" value={x.id} checked={x.id === target} onChange={() => setTarget(x.id)} />#{x.number} {x.subject}
          </label>
        ))}
      </fieldset>
      <p>{t('inboxTools.mergeExplain', { count: sources.length, number: kept?.number })}</p>
      {otherCustomers && <p className="merge-warning">{t('inboxTools.mergeOtherCustomers')}</p>}
      {merge.error ? (
        <p role="alert" className="form-error">
          {errorMessage(t, merge.error)}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button
          type="button"
          className="button-danger"
          disabled={merge.isPending || !kept || sources.length === 0}
          onClick={() =>
            merge.mutate(
              { target, sources: sources.map((x) => x.id) },
              { onSuccess: (result) => onMerged(t('inboxTools.merged', { count: result.merged.length, number: result.ticket.number })) },
            )
          }
        >
          {t('inboxTools.mergeConfirm', { count: sources.length })}
        </button>
        <button type="button" onClick={onClose}>
          {t('inboxTools.cancel')}
        </button>
      </div>
    </dialog>
  );
}
