/**
 * What screens need about ECharts without loading it: the option type and the colours. The
 * library itself is in echarts-runtime.ts, loaded on demand by echart.tsx.
 */
export type { EChartsCoreOption, ECharts } from 'echarts/core';

/** Colours with enough contrast on white, in the order series take them. */
export const PALETTE = ['#2456a6', '#c2410c', '#15803d', '#7e22ce', '#a16207', '#0e7490', '#be123c', '#4f5863'];
export const GOOD = '#15803d';
export const BAD = '#a61b1b';
export const NEUTRAL = '#4f5863';

let runtime: Promise<typeof import('./echarts-runtime.ts')> | null = null;

/** The ECharts library, loaded once (its own chunk). */
export function loadEcharts(): Promise<typeof import('./echarts-runtime.ts')['echarts']> {
  runtime ??= import('./echarts-runtime.ts');
  return runtime.then((m) => m.echarts);
}
