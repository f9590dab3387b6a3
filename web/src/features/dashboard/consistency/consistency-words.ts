import type { TFunction } from 'i18next';
import { formatDecimal } from '../kit/index.ts';

/** A p-value as people read it: "< 0.001" below that, three decimals otherwise. */
export function formatP(p: number, lang: string): string {
  return p < 0.001 ? `< ${formatDecimal(0.001, lang, 3)}` : formatDecimal(p, lang, 3);
}

/** The chi-square / Kruskal–Wallis result in words, at the 5 % level. */
export function testInWords(
  t: TFunction,
  lang: string,
  test: { name: 'chi' | 'kw'; statistic: number | null; df: number | null; p: number | null; doubtful?: boolean },
): string {
  if (test.statistic === null || test.df === null || test.p === null) return t('dashboard.consistency.testNotPossible');
  const figures = t(test.name === 'chi' ? 'dashboard.consistency.chiFigures' : 'dashboard.consistency.kwFigures', {
    statistic: formatDecimal(test.statistic, lang, 2),
    df: test.df,
    p: formatP(test.p, lang),
  });
  const verdict = test.p < 0.05 ? t('dashboard.consistency.differ') : t('dashboard.consistency.noDifference');
  return `${verdict} ${figures}${test.doubtful ? ` ${t('dashboard.consistency.doubtful')}` : ''}`;
}
