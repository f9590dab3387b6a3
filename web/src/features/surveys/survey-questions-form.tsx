import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { useUpdateSurvey } from './surveys-api.ts';
import { cleanTranslations, TranslationsField } from './translations-field.tsx';
import { type Survey, type SurveyDefinition, type SurveyQuestion, type Translations, textOf } from './survey-types.ts';

const DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;
type NewKind = 'scale' | 'choice' | 'text' | 'kano';

function newQuestion(kind: NewKind, id: string): SurveyQuestion {
  const text = { en: '' } as Translations;
  if (kind === 'scale') return { id, kind, text, required: true, scale: { min: 1, max: 5, direction: 'higher_is_better', labels: {} } };
  if (kind === 'choice') return { id, kind, text, required: false, multiple: false, options: [{ id: 'option_1', text: { en: '' } as Translations }] };
  if (kind === 'text') return { id, kind, text, required: false, max_length: 2000, comment: false };
  return { id, kind, feature: text, functional: { en: '' } as Translations, dysfunctional: { en: '' } as Translations, required: false };
}

function freeId(questions: SurveyQuestion[], prefix: string): string {
  for (let i = questions.length + 1; ; i++) if (!questions.some((q) => q.id === `${prefix}_${i}`)) return `${prefix}_${i}`;
}

/** Translations inside a question or option: empty languages dropped before saving. */
function cleanQuestion(q: SurveyQuestion): SurveyQuestion {
  const c = (t: Translations) => cleanTranslations(t) ?? t;
  switch (q.kind) {
    case 'scale':
    case 'text':
      return { ...q, text: c(q.text) } as SurveyQuestion;
    case 'choice':
    case 'allocation':
      return { ...q, text: c(q.text), options: q.options.map((o) => ({ ...o, text: c(o.text) })) } as SurveyQuestion;
    case 'servqual':
      return { ...q, expectation: c(q.expectation), perception: c(q.perception) };
    case 'kano':
      return { ...q, feature: c(q.feature), functional: c(q.functional), dysfunctional: c(q.dysfunctional) };
  }
}

