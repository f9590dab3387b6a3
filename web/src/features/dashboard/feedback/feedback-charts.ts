/**
 * ECharts options of the feedback screens, built from plain data and already-translated words
 * (no React, no i18next), so each chart's shape is easy to read and to check on its own.
 */
import type { EChartsCoreOption } from '../kit/echarts.ts';
import { BAD, GOOD, NEUTRAL, PALETTE } from '../kit/echarts.ts';
import { intlLocale } from '../../../lib/format.ts';

/** One period of a trend: the figure, its 95% interval (null: none) and its base. */
export interface TrendPoint {
  label: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
  /** Why the point has no band (translated), shown in its tooltip. */
  note: string | null;
}

export interface TrendWords {
  name: string;
  band: string;
  /** "n = {{n}}" already filled, per point. */
  base: (n: number) => string;
  interval: (lower: string, upper: string) => string;
  format: (value: number) => string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A line with its interval as a band: an invisible series at the lower bound and, stacked on it,
 * the width of the interval filled. Both stack with strategy "all", so a band that crosses zero
 * (NPS) still stacks from its lower bound. A point without an interval has a gap in the band and
 * a hollow marker; its tooltip says why.
 */
export function trendBandOption(points: readonly TrendPoint[], words: TrendWords, axis: { min: number; max: number }, color = PALETTE[0] as string): EChartsCoreOption {
  const hasBand = (p: TrendPoint) => p.value !== null && p.lower !== null && p.upper !== null;
  const stack = { stack: 'band', stackStrategy: 'all' as const, symbol: 'none', lineStyle: { opacity: 0 }, silent: true };
  return {
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    legend: { data: [{ name: words.name }, { name: words.band, icon: 'rect' }], top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        // The period's index from a line series (the scatter's ticks are indexed by tick, not period).
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex: number; seriesType?: string }[];
        const first = list.find((x) => x.seriesType === 'line');
        const p = first ? points[first.dataIndex] : undefined;
        if (!p) return '';
        const lines = [`<strong>${escapeHtml(p.label)}</strong>`];
        lines.push(`${escapeHtml(words.name)}: ${p.value === null ? '—' : escapeHtml(words.format(p.value))}`);
        if (hasBand(p)) lines.push(escapeHtml(words.interval(words.format(p.lower as number), words.format(p.upper as number))));
        lines.push(escapeHtml(words.base(p.n)));
        if (p.note) lines.push(`<em>${escapeHtml(p.note)}</em>`);
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.label) },
    yAxis: { type: 'value', min: axis.min, max: axis.max },
    series: [
      { ...stack, type: 'line', name: 'lower', data: points.map((p) => (hasBand(p) ? p.lower : '-')), tooltip: { show: false } },
      {
        ...stack,
        type: 'line',
        name: words.band,
        data: points.map((p) => (hasBand(p) ? (p.upper as number) - (p.lower as number) : '-')),
        areaStyle: { color, opacity: 0.18 },
        itemStyle: { color },
      },
      // Short ticks at both ends of each interval: a period whose neighbours have no band would
      // otherwise show its interval as a zero-width area, that is, not at all.
      {
        type: 'scatter',
        name: words.band,
        silent: true,
        tooltip: { show: false },
        symbol: 'path://M0 0H10V1H0Z',
        symbolSize: [12, 2],
        itemStyle: { color, opacity: 0.7 },
        data: points.flatMap((p, i) => (hasBand(p) ? [[i, p.lower], [i, p.upper]] : [])),
      },
      {
        type: 'line',
        name: words.name,
        connectNulls: false,
        // Every point keeps its marker, however many periods there are (n is on each).
        showSymbol: true,
        showAllSymbol: true,
        itemStyle: { color },
        lineStyle: { color, width: 2 },
        data: points.map((p) =>
          p.value === null ? '-' : { value: p.value, symbol: hasBand(p) ? 'circle' : 'emptyCircle', symbolSize: hasBand(p) ? 6 : 9 },
        ),
      },
    ],
  };
}

export interface RadarWords {
  expectation: string;
  perception: string;
}

/** Expectation against perception per SERVQUAL dimension, on the survey's answer scale. */
export function servqualRadarOption(
  dimensions: readonly { name: string; expectation: number | null; perception: number | null }[],
  scale: { min: number; max: number },
  words: RadarWords,
): EChartsCoreOption {
  const values = (pick: 'expectation' | 'perception') => dimensions.map((d) => (d[pick] === null ? '-' : Number((d[pick] as number).toFixed(2))));
  return {
    legend: { data: [words.expectation, words.perception], bottom: 0 },
    tooltip: { trigger: 'item' },
    radar: {
      indicator: dimensions.map((d) => ({ name: d.name, min: scale.min, max: scale.max })),
      radius: '62%',
      splitNumber: scale.max - scale.min,
      axisName: { color: NEUTRAL },
    },
    series: [
      {
        type: 'radar',
        data: [
          { name: words.expectation, value: values('expectation'), itemStyle: { color: PALETTE[0] }, lineStyle: { type: 'dashed' } },
          { name: words.perception, value: values('perception'), itemStyle: { color: PALETTE[1] }, areaStyle: { opacity: 0.15 } },
        ],
      },
    ],
  };
}

