import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents, useTeams, useTiers } from '../../lib/reference-data.ts';
import { CHANNELS, PRIORITIES, type TicketPriority } from '../../lib/types.ts';
import { splitList, useAdminList, useAdminSave } from './admin-api.ts';
import { Loading } from './admin-ui.tsx';
import { type Calendar, SLA_METRICS, type SlaMetric, type SlaPolicy } from './admin-types.ts';
import { AdminForm, CheckboxField, CheckboxGroup, SelectField, TextField, useIssue } from './form-kit.tsx';
import { useCalendarOptions } from './teams-screen.tsx';

type TargetState = { value: string; unit: 'minutes' | 'seconds'; mode: 'business' | 'calendar'; calendar_id: string };
type Targets = Record<TicketPriority, Record<SlaMetric, TargetState>>;
type RuleState = { metric: SlaMetric; offset: string; type: string; to: string; user_ids: string[]; team_id: string; tag: string; extra: SlaPolicy['escalation_rules'][number]['actions'] };

const ACTION_TYPES = ['notify', 'raise_priority', 'reassign', 'add_tag'] as const;
const NOTIFY_TO = ['assignee', 'team', 'users'] as const;

function initialTargets(policy: SlaPolicy | null, defaultCalendar: string): Targets {
  const out = {} as Targets;
  for (const p of PRIORITIES) {
    out[p] = {} as Record<SlaMetric, TargetState>;
    for (const m of SLA_METRICS) {
      const x = policy?.targets[p]?.[m];
      out[p][m] = x
        ? { value: String(x.minutes ?? x.seconds ?? ''), unit: x.seconds !== undefined ? 'seconds' : 'minutes', mode: x.mode, calendar_id: x.calendar_id ?? '' }
        : { value: '', unit: 'minutes', mode: defaultCalendar ? 'business' : 'calendar', calendar_id: defaultCalendar };
    }
  }
  return out;
}

/** Only cells with a number become targets; an empty cell means "no clock for this metric". */
function targetsBody(targets: Targets) {
  const body: Record<string, Record<string, unknown>> = {};
  for (const p of PRIORITIES) {
    for (const m of SLA_METRICS) {
      const x = targets[p][m];
      if (x.value.trim() === '') continue;
      body[p] ??= {};
      body[p][m] = { [x.unit]: Number(x.value), mode: x.mode, ...(x.mode === 'business' ? { calendar_id: x.calendar_id || undefined } : {}) };
    }
  }
  return body;
}

function initialRules(policy: SlaPolicy | null): RuleState[] {
  return (policy?.escalation_rules ?? []).map((r) => {
    const [first, ...extra] = r.actions;
    return { metric: r.metric, offset: String(r.offset_minutes), type: first?.type ?? 'notify', to: first?.to ?? 'assignee', user_ids: first?.user_ids ?? [], team_id: first?.team_id ?? '', tag: first?.tag ?? '', extra };
  });
}

function rulesBody(rules: RuleState[]) {
  return rules.map((r) => {
    const action =
      r.type === 'notify'
        ? { type: 'notify', to: r.to, ...(r.to === 'users' ? { user_ids: r.user_ids } : {}) }
        : r.type === 'reassign'
          ? { type: 'reassign', team_id: r.team_id || undefined }
          : r.type === 'add_tag'
            ? { type: 'add_tag', tag: r.tag }
            : { type: 'raise_priority' };
    return { metric: r.metric, offset_minutes: Number(r.offset), actions: [action, ...r.extra] };
  });
}

