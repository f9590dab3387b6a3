import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import type { Ticket } from '../../lib/types.ts';
import { useUpdateTicket } from '../inbox/tickets-api.ts';

type FieldType = 'string' | 'number' | 'boolean';
const TYPES: FieldType[] = ['string', 'number', 'boolean'];

interface Row {
  id: number;
  key: string;
  type: FieldType;
  /** As typed (numbers too); booleans as 'true' / 'false'. */
  text: string;
}

let rowIds = 0;
function rowsOf(fields: Record<string, unknown>): { rows: Row[]; kept: [string, unknown][] } {
  const rows: Row[] = [];
  const kept: [string, unknown][] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') rows.push({ id: ++rowIds, key, type: 'string', text: value });
    else if (typeof value === 'number') rows.push({ id: ++rowIds, key, type: 'number', text: String(value) });
    else if (typeof value === 'boolean') rows.push({ id: ++rowIds, key, type: 'boolean', text: String(value) });
    else kept.push([key, value]); // lists, objects, null: set by integrations; shown, kept, not edited here
  }
  return { rows, kept };
}

/**
 * The ticket's custom fields as name / type / value rows (text, number, yes/no), saved together
 * with one PATCH. Values of other shapes (set through the API) are shown and kept as they are.
 */
export function CustomFields({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const update = useUpdateTicket();
  const [{ rows, kept }, setState] = useState(() => rowsOf(ticket.custom_fields));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const serverJson = JSON.stringify(ticket.custom_fields);
  // When the ticket changes elsewhere (another agent, a macro), show what is saved now.
  useEffect(() => setState(rowsOf(JSON.parse(serverJson) as Record<string, unknown>)), [serverJson]);

  const setRows = (next: Row[]) => {
    setSaved(false);
    setState({ rows: next, kept });
  };
  const change = (id: number, patch: Partial<Row>) => setRows(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  const save = (event: FormEvent) => {
    event.preventDefault();
    const keys = rows.map((r) => r.key.trim());
    if (keys.some((k) => k === '') || new Set([...keys, ...kept.map(([k]) => k)]).size !== keys.length + kept.length) {
      setProblem(t('ticketTools.fields.duplicate'));
      return;
    }
    const fields: Record<string, unknown> = Object.fromEntries(kept);
    for (const r of rows) {
      if (r.type === 'number') {
        const n = Number(r.text);
        if (r.text.trim() === '' || !Number.isFinite(n)) {
          setProblem(t('ticketTools.fields.badNumber', { name: r.key.trim() }));
          return;
        }
        fields[r.key.trim()] = n;
      } else fields[r.key.trim()] = r.type === 'boolean' ? r.text === 'true' : r.text;
    }
    setProblem(null);
    update.mutate({ id: ticket.id, patch: { custom_fields: fields } }, { onSuccess: () => setSaved(true) });
  };

  return (
    <section aria-labelledby="custom-fields-title">
      <h2 id="custom-fields-title">{t('ticketTools.fields.title')}</h2>
      <form onSubmit={save} className="custom-fields">
        {rows.length === 0 && kept.length === 0 && <p className="hint">{t('ticketTools.fields.empty')}</p>}
        {kept.map(([key, value]) => (
          <p key={key} className="hint">
            <strong>{key}</strong>: {t('ticketTools.fields.kept', { value: JSON.stringify(value) })}
          </p>
        ))}
        {rows.map((r) => {
          const name = r.key.trim() || t('ticketTools.fields.unnamed');
          return (
            <div key={r.id} className="custom-field-row">
              <input aria-label={t('ticketTools.fields.key')} value={r.key} maxLength={100} onChange={(e) => change(r.id, { key: e.target.value })} />
              <select
                aria-label={t('ticketTools.fields.typeOf', { name })}
                value={r.type}
                onChange={(e) => {
                  const type = e.target.value as FieldType;
                  change(r.id, { type, text: type === 'boolean' ? (r.text === 'true' ? 'true' : 'false') : r.text });
                }}
              >
                {TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`ticketTools.fields.types.${type}`)}
                  </option>
                ))}
              </select>
              {r.type === 'boolean' ? (
                <input type="checkbox" aria-label={t('ticketTools.fields.valueOf', { name })} checked={r.text === 'true'} onChange={(e) => change(r.id, { text: String(e.target.checked) })} />
              ) : (
                <input
                  aria-label={t('ticketTools.fields.valueOf', { name })}
                  // A number is typed as text (checked on save): a number input would hide what does not parse.
                  inputMode={r.type === 'number' ? 'decimal' : undefined}
                  value={r.text}
                  onChange={(e) => change(r.id, { text: e.target.value })}
                />
              )}
              <button type="button" className="button-quiet" aria-label={t('ticketTools.fields.remove', { name })} onClick={() => setRows(rows.filter((x) => x.id !== r.id))}>
                ✕
              </button>
            </div>
          );
        })}
        <div className="reply-actions">
          <button type="button" onClick={() => setRows([...rows, { id: ++rowIds, key: '', type: 'string', text: '' }])}>
            {t('ticketTools.fields.add')}
          </button>
          <button type="submit" className="button-primary" disabled={update.isPending}>
            {t('ticketTools.fields.save')}
          </button>
        </div>
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        {update.isError && (
          <p className="form-error" role="alert">
            {errorMessage(t, update.error)}
          </p>
        )}
        {saved && !update.isPending && (
          <p className="hint" role="status">
            {t('ticketTools.fields.saved')}
          </p>
        )}
      </form>
    </section>
  );
}
