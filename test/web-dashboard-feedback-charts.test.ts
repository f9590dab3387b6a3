import { describe, expect, it } from 'vitest';
import { type TrendPoint, gapBarsOption, kanoQuadrant, kanoScatterOption, periodLabel, trendBandOption } from '../web/src/features/dashboard/feedback/feedback-charts.ts';

/**
 * The feedback screens' chart options (web/src/features/dashboard/feedback/feedback-charts.ts):
 * what each chart is drawn from, checked without a browser. The screens themselves are checked
 * in Chromium by web-dashboard-feedback.test.ts.
 */
type Series = { type: string; name?: string; stack?: string; stackStrategy?: string; data: unknown[] };
const seriesOf = (option: object) => (option as { series: Series[] }).series;
const words = { name: 'CSAT', band: '95% interval', base: (n: number) => `n = ${n}`, interval: (a: string, b: string) => `${a} to ${b}`, format: (v: number) => `${v}%` };
const point = (value: number | null, lower: number | null, upper: number | null, n: number, note: string | null = null): TrendPoint => ({ label: `p${n}`, value, lower, upper, n, note });

describe('trend with its interval band', () => {
  const points = [point(80, 70, 88, 50), point(null, null, null, 0, 'No answers'), point(25, null, null, 4, 'Only 4 answers'), point(-10, -40, 20, 60)];
  const [lower, band, ticks, line] = seriesOf(trendBandOption(points, words, { min: -100, max: 100 }));

  it('stacks the band on its lower bound with strategy "all" (a band across zero still starts at its lower bound)', () => {
    expect(lower).toMatchObject({ type: 'line', stack: 'band', stackStrategy: 'all' });
    expect(band).toMatchObject({ type: 'line', stack: 'band', stackStrategy: 'all', name: '95% interval' });
    expect(lower?.data).toEqual([70, '-', '-', -40]);
    expect(band?.data).toEqual([18, '-', '-', 60]);
  });

  it('a point without an interval has no band, no ticks and a hollow marker; a period without answers has no point', () => {
    expect(ticks?.data).toEqual([
      [0, 70],
      [0, 88],
      [3, -40],
      [3, 20],
    ]);
    expect(line?.data).toEqual([
      { value: 80, symbol: 'circle', symbolSize: 6 },
      '-',
      { value: 25, symbol: 'emptyCircle', symbolSize: 9 },
      { value: -10, symbol: 'circle', symbolSize: 6 },
    ]);
  });

  it('the tooltip gives the value, the interval, n, and why a point has no band', () => {
    const option = trendBandOption(points, words, { min: 0, max: 100 }) as { tooltip: { formatter: (p: unknown) => string } };
    const tip = (i: number) => option.tooltip.formatter([{ dataIndex: i, seriesType: 'line' }]);
    expect(tip(0)).toBe('<strong>p50</strong><br/>CSAT: 80%<br/>70% to 88%<br/>n = 50');
    expect(tip(2)).toBe('<strong>p4</strong><br/>CSAT: 25%<br/>n = 4<br/><em>Only 4 answers</em>');
    expect(tip(1)).toBe('<strong>p0</strong><br/>CSAT: —<br/>n = 0<br/><em>No answers</em>');
  });
});

describe('Kano quadrants', () => {
  it.each([
    [0.6, -0.6, 'O'],
    [1, 0, 'A'],
    [0.2, -0.8, 'M'],
    [0.2, -0.1, 'I'],
    [0.5, -0.5, 'O'],
    [0.49, -0.5, 'M'],
    [0.5, -0.49, 'A'],
    [0, 0, 'I'],
  ] as const)('Better %s, Worse %s → %s', (better, worse, quadrant) => {
    expect(kanoQuadrant(better, worse)).toBe(quadrant);
  });

  it('plots Worse as the negative number it is, on −1 … 0, with the four quadrants labelled where they are', () => {
    const option = kanoScatterOption([{ name: 'pickup', better: 0.6, worse: -0.6, category: 'O', n: 5 }], {
      better: 'Better',
      worse: 'Worse',
      quadrant: { A: 'Attractive', O: 'One-dimensional', M: 'Must-be', I: 'Indifferent' },
      category: (c) => `Category ${c}`,
      base: (n) => `n = ${n}`,
    }) as { yAxis: { min: number; max: number }; xAxis: { min: number; max: number }; series: { data: { value: number[] }[]; markArea: { data: [{ name: string; xAxis: number; yAxis: number }, { xAxis: number; yAxis: number }][] } }[] };
    expect(option.xAxis).toMatchObject({ min: 0, max: 1 });
    expect(option.yAxis).toMatchObject({ min: -1, max: 0 });
    expect(option.series[0]?.data[0]?.value).toEqual([0.6, -0.6]);
    const areas = option.series[0]?.markArea.data.map(([from, to]) => [from.name, kanoQuadrant((from.xAxis + to.xAxis) / 2, (from.yAxis + to.yAxis) / 2)]);
    // Each label sits in the quadrant whose rule gives that category.
    expect(areas).toEqual([
      ['Indifferent', 'I'],
      ['Attractive', 'A'],
      ['Must-be', 'M'],
      ['One-dimensional', 'O'],
    ]);
  });
});

describe('SERVQUAL gap bars and period labels', () => {
  it('bars keep the given order (most negative first), negative gaps in the "bad" colour, missing gaps empty', () => {
    const [bars] = seriesOf(gapBarsOption([{ label: 'r1', gap: -2.6667 }, { label: 't1', gap: 0.5 }, { label: 'x', gap: null }], { gap: 'Gap', format: String })) as unknown as {
      data: ({ value: number; itemStyle: { color: string } } | '-')[];
    }[];
    expect(bars?.data).toEqual([{ value: -2.67, itemStyle: { color: '#a61b1b' } }, { value: 0.5, itemStyle: { color: '#15803d' } }, '-']);
  });

  it('periods are named from their local start date, in the reader’s calendar', () => {
    expect(periodLabel('2026-03-09', 'week', 'en')).toBe('Mar 9, 2026');
    expect(periodLabel('2026-03-01', 'month', 'en')).toBe('Mar 2026');
    expect(periodLabel('2026-03-01', 'month', 'th')).toContain('2569');
  });
});