/** Item gaps P − E as horizontal bars, in the order given (most negative first, at the top). */
export function gapBarsOption(items: readonly { label: string; gap: number | null }[], words: { gap: string; format: (v: number) => string }): EChartsCoreOption {
  return {
    grid: { left: 8, right: 48, top: 24, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: words.gap },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((i) => i.label),
      axisLabel: { width: 260, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: words.gap,
        data: items.map((i) => (i.gap === null ? '-' : { value: Number(i.gap.toFixed(2)), itemStyle: { color: i.gap < 0 ? BAD : GOOD } })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => words.format(p.value) },
      },
    ],
  };
}

export type QuadrantCategory = 'A' | 'O' | 'M' | 'I';

export interface KanoPoint {
  name: string;
  better: number;
  worse: number;
  category: string | null;
  n: number;
}

export interface KanoWords {
  better: string;
  worse: string;
  quadrant: Record<QuadrantCategory, string>;
  category: (category: string | null) => string;
  base: (n: number) => string;
}

/** Colours of the categories (the quadrant a point falls in may differ from its mode). */
export const KANO_COLORS: Record<string, string> = { A: PALETTE[2] as string, O: PALETTE[0] as string, M: PALETTE[6] as string, I: NEUTRAL, R: PALETTE[3] as string, Q: PALETTE[4] as string };

/**
 * Better (x, 0 … 1) against Worse (y, −1 … 0, negative as the spec defines it), one point per
 * feature, split at 0.5 / −0.5 into the four labelled quadrants: high Better and low Worse
 * (top right) attractive, both strong (bottom right) one-dimensional, strong Worse only (bottom
 * left) must-be, neither (top left) indifferent.
 */
export function kanoScatterOption(points: readonly KanoPoint[], words: KanoWords): EChartsCoreOption {
  const quadrant = (name: string, from: [number, number], to: [number, number], position: string) => [
    { name, xAxis: from[0], yAxis: from[1], label: { position, color: NEUTRAL, fontWeight: 'bold' } },
    { xAxis: to[0], yAxis: to[1] },
  ];
  return {
    // Room on the right for the names of features with Better near 1.
    grid: { left: 64, right: 120, top: 24, bottom: 56 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const point = points[p.dataIndex];
        if (!point) return '';
        return [
          `<strong>${escapeHtml(point.name)}</strong>`,
          escapeHtml(words.category(point.category)),
          `${escapeHtml(words.better)}: ${point.better.toFixed(2)}`,
          `${escapeHtml(words.worse)}: ${point.worse.toFixed(2)}`,
          escapeHtml(words.base(point.n)),
        ].join('<br/>');
      },
    },
    xAxis: { type: 'value', min: 0, max: 1, name: words.better, nameLocation: 'middle', nameGap: 28, splitLine: { show: false } },
    yAxis: { type: 'value', min: -1, max: 0, name: words.worse, nameLocation: 'middle', nameGap: 44, splitLine: { show: false } },
    series: [
      {
        type: 'scatter',
        symbolSize: 12,
        data: points.map((p) => ({ name: p.name, value: [p.better, p.worse], itemStyle: { color: KANO_COLORS[p.category ?? 'I'] ?? NEUTRAL } })),
        label: { show: true, position: 'right', formatter: (p: { name: string }) => p.name, color: '#1b1f24', fontSize: 11 },
        labelLayout: { hideOverlap: true },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: NEUTRAL, type: 'dashed' },
          label: { show: false },
          data: [{ xAxis: 0.5 }, { yAxis: -0.5 }],
        },
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(0,0,0,0)' },
          data: [
            quadrant(words.quadrant.I, [0, -0.5], [0.5, 0], 'insideTopLeft'),
            quadrant(words.quadrant.A, [0.5, -0.5], [1, 0], 'insideTopRight'),
            quadrant(words.quadrant.M, [0, -1], [0.5, -0.5], 'insideBottomLeft'),
            quadrant(words.quadrant.O, [0.5, -1], [1, -0.5], 'insideBottomRight'),
          ],
        },
      },
    ],
  };
}

/** The quadrant of a Better/Worse pair (the boundaries belong to the stronger side). */
export function kanoQuadrant(better: number, worse: number): QuadrantCategory {
  const strongBetter = better >= 0.5;
  const strongWorse = worse <= -0.5;
  if (strongBetter) return strongWorse ? 'O' : 'A';
  return strongWorse ? 'M' : 'I';
}

/** A period's label from its local start date ("YYYY-MM-DD"): the day, the week's first day, or the month. */
export function periodLabel(date: string, period: 'day' | 'week' | 'month', lang: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const instant = new Date(Date.UTC(y, m - 1, d));
  const options: Intl.DateTimeFormatOptions =
    period === 'month' ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(intlLocale(lang), options).format(instant);
}