/** One row of the targets table: metric, amount, unit, mode, calendar; labelled by its row and column headers. */
function TargetRow({ priority, metric, value, onChange, calendarOptions }: { priority: TicketPriority; metric: SlaMetric; value: TargetState; onChange: (v: TargetState) => void; calendarOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const { id, issue, errorId } = useIssue(`targets.${priority}.${metric}`);
  const rowId = `${id}-row`;
  const head = (col: string) => `${rowId} ${id}-${col}`;
  return (
    <tr>
      <th scope="row" id={rowId}>
        {t(`sla.metric.${metric}`)}
      </th>
      <td>
        <span id={`${id}-amount`} hidden>
          {t('admin.sla.amount')}
        </span>
        <input id={id} type="number" min={1} value={value.value} onChange={(e) => onChange({ ...value, value: e.target.value })} aria-labelledby={head('amount')} aria-invalid={issue ? true : undefined} aria-describedby={issue ? errorId : undefined} className="narrow" />
      </td>
      <td>
        <span id={`${id}-unit`} hidden>
          {t('admin.sla.unit')}
        </span>
        <select value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as TargetState['unit'] })} aria-labelledby={head('unit')}>
          <option value="minutes">{t('admin.sla.minutes')}</option>
          <option value="seconds">{t('admin.sla.seconds')}</option>
        </select>
      </td>
      <td>
        <span id={`${id}-mode`} hidden>
          {t('admin.sla.mode')}
        </span>
        <select value={value.mode} onChange={(e) => onChange({ ...value, mode: e.target.value as TargetState['mode'] })} aria-labelledby={head('mode')}>
          <option value="business">{t('admin.sla.business')}</option>
          <option value="calendar">{t('admin.sla.elapsed')}</option>
        </select>
      </td>
      <td>
        <span id={`${id}-calendar`} hidden>
          {t('admin.field.calendar')}
        </span>
        <select value={value.calendar_id} onChange={(e) => onChange({ ...value, calendar_id: e.target.value })} aria-labelledby={head('calendar')} disabled={value.mode !== 'business'}>
          {calendarOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {issue && (
          <span id={errorId} className="field-error">
            {t('admin.form.issue', { detail: issue })}
          </span>
        )}
      </td>
    </tr>
  );
}

/** Waits for the calendars: new targets default to business time in the default calendar. */
export function SlaPolicyForm({ policy, done }: { policy: SlaPolicy | null; done: () => void }) {
  const calendars = useAdminList<Calendar>('calendars');
  if (calendars.isPending) return <Loading when />;
  return <PolicyForm policy={policy} done={done} />;
}

