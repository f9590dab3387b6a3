import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import type { SavedView } from './inbox-types.ts';
import { useCreateView, useDeleteView, useUpdateView } from './views-api.ts';
import type { StoredViewFilters } from './views.ts';

interface NameFormProps {
  id: string;
  initial: string;
  submitLabel: string;
  /** Supervisors and above may share views with the workspace. */
  canShare: boolean;
  initialShared?: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (name: string, shared: boolean) => void;
  onCancel: () => void;
}

function NameForm({ id, initial, submitLabel, canShare, initialShared = false, pending, error, onSubmit, onCancel }: NameFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [shared, setShared] = useState(initialShared);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onSubmit(name.trim(), shared);
  };
  return (
    <form className="view-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label htmlFor={`${id}-name`}>{t('inboxTools.viewName')}</label>
      <input id={`${id}-name`} value={name} maxLength={100} required autoFocus onChange={(e) => setName(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {canShare && (
        <label className="inline-check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t('inboxTools.shareWithWorkspace')}
        </label>
      )}
      <button type="submit" className="button-primary" disabled={pending}>
        {submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        {t('inboxTools.cancel')}
      </button>
      {error ? (
        <p id={`${id}-error`} role="alert" className="form-error">
          {errorMessage(t, error)}
        </p>
      ) : null}
    </form>
  );
}

/** "Save as view": the current view and filters become a saved view, then the inbox opens it. */
export function SaveViewButton({ stored, canShare, announce }: { stored: { filters: StoredViewFilters; sort: 'updated_at' | 'sla_due' }; canShare: boolean; announce: (s: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateView();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('inboxTools.saveView')}
      </button>
    );
  }
  return (
    <NameForm
      id="save-view"
      initial=""
      submitLabel={t('inboxTools.save')}
      canShare={canShare}
      pending={create.isPending}
      error={create.error}
      onCancel={() => setOpen(false)}
      onSubmit={(name, shared) =>
        create.mutate(
          { name, shared, filters: stored.filters as never, sort: stored.sort },
          {
            onSuccess: (view) => {
              setOpen(false);
              announce(t('inboxTools.viewSaved', { name: view.name }));
              navigate(`/inbox/${view.id}`);
            },
          },
        )
      }
    />
  );
}

/** Rename, share / make personal, delete: for a saved view the caller may manage. */
export function SavedViewActions({ view, canShare, announce }: { view: SavedView; canShare: boolean; announce: (s: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateView();
  const remove = useDeleteView();
  const [renaming, setRenaming] = useState(false);
  if (!view.can_manage) return null;
  if (renaming) {
    return (
      <NameForm
        id="rename-view"
        initial={view.name}
        submitLabel={t('inboxTools.rename')}
        canShare={canShare}
        initialShared={view.shared}
        pending={update.isPending}
        error={update.error}
        onCancel={() => setRenaming(false)}
        onSubmit={(name, shared) => update.mutate({ id: view.id, patch: { name, shared } }, { onSuccess: () => setRenaming(false) })}
      />
    );
  }
  return (
    <div className="view-actions">
      <button type="button" onClick={() => setRenaming(true)}>
        {t('inboxTools.rename')}
      </button>
      {canShare && (
        <button
          type="button"
          onClick={() =>
            update.mutate(
              { id: view.id, patch: { shared: !view.shared } },
              { onSuccess: (v) => announce(t(v.shared ? 'inboxTools.nowShared' : 'inboxTools.nowPersonal', { name: v.name })) },
            )
          }
        >
          {view.shared ? t('inboxTools.makePersonal') : t('inboxTools.shareWithWorkspace')}
        </button>
      )}
      <button
        type="button"
        onClick={() => {
          if (!window.confirm(t('inboxTools.confirmDelete', { name: view.name }))) return;
          remove.mutate(view.id, {
            onSuccess: () => {
              announce(t('inboxTools.viewDeleted', { name: view.name }));
              navigate('/inbox/my_open');
            },
          });
        }}
      >
        {t('inboxTools.deleteView')}
      </button>
      {update.error || remove.error ? (
        <p role="alert" className="form-error">
          {errorMessage(t, update.error ?? remove.error)}
        </p>
      ) : null}
    </div>
  );
}
