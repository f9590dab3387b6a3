import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminDelete, useAdminList } from './admin-api.ts';
import { AdminPage, ConfirmButton, ErrorLine, Loading } from './admin-ui.tsx';

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

/**
 * The shape most admin screens share: a table of the items, "New …" above it, and the form
 * for the new or chosen item below. After a save or cancel the focus returns to the list.
 */
export function ResourceScreen<T extends { id: string; name: string }>(props: {
  resource: string;
  title: string;
  intro?: string;
  newLabel: string;
  columns: Column<T>[];
  /** The form; call done() after a save (or a cancel) to close it. */
  form: (item: T | null, done: () => void) => ReactNode;
  /** Delete (or deactivate, revoke …) from the row; omit when the API has no such thing. */
  remove?: { label: string; question: string; confirm: string; allowed?: (item: T) => boolean };
  sort?: (a: T, b: T) => number;
  rowActions?: (item: T) => ReactNode;
  above?: ReactNode;
}) {
  const { t } = useTranslation();
  const list = useAdminList<T>(props.resource);
  const remove = useAdminDelete(props.resource);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  const rows = [...(list.data ?? [])];
  if (props.sort) rows.sort(props.sort);

  const done = () => {
    setEditing(null);
    newRef.current?.focus();
  };

  return (
    <AdminPage
      title={props.title}
      intro={props.intro}
      actions={
        <button ref={newRef} type="button" className="button-primary" onClick={() => setEditing('new')}>
          {props.newLabel}
        </button>
      }
    >
      {props.above}
      <Loading when={list.isPending} />
      <ErrorLine error={list.error ?? remove.error} />
      {list.isSuccess && rows.length === 0 && <p className="empty">{t('admin.empty')}</p>}
      {rows.length > 0 && (
        <table ref={tableRef} className="data-table">
          <thead>
            <tr>
              {props.columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id} className={editing !== 'new' && editing?.id === item.id ? 'is-editing' : undefined}>
                {props.columns.map((c) => (
                  <td key={c.header}>{c.cell(item)}</td>
                ))}
                <td className="row-actions">
                  <button type="button" onClick={() => setEditing(item)} aria-label={t('admin.editNamed', { name: item.name })}>
                    {t('admin.edit')}
                  </button>
                  {props.rowActions?.(item)}
                  {props.remove && (props.remove.allowed?.(item) ?? true) && (
                    <ConfirmButton
                      label={props.remove.label}
                      question={props.remove.question}
                      confirmLabel={props.remove.confirm}
                      busy={remove.isPending}
                      ariaLabel={`${props.remove.label}: ${item.name}`}
                      onConfirm={() => {
                        if (editing !== 'new' && editing?.id === item.id) setEditing(null);
                        remove.mutate(item.id);
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <div className="admin-editor" key={editing === 'new' ? 'new' : editing.id}>
          {props.form(editing === 'new' ? null : editing, done)}
        </div>
      )}
    </AdminPage>
  );
}