function PolicyForm({ policy, done }: { policy: SlaPolicy | null; done: () => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<SlaPolicy>('sla-policies');
  const tiers = useTiers();
  const teams = useTeams();
  const agents = useAgents();
  const { calendars } = useCalendarOptions();
  const defaultCalendar = calendars.find((c) => c.is_default)?.id ?? calendars[0]?.id ?? '';
  const calendarOptions = [{ value: '', label: t('admin.sla.pickCalendar') }, ...calendars.map((c) => ({ value: c.id, label: c.name }))];
  const c = policy?.conditions ?? {};
  const [name, setName] = useState(policy?.name ?? '');
  const [active, setActive] = useState(policy?.active ?? true);
  const [priorities, setPriorities] = useState<string[]>(c.priorities ?? []);
  const [channels, setChannels] = useState<string[]>(c.channels ?? []);
  const [tierIds, setTierIds] = useState<string[]>(c.tier_ids ?? []);
  const [teamIds, setTeamIds] = useState<string[]>(c.team_ids ?? []);
  const [tagsAny, setTagsAny] = useState((c.tags_any ?? []).join(', '));
  const [solve, setSolve] = useState<string>(policy?.solve_while_waiting ?? 'fulfil');
  const [targets, setTargets] = useState<Targets>(() => initialTargets(policy, defaultCalendar));
  const [rules, setRules] = useState<RuleState[]>(() => initialRules(policy));
  const setRule = (i: number, patch: Partial<RuleState>) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = () => {
    const list = (values: string[]) => (values.length > 0 ? values : undefined);
    // Conditions this form does not edit (organizations, branches, categories …) are kept as they are.
    const conditions = { ...c, priorities: list(priorities), channels: list(channels), tier_ids: list(tierIds), team_ids: list(teamIds), tags_any: list(splitList(tagsAny)) };
    const body = { name, active, solve_while_waiting: solve, conditions: JSON.parse(JSON.stringify(conditions)) as unknown, targets: targetsBody(targets), escalation_rules: rulesBody(rules) };
    save.mutate({ id: policy?.id, body }, { onSuccess: done });
  };

  return (
    <AdminForm
      title={policy ? t('admin.sla.edit', { name: policy.name }) : t('admin.sla.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={policy ? t('admin.form.save') : t('admin.sla.create')}
      onSubmit={submit}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <CheckboxField name="active" label={t('admin.sla.active')} checked={active} onChange={setActive} />
      <fieldset className="field-group">
        <legend>{t('admin.sla.conditions')}</legend>
        <p className="hint">{t('admin.sla.conditionsHint')}</p>
        <CheckboxGroup name="conditions.priorities" legend={t('fields.priority')} options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} values={priorities} onChange={setPriorities} />
        <CheckboxGroup name="conditions.channels" legend={t('fields.channel')} options={CHANNELS.map((x) => ({ value: x, label: t(`channels.${x}`) }))} values={channels} onChange={setChannels} />
        <CheckboxGroup name="conditions.tier_ids" legend={t('fields.tier')} options={(tiers.data ?? []).map((x) => ({ value: x.id, label: x.name }))} values={tierIds} onChange={setTierIds} />
        <CheckboxGroup name="conditions.team_ids" legend={t('fields.team')} options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))} values={teamIds} onChange={setTeamIds} />
        <TextField name="conditions.tags_any" label={t('admin.sla.tagsAny')} value={tagsAny} onChange={setTagsAny} hint={t('ticket.tagsHint')} />
      </fieldset>
      <fieldset className="field-group">
        <legend>{t('admin.sla.targets')}</legend>
        <p className="hint">{t('admin.sla.targetsHint')}</p>
        {PRIORITIES.map((p) => (
          <details key={p} className="targets" open={SLA_METRICS.some((m) => targets[p][m].value !== '')}>
            <summary>{t(`priority.${p}`)}</summary>
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">{t('admin.sla.metric')}</th>
                  <th scope="col">{t('admin.sla.amount')}</th>
                  <th scope="col">{t('admin.sla.unit')}</th>
                  <th scope="col">{t('admin.sla.mode')}</th>
                  <th scope="col">{t('admin.field.calendar')}</th>
                </tr>
              </thead>
              <tbody>
                {SLA_METRICS.map((m) => (
                  <TargetRow key={m} priority={p} metric={m} value={targets[p][m]} calendarOptions={calendarOptions} onChange={(v) => setTargets((all) => ({ ...all, [p]: { ...all[p], [m]: v } }))} />
                ))}
              </tbody>
            </table>
          </details>
        ))}
      </fieldset>
      <SelectField name="solve_while_waiting" label={t('admin.sla.solveWhileWaiting')} value={solve} onChange={setSolve} options={['fulfil', 'cancel'].map((v) => ({ value: v, label: t(`admin.sla.solve.${v}`) }))} />
      <fieldset className="field-group">
        <legend>{t('admin.sla.rules')}</legend>
        <p className="hint">{t('admin.sla.rulesHint')}</p>
        {rules.map((r, i) => (
          <fieldset key={i} className="rule">
            <legend>{t('admin.sla.rule', { n: i + 1 })}</legend>
            <SelectField name={`escalation_rules.${i}.metric`} label={t('admin.sla.metric')} value={r.metric} onChange={(v) => setRule(i, { metric: v as SlaMetric })} options={SLA_METRICS.map((m) => ({ value: m, label: t(`sla.metric.${m}`) }))} />
            <TextField name={`escalation_rules.${i}.offset_minutes`} type="number" label={t('admin.sla.offset')} value={r.offset} onChange={(v) => setRule(i, { offset: v })} hint={t('admin.sla.offsetHint')} />
            <SelectField name={`escalation_rules.${i}.actions`} label={t('admin.sla.action')} value={r.type} onChange={(v) => setRule(i, { type: v })} options={ACTION_TYPES.map((a) => ({ value: a, label: t(`admin.sla.actions.${a}`) }))} />
            {r.type === 'notify' && <SelectField name={`escalation_rules.${i}.notify`} label={t('admin.sla.notifyWho')} value={r.to} onChange={(v) => setRule(i, { to: v })} options={NOTIFY_TO.map((x) => ({ value: x, label: t(`admin.sla.to.${x}`) }))} />}
            {r.type === 'notify' && r.to === 'users' && (
              <CheckboxGroup name={`escalation_rules.${i}.users`} legend={t('admin.sla.to.users')} options={(agents.data ?? []).map((u) => ({ value: u.id, label: u.name }))} values={r.user_ids} onChange={(v) => setRule(i, { user_ids: v })} />
            )}
            {r.type === 'reassign' && (
              <SelectField name={`escalation_rules.${i}.team`} label={t('fields.team')} value={r.team_id} onChange={(v) => setRule(i, { team_id: v })} options={[{ value: '', label: '—' }, ...(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))]} />
            )}
            {r.type === 'add_tag' && <TextField name={`escalation_rules.${i}.tag`} label={t('admin.sla.tag')} value={r.tag} onChange={(v) => setRule(i, { tag: v })} />}
            <button type="button" onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}>
              {t('admin.sla.removeRule', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => setRules((rs) => [...rs, { metric: 'first_reply', offset: '-30', type: 'notify', to: 'assignee', user_ids: [], team_id: '', tag: '', extra: [] }])}>
          {t('admin.sla.addRule')}
        </button>
      </fieldset>
    </AdminForm>
  );
}
