import { checkCount, checkFinite, mean } from './scale.ts';

// ---------------------------------------------------------------- p-chart

export interface PChartUnit {
  /** A period ("2024-05") or a unit (branch, team, agent). */
  readonly label: string;
  /** Successes (SLA met, CSAT satisfied…). */
  readonly x: number;
  /** Trials. */
  readonly n: number;
}

export type PChartSignal = 'below_lower' | 'above_upper';

export interface PChartPoint {
  readonly label: string;
  readonly x: number;
  readonly n: number;
  /** x/n; null when n = 0. */
  readonly p: number | null;
  /** n·p̄ ≥ 5 and n·(1 − p̄) ≥ 5: the normal approximation holds and the point can be judged. */
  readonly sizeAdequate: boolean;
  /** p̄ ± 3√(p̄(1−p̄)/n) clamped to [0, 1]; null when the size rule fails. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** below_lower is the signal to act on for a "higher is better" proportion; above_upper is a positive special cause. */
  readonly signal: PChartSignal | null;
}

export interface PChart {
  /** p̄ = Σx/Σn; null when Σn = 0. */
  readonly center: number | null;
  readonly totalX: number;
  readonly totalN: number;
  readonly points: readonly PChartPoint[];
}

const P_CHART_SIGMAS = 3;
const P_CHART_MIN_EXPECTED = 5;

/** p-chart with limits that vary with each unit's n. */
export function pChart(units: readonly PChartUnit[]): PChart {
  let totalX = 0;
  let totalN = 0;
  for (const unit of units) {
    checkCount(unit.x, `x of ${unit.label}`);
    checkCount(unit.n, `n of ${unit.label}`);
    if (unit.x > unit.n) throw new RangeError(`x (${unit.x}) exceeds n (${unit.n}) for ${unit.label}`);
    totalX += unit.x;
    totalN += unit.n;
  }
  const center = totalN === 0 ? null : totalX / totalN;
  const points = units.map((unit): PChartPoint => {
    const p = unit.n === 0 ? null : unit.x / unit.n;
    const base = { label: unit.label, x: unit.x, n: unit.n, p };
    const sizeAdequate =
      center !== null && unit.n * center >= P_CHART_MIN_EXPECTED && unit.n * (1 - center) >= P_CHART_MIN_EXPECTED;
    if (!sizeAdequate || center === null || p === null) {
      return { ...base, sizeAdequate: false, lower: null, upper: null, signal: null };
    }
    const halfWidth = P_CHART_SIGMAS * Math.sqrt((center * (1 - center)) / unit.n);
    const lower = Math.max(0, center - halfWidth);
    const upper = Math.min(1, center + halfWidth);
    const signal = p < lower ? 'below_lower' : p > upper ? 'above_upper' : null;
    return { ...base, sizeAdequate, lower, upper, signal };
  });
  return { center, totalX, totalN, points };
}

// ---------------------------------------------------------------- XmR chart

/** Natural process limits: x̄ ± 2.66·MR̄; moving-range limit 3.267·MR̄ (Wheeler's constants). */
export const XMR_LIMIT_FACTOR = 2.66;
export const XMR_RANGE_LIMIT_FACTOR = 3.267;
/** Consecutive points on one side of the centre line that make a run signal. */
export const XMR_RUN_LENGTH = 8;

export type XmrSignal = 'above_upper' | 'below_lower' | 'moving_range_above' | 'run_above' | 'run_below';

export interface XmrPoint {
  readonly value: number;
  /** |x_i − x_(i−1)|; null for the first point. */
  readonly movingRange: number | null;
  /** Every rule this point breaks; each point of an 8-run is marked. */
  readonly signals: readonly XmrSignal[];
}

export interface XmrChart {
  readonly n: number;
  /** x̄; null when n = 0. */
  readonly center: number | null;
  /** MR̄; null below n = 2 (and then every limit is null too). */
  readonly movingRangeMean: number | null;
  /** x̄ ± 2.66·MR̄, not clamped (a negative lower limit for times just means no lower signal is possible). */
  readonly lowerLimit: number | null;
  readonly upperLimit: number | null;
  /** 3.267·MR̄. */
  readonly movingRangeUpperLimit: number | null;
  readonly points: readonly XmrPoint[];
}

/** Individuals and moving-range chart, e.g. for per-period medians of first-response time. */
export function xmrChart(values: readonly number[]): XmrChart {
  checkFinite(values, 'xmrChart values');
  const center = mean(values);
  const ranges = values.slice(1).map((value, i) => Math.abs(value - (values[i] as number)));
  const movingRangeMean = mean(ranges);
  const limits =
    center === null || movingRangeMean === null
      ? null
      : {
          lower: center - XMR_LIMIT_FACTOR * movingRangeMean,
          upper: center + XMR_LIMIT_FACTOR * movingRangeMean,
          range: XMR_RANGE_LIMIT_FACTOR * movingRangeMean,
        };
  const signals: XmrSignal[][] = values.map(() => []);
  values.forEach((value, i) => {
    const list = signals[i] as XmrSignal[];
    if (limits && value > limits.upper) list.push('above_upper');
    if (limits && value < limits.lower) list.push('below_lower');
    const range = i === 0 ? undefined : ranges[i - 1];
    if (limits && range !== undefined && range > limits.range) list.push('moving_range_above');
  });
  if (center !== null) markRuns(values, center, signals);
  return {
    n: values.length,
    center,
    movingRangeMean,
    lowerLimit: limits?.lower ?? null,
    upperLimit: limits?.upper ?? null,
    movingRangeUpperLimit: limits?.range ?? null,
    points: values.map((value, i) => ({
      value,
      movingRange: i === 0 ? null : (ranges[i - 1] as number),
      signals: signals[i] as XmrSignal[],
    })),
  };
}

/** Marks every point of a run of 8 or more consecutive points strictly on one side of the centre line. */
function markRuns(values: readonly number[], center: number, signals: XmrSignal[][]): void {
  const sideOf = (i: number) => Math.sign((values[i] as number) - center);
  let runStart = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i < values.length && sideOf(i) === sideOf(runStart)) continue;
    // A point exactly on the centre line has side 0: it ends a run and starts none.
    const side = sideOf(runStart);
    if (side !== 0 && i - runStart >= XMR_RUN_LENGTH) {
      for (let j = runStart; j < i; j++) signals[j]?.push(side > 0 ? 'run_above' : 'run_below');
    }
    runStart = i;
  }
}
