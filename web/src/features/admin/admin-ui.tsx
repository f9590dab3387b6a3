import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { ApiError } from '../../lib/api.ts';

/** A read-only text (secret, snippet) with a copy button; focus lands on it so it is read out. */
export function CopyBox({ label, value, multiline = false, autoFocus = false }: { label: string; value: string; multiline?: boolean; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  const copy = async () => {
    ref.current?.select();
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard permission (plain http): the text is selected, Ctrl+C works.
      setCopied(false);
    }
  };
  const id = `copy${useId().replace(/:/g, '')}`;
  return (
    <div className="copy-box">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        {multiline ? (
          <textarea id={id} ref={ref} readOnly value={value} rows={3} className="mono" onFocus={(e) => e.target.select()} />
        ) : (
          <input id={id} ref={ref} readOnly value={value} className="mono" onFocus={(e) => e.target.select()} />
        )}
        <button type="button" onClick={() => void copy()}>
          {t('admin.copy')}
        </button>
      </div>
      <span role="status" className="hint">
        {copied ? t('admin.copied') : ''}
      </span>
    </div>
  );
}

/** A secret shown once: the warning, the value to copy, and a button to dismiss it for good. */
export function ShownOnce({ title, items, onDone }: { title: string; items: { label: string; value: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="shown-once" aria-labelledby="shown-once-title">
      <h2 id="shown-once-title">{title}</h2>
      <p className="warning">{t('admin.shownOnce')}</p>
      {items.map((item, i) => (
        <CopyBox key={item.label} label={item.label} value={item.value} autoFocus={i === 0} />
      ))}
      <button type="button" onClick={onDone}>
        {t('admin.storedIt')}
      </button>
    </section>
  );
}

/** A destructive button that asks once more, in place (no modal to trap focus in). */
export function ConfirmButton({ label, confirmLabel, question, onConfirm, busy, ariaLabel }: { label: string; confirmLabel: string; question: string; onConfirm: () => void; busy?: boolean; ariaLabel?: string }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yesRef.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" className="button-danger-quiet" onClick={() => setAsking(true)} aria-label={ariaLabel}>
        {label}
      </button>
    );
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>{' '}
      <button
        ref={yesRef}
        type="button"
        className="button-danger"
        disabled={busy}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {t('admin.form.cancel')}
      </button>
    </span>
  );
}

/** Errors of list loads and actions: translated, and for conflicts the server's reason too. */
export function adminErrorMessage(t: (key: string, opts?: Record<string, unknown>) => string, error: unknown): string {
  if (error instanceof ApiError && (error.code === 'conflict' || error.code === 'invalid_reference') && error.detail) {
    return t('admin.refused', { detail: error.detail });
  }
  return errorMessage(t as never, error);
}

export function ErrorLine({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {adminErrorMessage(t, error)}
    </p>
  );
}

export function Loading({ when }: { when: boolean }) {
  const { t } = useTranslation();
  return when ? <p role="status">{t('common.loading')}</p> : null;
}

export function AdminPage({ title, intro, actions, children }: { title: string; intro?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="admin-page" aria-labelledby="admin-page-title">
      <div className="admin-page-head">
        <h1 id="admin-page-title">{title}</h1>
        {actions}
      </div>
      {intro && <p className="hint">{intro}</p>}
      {children}
    </section>
  );
}
