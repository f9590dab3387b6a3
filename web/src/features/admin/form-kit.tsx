import { type FormEvent, type ReactNode, createContext, useContext, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { adminErrorMessage } from './admin-ui.tsx';
import './admin.css';

/**
 * Admin forms: every field has a label; a problem+json `issues` entry shows next to the field it
 * names (tied with aria-describedby, aria-invalid set), and after a failed save the first such
 * field gets the focus. Issues no field claims are listed in the form's alert. What was typed
 * stays in the form: a failed save changes nothing the admin entered.
 */
interface FormContext {
  prefix: string;
  issues: Map<string, string>;
  claimed: Set<string>;
}

const Ctx = createContext<FormContext>({ prefix: 'form', issues: new Map(), claimed: new Set() });

/** The issues of a failed request, keyed by field path without the `body.` prefix. */
export function issuesOf(error: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!(error instanceof ApiError)) return map;
  for (const issue of error.issues) {
    const path = issue.path.replace(/^body\.?/, '');
    if (!map.has(path)) map.set(path, issue.message);
  }
  return map;
}

/** The issue of `name`, or of anything inside it (`fields` claims `fields.0.key`). */
function issueFor(ctx: FormContext, name: string): string | undefined {
  for (const [path, message] of ctx.issues) {
    if (path === name || path.startsWith(`${name}.`)) {
      ctx.claimed.add(path);
      return message;
    }
  }
  return undefined;
}

export function controlId(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function AdminForm(props: {
  title: string;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onCancel?: (() => void) | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const prefix = useId().replace(/:/g, '');
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ctx: FormContext = { prefix, issues: issuesOf(props.error), claimed: new Set() };

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (!props.error) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]');
    const target = invalid?.matches('fieldset') ? invalid.querySelector<HTMLElement>('input, select, textarea') : invalid;
    (target ?? summaryRef.current)?.focus();
  }, [props.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };

  return (
    <form ref={formRef} className="admin-form" noValidate onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`} ref={headingRef} tabIndex={-1}>
        {props.title}
      </h2>
      <Ctx.Provider value={ctx}>
        {props.children}
        {props.error ? <FormAlert refEl={summaryRef} error={props.error} /> : null}
      </Ctx.Provider>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={props.busy}>
          {props.busy ? t('admin.form.saving') : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t('admin.form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Rendered after the fields, so it knows which issues they showed. */
function FormAlert({ error, refEl }: { error: unknown; refEl: React.RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation();
  const ctx = useContext(Ctx);
  const rest = [...ctx.issues].filter(([path]) => !ctx.claimed.has(path));
  return (
    <div ref={refEl} className="form-error form-alert" role="alert" tabIndex={-1}>
      <p>{adminErrorMessage(t, error)}</p>
      {rest.length > 0 && (
        <ul>
          {rest.map(([path, message]) => (
            <li key={path}>
              {path || t('admin.form.wholeForm')}: {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

/** The issue of one control drawn by hand (tables of targets): its id, message and error id. */
export function useIssue(name: string) {
  const ctx = useContext(Ctx);
  const id = controlId(ctx.prefix, name);
  const issue = issueFor(ctx, name);
  return { id, issue, errorId: `${id}-error` };
}

/** Label, control, hint and error, wired together. */
function useField(name: string, hint?: string) {
  const { t } = useTranslation();
  const ctx = useContext(Ctx);
  const id = controlId(ctx.prefix, name);
  const issue = issueFor(ctx, name);
  const describedBy = [hint ? `${id}-hint` : null, issue ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const control: ControlProps = { id, name, 'aria-invalid': issue ? true : undefined, 'aria-describedby': describedBy };
  const below = (
    <>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {issue && (
        <span id={`${id}-error`} className="field-error">
          {t('admin.form.issue', { detail: issue })}
        </span>
      )}
    </>
  );
  return { id, control, below };
}

type TextProps = {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'datetime-local';
  autoComplete?: string;
  placeholder?: string | undefined;
  required?: boolean;
};

export function TextField(p: TextProps) {
  const { id, control, below } = useField(p.name, p.hint);
  return (
    <div className="field">
      <label htmlFor={id}>
        {p.label}
        {p.required && <Required />}
      </label>
      <input
        {...control}
        type={p.type ?? 'text'}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        autoComplete={p.autoComplete ?? 'off'}
        placeholder={p.placeholder}
        aria-required={p.required || undefined}
      />
      {below}
    </div>
  );
}

export function TextAreaField(p: Omit<TextProps, 'type' | 'autoComplete'> & { rows?: number; mono?: boolean }) {
  const { id, control, below } = useField(p.name, p.hint);
  return (
    <div className="field">
      <label htmlFor={id}>
        {p.label}
        {p.required && <Required />}
      </label>
      <textarea {...control} rows={p.rows ?? 3} className={p.mono ? 'mono' : undefined} value={p.value} onChange={(e) => p.onChange(e.target.value)} placeholder={p.placeholder} />
      {below}
    </div>
  );
}

export function SelectField(p: { name: string; label: string; value: string; onChange: (value: string) => void; options: { value: string; label: string }[]; hint?: string; disabled?: boolean }) {
  const { id, control, below } = useField(p.name, p.hint);
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select {...control} value={p.value} onChange={(e) => p.onChange(e.target.value)} disabled={p.disabled}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {below}
    </div>
  );
}

export function CheckboxField(p: { name: string; label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  const { id, control, below } = useField(p.name, p.hint);
  return (
    <div className="field field-check">
      <span>
        <input {...control} type="checkbox" checked={p.checked} onChange={(e) => p.onChange(e.target.checked)} /> <label htmlFor={id}>{p.label}</label>
      </span>
      {below}
    </div>
  );
}

/** Several checkboxes under one legend (teams of a user, priorities of a policy …). */
export function CheckboxGroup(p: { name: string; legend: string; options: { value: string; label: string }[]; values: string[]; onChange: (values: string[]) => void; hint?: string }) {
  const { id, control, below } = useField(p.name, p.hint);
  const toggle = (value: string, on: boolean) => p.onChange(on ? [...p.values, value] : p.values.filter((v) => v !== value));
  return (
    <fieldset className="field check-group" aria-describedby={control['aria-describedby']} data-invalid={control['aria-invalid']}>
      <legend>{p.legend}</legend>
      {p.options.length === 0 && <span className="hint">—</span>}
      {p.options.map((o, i) => (
        <span key={o.value} className="check-option">
          <input id={`${id}-${i}`} type="checkbox" checked={p.values.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />{' '}
          <label htmlFor={`${id}-${i}`}>{o.label}</label>
        </span>
      ))}
      {below}
    </fieldset>
  );
}

function Required() {
  const { t } = useTranslation();
  return <span className="required"> ({t('admin.form.required')})</span>;
}
