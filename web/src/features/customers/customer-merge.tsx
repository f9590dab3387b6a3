import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import type { Customer } from '../../lib/types.ts';
import { useCustomerList, useMergeCustomer } from './customers-api.ts';

/**
 * Merge a duplicate into this customer: find the other one, confirm (naming both, since it
 * cannot be undone), then see what moved. The other customer is deleted by the server.
 */
export function CustomerMerge({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [source, setSource] = useState<Customer | null>(null);
  const [done, setDone] = useState<{ name: string; moved: number } | null>(null);
  const results = useCustomerList(q);
  const merge = useMergeCustomer(customer.id);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const candidates = q ? (results.data?.pages.flatMap((p) => p.data) ?? []).filter((c) => c.id !== customer.id).slice(0, 10) : [];

  useEffect(() => {
    if (source) confirmRef.current?.focus();
  }, [source]);
  useEffect(() => {
    if (done) resultRef.current?.focus();
  }, [done]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setQ(text.trim());
  };
  const confirm = () => {
    if (!source) return;
    merge.mutate(source.id, {
      onSuccess: (result) => {
        setDone({ name: source.name, moved: Object.values(result.merged.moved).reduce((a, b) => a + b, 0) });
        setSource(null);
        setQ('');
        setText('');
      },
    });
  };

  return (
    <section aria-labelledby="merge-title" className="merge">
      <h2 id="merge-title">{t('customerPages.merge.title')}</h2>
      <p className="hint">{t('customerPages.merge.intro', { name: customer.name })}</p>
      {done && (
        <p ref={resultRef} tabIndex={-1} role="status" className="merge-result">
          {t('customerPages.merge.done', { name: done.name, count: done.moved })}
        </p>
      )}
      {!source && (
        <form role="search" onSubmit={search} className="search-form">
          <label htmlFor="merge-search" className="visually-hidden">
            {t('customerPages.merge.find')}
          </label>
          <input id="merge-search" type="search" placeholder={t('customerPages.merge.find')} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit">{t('inbox.search')}</button>
        </form>
      )}
      {!source && q && results.isSuccess && candidates.length === 0 && <p className="empty">{t('customers.empty')}</p>}
      {!source && candidates.length > 0 && (
        <ul className="plain-list merge-candidates" aria-label={t('customerPages.merge.candidates')}>
          {candidates.map((c) => (
            <li key={c.id}>
              <span>
                {c.name} <span className="hint">{c.identities.map((i) => i.value).join(', ')}</span>
              </span>{' '}
              <button type="button" onClick={() => setSource(c)} aria-label={t('customerPages.merge.chooseNamed', { name: c.name })}>
                {t('customerPages.merge.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {source && (
        <div className="confirm-box" role="group" aria-labelledby="merge-question">
          <p id="merge-question">
            <strong>{t('customerPages.merge.question', { source: source.name, target: customer.name })}</strong>
          </p>
          <p>{t('customerPages.merge.consequence', { source: source.name })}</p>
          <div className="form-actions">
            <button ref={confirmRef} type="button" className="button-danger" onClick={confirm} disabled={merge.isPending}>
              {merge.isPending ? t('customerPages.merge.merging') : t('customerPages.merge.confirm')}
            </button>
            <button type="button" onClick={() => setSource(null)}>
              {t('admin.form.cancel')}
            </button>
          </div>
        </div>
      )}
      {merge.isError && (
        <p role="alert" className="form-error">
          {errorMessage(t, merge.error)}
        </p>
      )}
    </section>
  );
}
