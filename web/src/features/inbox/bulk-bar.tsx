import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useAgents } from '../../lib/reference-data.ts';
import { PRIORITIES, STATUSES, type TicketListItem } from '../../lib/types.ts';
import { useSession } from '../session/session-api.ts';
import { useBulkUpdate } from './bulk-api.ts';
import type { BulkChanges, BulkResult } from './inbox-types.ts';
import { MergeDialog } from './merge-dialog.tsx';

const NO_CHANGE = '';
const UNASSIGNED = 'none';
const splitTags = (s: string) => s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

interface Props {
  selected: TicketListItem[];
  onClear: () => void;
  /** Keep only these selected (the ones that failed). */
  onKeep: (ids: string[]) => void;
  announce: (text: string) => void;
}

/** Changes for every selected ticket (POST /tickets/bulk) and merging them into one. */
export function BulkBar({ selected, onClear, onKeep, announce }: Props) {
  const { t } = useTranslation();
  const agents = useAgents();
  const session = useSession();
  const bulk = useBulkUpdate();
  const [assignee, setAssignee] = useState(NO_CHANGE);
  const [status, setStatus] = useState(NO_CHANGE);
  const [priority, setPriority] = useState(NO_CHANGE);
  const [addTags, setAddTags] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  const [merging, setMerging] = useState(false);
  const [failures, setFailures] = useState<{ number: number; message: string }[]>([]);

  const changes: BulkChanges = {};
  if (assignee) changes.assignee_id = assignee === UNASSIGNED ? null : assignee;
  if (status) changes.status = status as BulkChanges['status'];
  if (priority) changes.priority = priority as BulkChanges['priority'];
  if (splitTags(addTags).length) changes.add_tags = splitTags(addTags);
  if (splitTags(removeTags).length) changes.remove_tags = splitTags(removeTags);
  const hasChanges = Object.keys(changes).length > 0;

  const done = (result: BulkResult) => {
    const numbers = new Map(selected.map((x) => [x.id, x.number]));
    const failed = result.results.filter((r) => r.outcome === 'failed');
    setFailures(failed.map((r) => ({ number: numbers.get(r.ticket_id) ?? 0, message: errorMessage(t, new ApiError(0, r.error?.code ?? 'internal_error', r.error?.detail)) })));
    announce(t('inboxTools.bulkDone', { updated: result.updated, unchanged: result.unchanged, failed: result.failed }));
    if (failed.length) onKeep(failed.map((r) => r.ticket_id));
    else {
      setAssignee(NO_CHANGE);
      setStatus(NO_CHANGE);
      setPriority(NO_CHANGE);
      setAddTags('');
      setRemoveTags('');
      onClear();
    }
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!hasChanges) return;
    bulk.mutate({ ticket_ids: selected.map((x) => x.id), changes }, { onSuccess: done });
  };

  return (
    <section className="bulk-bar" aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="bulk-title">
        {t('inboxTools.selected', { count: selected.length })}
      </h2>
      <form className="bulk-form" onSubmit={apply}>
        <span className="filter">
          <label htmlFor="bulk-assignee">{t('inboxTools.assignTo')}</label>
          <select id="bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value={NO_CHANGE}>{t('inboxTools.noChange')}</option>
            {session.data && <option value={session.data.user_id}>{t('inboxTools.me')}</option>}
            <option value={UNASSIGNED}>{t('ticket.unassigned')}</option>
            {(agents.data ?? [])
              .filter((a) => a.id !== session.data?.user_id)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
        </span>
        <span className="filter">
          <label htmlFor="bulk-status">{t('fields.status')}</label>
          <select id="bulk-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value={NO_CHANGE}>{t('inboxTools.noChange')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </span>
        <span className="filter">
          <label htmlFor="bulk-priority">{t('fields.priority')}</label>
          <select id="bulk-priority" value={priority} onChange={(e) => setPriority(e.target.value)}>
            <option value={NO_CHANGE}>{t('inboxTools.noChange')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </span>
        <span className="filter">
          <label htmlFor="bulk-add-tags">{t('inboxTools.addTags')}</label>
          <input id="bulk-add-tags" value={addTags} onChange={(e) => setAddTags(e.target.value)} aria-describedby="bulk-tags-hint" />
        </span>
        <span className="filter">
          <label htmlFor="bulk-remove-tags">{t('inboxTools.removeTags')}</label>
          <input id="bulk-remove-tags" value={removeTags} onChange={(e) => setRemoveTags(e.target.value)} aria-describedby="bulk-tags-hint" />
        </span>
        <button type="submit" className="button-primary" disabled={!hasChanges || bulk.isPending}>
          {t('inboxTools.apply', { count: selected.length })}
        </button>
        <button type="button" onClick={() => setMerging(true)} disabled={selected.length < 2}>
          {t('inboxTools.merge')}
        </button>
        <button type="button" className="button-quiet" onClick={onClear}>
          {t('inboxTools.clearSelection')}
        </button>
      </form>
      <p id="bulk-tags-hint" className="hint">
        {t('ticket.tagsHint')}
      </p>
      {bulk.error ? (
        <p role="alert" className="form-error">
          {errorMessage(t, bulk.error)}
        </p>
      ) : null}
      {failures.length > 0 && (
        <ul className="bulk-failures" aria-label={t('inboxTools.failures')}>
          {failures.map((f) => (
            <li key={f.number}>{t('inboxTools.failure', { number: f.number, message: f.message })}</li>
          ))}
        </ul>
      )}
      {merging && (
        <MergeDialog
          tickets={selected}
          onClose={() => setMerging(false)}
          onMerged={(message) => {
            setMerging(false);
            announce(message);
            onClear();
          }}
        />
      )}
    </section>
  );
}
