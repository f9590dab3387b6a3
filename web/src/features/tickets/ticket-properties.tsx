import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { useAgents, useBranches, useTeams } from '../../lib/reference-data.ts';
import { PRIORITIES, STATUSES, type Ticket, type TicketPatch } from '../../lib/types.ts';
import { useUpdateTicket } from '../inbox/tickets-api.ts';

interface Option {
  value: string;
  label: string;
}

type Field = 'status' | 'priority' | 'assignee_id' | 'team_id' | 'branch_id';

/** A select that saves on change; a failure shows next to it and the select returns to the saved value. */
function PropertySelect({ ticket, field, label, options, nullable }: { ticket: Ticket; field: Field; label: string; options: Option[]; nullable?: string }) {
  const { t } = useTranslation();
  const update = useUpdateTicket();
  const id = `prop-${field}`;
  const value = (ticket[field] as string | null) ?? '';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={update.isPending}
        aria-invalid={update.isError || undefined}
        aria-describedby={update.isError ? `${id}-error` : undefined}
        onChange={(e) => update.mutate({ id: ticket.id, patch: { [field]: e.target.value || null } as TicketPatch })}
      >
        {nullable !== undefined && <option value="">{nullable}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {update.isError && (
        <span id={`${id}-error`} className="form-error" role="alert">
          {errorMessage(t, update.error)}
        </span>
      )}
    </div>
  );
}

/** Tags as one comma- or space-separated field, saved on Enter or when it loses focus. */
function TagsField({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const update = useUpdateTicket();
  const [text, setText] = useState(ticket.tags.join(', '));
  useEffect(() => setText(ticket.tags.join(', ')), [ticket.tags]);
  const save = (event?: FormEvent) => {
    event?.preventDefault();
    const tags = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
    if (tags.join(',') !== ticket.tags.join(',')) update.mutate({ id: ticket.id, patch: { tags } });
  };
  return (
    <form className="field" onSubmit={save}>
      <label htmlFor="prop-tags">{t('fields.tags')}</label>
      <input id="prop-tags" value={text} onChange={(e) => setText(e.target.value)} onBlur={() => save()} aria-describedby="prop-tags-hint" />
      <span id="prop-tags-hint" className="hint">
        {t('ticket.tagsHint')}
      </span>
      {update.isError && (
        <span className="form-error" role="alert">
          {errorMessage(t, update.error)}
        </span>
      )}
    </form>
  );
}

export function TicketProperties({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const teams = useTeams();
  const branches = useBranches();
  const named = (list: { id: string; name: string }[] | undefined) => (list ?? []).map((x) => ({ value: x.id, label: x.name }));
  return (
    <section aria-labelledby="props-title">
      <h2 id="props-title">{t('ticket.properties')}</h2>
      <PropertySelect ticket={ticket} field="status" label={t('fields.status')} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
      <PropertySelect ticket={ticket} field="priority" label={t('fields.priority')} options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
      <PropertySelect ticket={ticket} field="assignee_id" label={t('fields.assignee')} options={named(agents.data)} nullable={t('ticket.unassigned')} />
      <PropertySelect ticket={ticket} field="team_id" label={t('fields.team')} options={named(teams.data)} nullable={t('ticket.none')} />
      <PropertySelect ticket={ticket} field="branch_id" label={t('fields.branch')} options={named(branches.data)} nullable={t('ticket.none')} />
      <TagsField ticket={ticket} />
    </section>
  );
}
