import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pChart, xmrChart } from './control-charts.ts';

describe('pChart', () => {
  it('matches a hand-worked chart with limits that vary with n', () => {
    // Σx/Σn = (95 + 60 + 165 + 16 + 0)/(100 + 100 + 200 + 20 + 0) = 336/420 = 0.8.
    // n = 100: 3·√(0.8·0.2/100) = 0.12 → [0.68, 0.92]: A 0.95 above, B 0.60 below.
    // n = 200: 3·√(0.16/200) = 0.084853 → [0.715147, 0.884853]: C 0.825 inside.
    // n = 20: 20·0.2 = 4 < 5 → too small to judge. n = 0: no proportion at all.
    const chart = pChart([
      { label: 'A', x: 95, n: 100 },
      { label: 'B', x: 60, n: 100 },
      { label: 'C', x: 165, n: 200 },
      { label: 'D', x: 16, n: 20 },
      { label: 'E', x: 0, n: 0 },
    ]);
    expect(chart).toMatchObject({ totalX: 336, totalN: 420 });
    expect(chart.center).toBeCloseTo(0.8, 12);
    const [a, b, c, d, e] = chart.points;
    expect(a?.lower).toBeCloseTo(0.68, 12);
    expect(a?.upper).toBeCloseTo(0.92, 12);
    expect(a).toMatchObject({ p: 0.95, sizeAdequate: true, signal: 'above_upper' });
    expect(b).toMatchObject({ p: 0.6, signal: 'below_lower' });
    expect(c?.lower).toBeCloseTo(0.8 - 3 * Math.sqrt(0.16 / 200), 12);
    expect(c).toMatchObject({ p: 0.825, signal: null });
    expect(d).toEqual({ label: 'D', x: 16, n: 20, p: 0.8, sizeAdequate: false, lower: null, upper: null, signal: null });
    expect(e).toMatchObject({ p: null, sizeAdequate: false, signal: null });
  });

  it('clamps limits to [0, 1]', () => {
    // p̄ = 0.98, n = 300: 300·0.02 = 6 ≥ 5; 3·√(0.98·0.02/300) = 0.02425 → upper 1.00425 → 1.
    const chart = pChart([
      { label: 'x', x: 294, n: 300 },
      { label: 'y', x: 294, n: 300 },
    ]);
    expect(chart.points[0]?.upper).toBe(1);
    expect(chart.points[0]?.lower).toBeCloseTo(0.98 - 3 * Math.sqrt(0.0196 / 300), 12);
  });

  it('has no centre without data and refuses impossible counts', () => {
    expect(pChart([])).toEqual({ center: null, totalX: 0, totalN: 0, points: [] });
    expect(pChart([{ label: 'a', x: 0, n: 0 }]).center).toBeNull();
    expect(() => pChart([{ label: 'a', x: 5, n: 4 }])).toThrow(RangeError);
    expect(() => pChart([{ label: 'a', x: -1, n: 4 }])).toThrow(RangeError);
  });

  it('keeps limits in [0, 1] around the centre, and signals only outside them', () => {
    const units = fc.array(
      fc.integer({ min: 0, max: 2000 }).chain((n) => fc.record({ label: fc.constant('u'), x: fc.integer({ min: 0, max: n }), n: fc.constant(n) })),
      { minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(units, (sampled) => {
        const chart = pChart(sampled);
        for (const point of chart.points) {
          if (point.lower === null || point.upper === null || point.p === null) continue;
          expect(point.lower).toBeGreaterThanOrEqual(0);
          expect(point.upper).toBeLessThanOrEqual(1);
          expect(point.lower).toBeLessThanOrEqual(chart.center as number);
          expect(point.upper).toBeGreaterThanOrEqual(chart.center as number);
          expect(point.signal !== null).toBe(point.p < point.lower || point.p > point.upper);
        }
      }),
    );
  });
});

describe('xmrChart', () => {
  it('matches a hand-worked chart: a spike, a moving-range spike and a run below', () => {
    // x̄ = (5·10 + 4·11 + 30)/10 = 12.4. Moving ranges: eight 1s and a 20 → MR̄ = 28/9 = 3.1111.
    // Limits 12.4 ± 2.66·3.1111 = [4.1244, 20.6756]; MR limit 3.267·3.1111 = 10.164.
    // 30 is above the upper limit, its moving range 20 is above 10.164, and the first nine points
    // are all below 12.4: a run of 9 ≥ 8.
    const chart = xmrChart([10, 11, 10, 11, 10, 11, 10, 11, 10, 30]);
    expect(chart.center).toBeCloseTo(12.4, 12);
    expect(chart.movingRangeMean).toBeCloseTo(28 / 9, 12);
    expect(chart.upperLimit).toBeCloseTo(12.4 + (2.66 * 28) / 9, 12);
    expect(chart.lowerLimit).toBeCloseTo(12.4 - (2.66 * 28) / 9, 12);
    expect(chart.movingRangeUpperLimit).toBeCloseTo((3.267 * 28) / 9, 12);
    expect(chart.points[0]).toEqual({ value: 10, movingRange: null, signals: ['run_below'] });
    expect(chart.points.slice(0, 9).every((point) => point.signals.join() === 'run_below')).toBe(true);
    expect(chart.points[9]).toEqual({ value: 30, movingRange: 20, signals: ['above_upper', 'moving_range_above'] });
  });

  it('needs 8 in a row on one side; a point on the centre line breaks the run', () => {
    // Only run signals matter here (these step changes also break the limits).
    const runs = (values: number[]) => xmrChart(values).points.map((point) => point.signals.filter((s) => s.startsWith('run')).join());
    // Seven 1s and seven 3s around a centre of 2: runs of 7, no signal.
    expect(runs([...Array(7).fill(1), ...Array(7).fill(3)]).join('')).toBe('');
    // Eight 1s then eight 3s: centre 2, both runs signal, every point of them.
    expect(runs([...Array(8).fill(1), ...Array(8).fill(3)])).toEqual([...Array(8).fill('run_below'), ...Array(8).fill('run_above')]);
    // 1,1,1,1,2,1,1,1,3,3,3,3,3,3,3: centre 2 (sum 30, n 15); the 2 splits the low points into 4 + 3.
    expect(xmrChart([1, 1, 1, 1, 2, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3]).center).toBe(2);
    expect(runs([1, 1, 1, 1, 2, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3]).join('')).toBe('');
    // Without the 2 (replaced by 1, and a 3 added to keep the centre at 2): eight low points in a row.
    expect(runs([1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3]).slice(0, 8)).toEqual(Array(8).fill('run_below'));
  });

  it('returns nulls for too little data and refuses non-finite values', () => {
    expect(xmrChart([])).toEqual({
      n: 0,
      center: null,
      movingRangeMean: null,
      lowerLimit: null,
      upperLimit: null,
      movingRangeUpperLimit: null,
      points: [],
    });
    expect(xmrChart([5])).toMatchObject({ n: 1, center: 5, movingRangeMean: null, upperLimit: null });
    expect(() => xmrChart([1, Number.NaN])).toThrow(RangeError);
  });

  it('flags beyond-limit points exactly, and is shift invariant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: -500, max: 500 }),
        (values, shift) => {
          const chart = xmrChart(values);
          for (const point of chart.points) {
            expect(point.signals.includes('above_upper')).toBe(point.value > (chart.upperLimit as number));
            expect(point.signals.includes('below_lower')).toBe(point.value < (chart.lowerLimit as number));
          }
          const shifted = xmrChart(values.map((value) => value + shift));
          expect(shifted.movingRangeMean).toBeCloseTo(chart.movingRangeMean as number, 9);
          expect(shifted.points.map((p) => p.signals.filter((s) => s.startsWith('run')).join())).toEqual(
            chart.points.map((p) => p.signals.filter((s) => s.startsWith('run')).join()),
          );
        },
      ),
    );
  });
});
