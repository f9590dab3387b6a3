import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { MacroActionsSummary } from './macro-actions-summary.tsx';
import { type MacroPreview, useMacros, usePreviewMacro } from './macros-api.ts';

/**
 * Choose a macro by typing part of its name (a combobox: arrows move, Enter previews, Escape
 * closes), see it rendered for this ticket, then insert it into the reply box.
 */
export function MacroPicker({ ticketId, onInsert }: { ticketId: string; onInsert: (preview: MacroPreview) => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const macros = useMacros(open);
  const preview = usePreviewMacro(ticketId);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const insertRef = useRef<HTMLButtonElement>(null);

  const matches = useMemo(() => {
    const q = query.trim().toLocaleLowerCase(i18n.language);
    return (macros.data ?? []).filter((m) => q === '' || m.name.toLocaleLowerCase(i18n.language).includes(q));
  }, [macros.data, query, i18n.language]);
  const current = matches[Math.min(active, matches.length - 1)];

  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    if (open && !preview.data) searchRef.current?.focus();
  }, [open, preview.data]);
  useEffect(() => {
    if (preview.data) insertRef.current?.focus();
  }, [preview.data]);

  const close = (refocus = true) => {
    setOpen(false);
    setQuery('');
    preview.reset();
    if (refocus) buttonRef.current?.focus();
  };
  const choose = (id: string | undefined) => {
    if (id) preview.mutate(id);
  };
  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') choose(current?.id);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
  };
  const onPanelKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !preview.data) return;
    event.preventDefault();
    preview.reset();
  };
  const languageName = (code: string) => new Intl.DisplayNames([i18n.language], { type: 'language' }).of(code) ?? code;

  return (
    <div className="macro-picker">
      <button type="button" ref={buttonRef} aria-expanded={open} aria-controls="macro-panel" onClick={() => (open ? close() : setOpen(true))}>
        {t('ticketTools.macros.button')}
      </button>
      {open && (
        // The group handles Escape in the preview (back to the list); its controls are the interactive parts.
        <div id="macro-panel" className="macro-panel" role="group" aria-label={t('ticketTools.macros.dialog')} onKeyDown={onPanelKey}>
          {!preview.data ? (
            <>
              <label htmlFor="macro-search">{t('ticketTools.macros.search')}</label>
              <input
                id="macro-search"
                ref={searchRef}
                role="combobox"
                aria-autocomplete="list"
                aria-expanded={matches.length > 0}
                aria-controls="macro-options"
                aria-activedescendant={current ? `macro-option-${current.id}` : undefined}
                aria-describedby="macro-search-hint"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={onSearchKey}
                autoComplete="off"
              />
              <p id="macro-search-hint" className="hint">
                {t('ticketTools.macros.hint')}
              </p>
              {macros.isPending && <p role="status">{t('common.loading')}</p>}
              {macros.isError && <p className="form-error" role="alert">{errorMessage(t, macros.error)}</p>}
              {macros.isSuccess && matches.length === 0 && <p className="hint" role="status">{t('ticketTools.macros.none')}</p>}
              <ul id="macro-options" role="listbox" aria-label={t('ticketTools.macros.dialog')} className="macro-options">
                {matches.map((m) => (
                  <li
                    key={m.id}
                    id={`macro-option-${m.id}`}
                    role="option"
                    aria-selected={m.id === current?.id}
                    className={m.id === current?.id ? 'is-active' : undefined}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => choose(m.id)}
                  >
                    {m.name} <span className="badge">{t(`ticketTools.macros.scope.${m.scope}`)}</span>
                  </li>
                ))}
              </ul>
              {preview.isPending && <p role="status">{t('common.loading')}</p>}
              {preview.isError && <p className="form-error" role="alert">{errorMessage(t, preview.error)}</p>}
            </>
          ) : (
            <section className="macro-preview" aria-labelledby="macro-preview-title">
              <h3 id="macro-preview-title">{t('ticketTools.macros.previewOf', { name: preview.data.name })}</h3>
              <p className="hint">{t('ticketTools.macros.language', { language: languageName(preview.data.locale) })}</p>
              <div className="macro-preview-text">{preview.data.body_text}</div>
              {preview.data.unknown_placeholders.length > 0 && (
                <p className="form-error" role="alert">
                  {t('ticketTools.macros.unknown', { names: preview.data.unknown_placeholders.map((n) => `{{${n}}}`).join(', ') })}
                </p>
              )}
              <MacroActionsSummary actions={preview.data.actions} />
              <div className="reply-actions">
                <button
                  type="button"
                  ref={insertRef}
                  className="button-primary"
                  onClick={() => {
                    onInsert(preview.data);
                    close(false);
                  }}
                >
                  {t('ticketTools.macros.insert')}
                </button>
                <button type="button" onClick={() => preview.reset()}>
                  {t('ticketTools.macros.back')}
                </button>
              </div>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
