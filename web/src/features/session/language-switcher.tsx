import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLocale, browserLocale, chosenLocale, isLocale } from '../../lib/i18n.ts';
import { LOCALES, type Locale, type User } from '../../lib/types.ts';
import { useUpdateMe } from './session-api.ts';

/** Each language named in itself, so anyone can find their own. */
const NATIVE_NAMES: Record<Locale, string> = { en: 'English', th: 'ไทย', vi: 'Tiếng Việt', cs: 'Čeština', ms: 'Bahasa Melayu' };

/**
 * The language is stored on the agent's user record (users.locale). Accounts are created
 * with "en", so until the agent picks one, a different browser language wins over that default.
 */
export function LanguageSwitcher({ me }: { me: User | undefined }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const update = useUpdateMe(me?.id);

  useEffect(() => {
    if (!me || !isLocale(me.locale)) return;
    const picked = chosenLocale();
    const wanted = me.locale === 'en' && !picked ? browserLocale() : me.locale;
    if (wanted !== i18n.language) void applyLocale(wanted);
    // Only when the user record arrives or changes: a pick in progress must not be undone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me]);

  const choose = (lang: Locale) => {
    void applyLocale(lang, true);
    if (me && me.locale !== lang) update.mutate({ locale: lang });
  };

  return (
    <span className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('shell.language')}
      </label>
      <select id={id} value={i18n.language} onChange={(e) => isLocale(e.target.value) && choose(e.target.value)}>
        {LOCALES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {NATIVE_NAMES[lang]}
          </option>
        ))}
      </select>
    </span>
  );
}