/** The questions and their texts in five languages; a definition with answers is saved as a new version. */
export function SurveyQuestionsForm({ survey, editable }: { survey: Survey; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateSurvey(survey.id);
  const [def, setDef] = useState<SurveyDefinition>(() => structuredClone(survey.definition as unknown as SurveyDefinition));
  const [notice, setNotice] = useState<string | null>(null);
  const [addKind, setAddKind] = useState<NewKind>(survey.type === 'kano' ? 'kano' : 'scale');

  const setQuestion = (index: number, q: SurveyQuestion) => setDef({ ...def, questions: def.questions.map((x, i) => (i === index ? q : x)) });
  const remove = (index: number) => setDef({ ...def, questions: def.questions.filter((_, i) => i !== index) });
  const add = () => setDef({ ...def, questions: [...def.questions, newQuestion(addKind, freeId(def.questions, addKind === 'kano' ? 'feature' : 'q'))] });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const definition: SurveyDefinition = {
      ...def,
      title: cleanTranslations(def.title) ?? def.title,
      intro: cleanTranslations(def.intro),
      thank_you: cleanTranslations(def.thank_you),
      questions: def.questions.map(cleanQuestion),
    };
    const before = survey.version;
    update.mutate(
      { definition },
      { onSuccess: (saved) => setNotice(saved.version > before ? t('surveys.questions.newVersion', { version: saved.version }) : t('surveys.saved')) },
    );
  };

  return (
    <form className="survey-form" onSubmit={submit} aria-label={t('surveys.tabs.questions')}>
      <p className="hint">{t('surveys.questions.hint')}</p>
      <TranslationsField legend={t('surveys.questions.title')} value={def.title} onChange={(title) => setDef({ ...def, title })} disabled={!editable} />
      <TranslationsField legend={t('surveys.questions.intro')} value={def.intro} onChange={(intro) => setDef({ ...def, intro })} disabled={!editable} multiline />
      <TranslationsField legend={t('surveys.questions.thankYou')} value={def.thank_you} onChange={(thank_you) => setDef({ ...def, thank_you })} disabled={!editable} />
      <h2>{t('surveys.questions.list', { count: def.questions.length })}</h2>
      {def.questions.map((q, index) => (
        <details className="question" key={q.id} open={def.questions.length <= 4}>
          <summary>
            <strong>{q.id}</strong> · {t(`surveys.kinds.${q.kind}`)} · {textOf(q.kind === 'servqual' ? q.perception : q.kind === 'kano' ? q.feature : q.text, i18n.language)}
          </summary>
          <div className="question-body">
            <QuestionFields q={q} onChange={(next) => setQuestion(index, next)} editable={editable} />
            {editable && (
              <button type="button" onClick={() => remove(index)}>
                {t('surveys.questions.remove', { id: q.id })}
              </button>
            )}
          </div>
        </details>
      ))}
      {editable && (
        <div className="form-actions">
          <label className="field">
            {t('surveys.questions.kind')}
            <select value={addKind} onChange={(e) => setAddKind(e.target.value as NewKind)}>
              {(['scale', 'choice', 'text', 'kano'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`surveys.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={add}>
            {t('surveys.questions.add')}
          </button>
        </div>
      )}
      {editable && (
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={update.isPending}>
            {t('surveys.questions.save')}
          </button>
          {notice && <span role="status">{notice}</span>}
          {update.isError && <span role="alert" className="form-error">{errorMessage(t, update.error)}</span>}
        </div>
      )}
    </form>
  );
}

function QuestionFields({ q, onChange, editable }: { q: SurveyQuestion; onChange: (q: SurveyQuestion) => void; editable: boolean }) {
  const { t } = useTranslation();
  const off = !editable;
  const required = (
    <label className="check">
      <input type="checkbox" checked={q.required} disabled={off} onChange={(e) => onChange({ ...q, required: e.target.checked })} /> {t('surveys.questions.required')}
    </label>
  );
  switch (q.kind) {
    case 'scale':
      return (
        <>
          <TranslationsField legend={t('surveys.questions.text')} value={q.text} onChange={(text) => onChange({ ...q, text })} disabled={off} />
          <div className="form-row">
            <label className="field">
              {t('surveys.questions.min')}
              <input type="number" min={-10} max={100} value={q.scale.min} disabled={off} onChange={(e) => onChange({ ...q, scale: { ...q.scale, min: Math.trunc(Number(e.target.value)) } })} />
            </label>
            <label className="field">
              {t('surveys.questions.max')}
              <input type="number" min={-10} max={100} value={q.scale.max} disabled={off} onChange={(e) => onChange({ ...q, scale: { ...q.scale, max: Math.trunc(Number(e.target.value)) } })} />
            </label>
            {q.role && <span className="hint">{t('surveys.questions.role', { role: t(`surveys.types.${q.role}`) })}</span>}
          </div>
          {required}
        </>
      );
    case 'text':
      return (
        <>
          <TranslationsField legend={t('surveys.questions.text')} value={q.text} onChange={(text) => onChange({ ...q, text })} disabled={off} />
          {q.comment && <p className="hint">{t('surveys.questions.isComment')}</p>}
          {required}
        </>
      );
    case 'choice':
    case 'allocation':
      return (
        <>
          <TranslationsField legend={t('surveys.questions.text')} value={q.text} onChange={(text) => onChange({ ...q, text } as SurveyQuestion)} disabled={off} />
          {q.options.map((o, i) => (
            <TranslationsField
              key={o.id}
              legend={t('surveys.questions.option', { id: o.id })}
              value={o.text}
              disabled={off}
              onChange={(text) => onChange({ ...q, options: q.options.map((x, j) => (j === i ? { ...x, text } : x)) } as SurveyQuestion)}
            />
          ))}
          {editable && q.kind === 'choice' && (
            <button type="button" onClick={() => onChange({ ...q, options: [...q.options, { id: `option_${q.options.length + 1}`, text: { en: '' } as Translations }] })}>
              {t('surveys.questions.addOption')}
            </button>
          )}
          {required}
        </>
      );
    case 'servqual':
      return (
        <>
          <label className="field">
            {t('surveys.questions.dimension')}
            <select value={q.dimension} disabled={off} onChange={(e) => onChange({ ...q, dimension: e.target.value as (typeof DIMENSIONS)[number] })}>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`surveys.dimensions.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <TranslationsField legend={t('surveys.questions.expectation')} value={q.expectation} onChange={(expectation) => onChange({ ...q, expectation })} disabled={off} />
          <TranslationsField legend={t('surveys.questions.perception')} value={q.perception} onChange={(perception) => onChange({ ...q, perception })} disabled={off} />
        </>
      );
    case 'kano':
      return (
        <>
          <TranslationsField legend={t('surveys.questions.feature')} value={q.feature} onChange={(feature) => onChange({ ...q, feature })} disabled={off} />
          <TranslationsField legend={t('surveys.questions.functional')} value={q.functional} onChange={(functional) => onChange({ ...q, functional })} disabled={off} />
          <TranslationsField legend={t('surveys.questions.dysfunctional')} value={q.dysfunctional} onChange={(dysfunctional) => onChange({ ...q, dysfunctional })} disabled={off} />
        </>
      );
  }
}
