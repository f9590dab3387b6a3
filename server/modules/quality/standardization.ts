import { normalCdf } from './distributions.ts';
import { checkCount } from './scale.ts';

/**
 * Indirect standardization of a proportion (observed vs expected attainment): compare units
 * (branches, teams, agents) fairly when their case mix differs. Each unit's expected successes
 * are what it would have achieved at the overall rate of every stratum (e.g. priority × channel)
 * its cases fall in: E = Σₛ nₛ·rₛ. A unit with harder cases then gets a lower expectation instead
 * of being blamed for its mix (quality.md, "compare like with like").
 */

export interface StratumCount {
  /** The unit (branch, team, agent). */
  readonly unit: string;
  /** The stratum key, e.g. "high|email". */
  readonly stratum: string;
  readonly x: number;
  readonly n: number;
}

export interface StratumRate {
  readonly stratum: string;
  readonly x: number;
  readonly n: number;
  /** x / n over every unit given. */
  readonly rate: number;
}

export interface StandardizedUnit {
  readonly unit: string;
  readonly x: number;
  readonly n: number;
  /** Σₛ nₛ·rₛ: successes expected from the unit's mix at the overall stratum rates. */
  readonly expected: number;
  /** expected / n; null when n = 0. */
  readonly expectedRate: number | null;
  /** x / expected (the standardized ratio, > 1 better than the mix predicts); null when expected = 0. */
  readonly ratio: number | null;
  /** ratio × overall rate: the indirectly standardized rate; null with the ratio. */
  readonly standardizedRate: number | null;
  /** (x − E)/√V with V = Σₛ nₛ·rₛ(1 − rₛ), treating the stratum rates as known; null when V = 0. */
  readonly z: number | null;
  /** Two-sided normal p-value of z; null with z. */
  readonly pValue: number | null;
}

export interface IndirectStandardization {
  /** Σx / Σn over everything given; null when Σn = 0. */
  readonly overallRate: number | null;
  /** Strata in order of first appearance, only those with n > 0. */
  readonly strata: readonly StratumRate[];
  /** Units in order of first appearance. */
  readonly units: readonly StandardizedUnit[];
}

/** Observed vs expected successes per unit, given counts per (unit, stratum). Rows for the same pair are added up. */
export function indirectStandardization(rows: readonly StratumCount[]): IndirectStandardization {
  const strata = new Map<string, { x: number; n: number }>();
  const unitRows = new Map<string, Map<string, { x: number; n: number }>>();
  let totalX = 0;
  let totalN = 0;
  for (const row of rows) {
    checkCount(row.x, `x of ${row.unit}/${row.stratum}`);
    checkCount(row.n, `n of ${row.unit}/${row.stratum}`);
    if (row.x > row.n) throw new RangeError(`x (${row.x}) exceeds n (${row.n}) for ${row.unit}/${row.stratum}`);
    const stratum = strata.get(row.stratum) ?? { x: 0, n: 0 };
    stratum.x += row.x;
    stratum.n += row.n;
    strata.set(row.stratum, stratum);
    const cells = unitRows.get(row.unit) ?? new Map<string, { x: number; n: number }>();
    const cell = cells.get(row.stratum) ?? { x: 0, n: 0 };
    cell.x += row.x;
    cell.n += row.n;
    cells.set(row.stratum, cell);
    unitRows.set(row.unit, cells);
    totalX += row.x;
    totalN += row.n;
  }
  const overallRate = totalN === 0 ? null : totalX / totalN;
  const rates = new Map<string, number>();
  const strataOut: StratumRate[] = [];
  for (const [stratum, { x, n }] of strata) {
    if (n === 0) continue;
    rates.set(stratum, x / n);
    strataOut.push({ stratum, x, n, rate: x / n });
  }
  const units = [...unitRows].map(([unit, cells]): StandardizedUnit => {
    let x = 0;
    let n = 0;
    let expected = 0;
    let variance = 0;
    for (const [stratum, cell] of cells) {
      x += cell.x;
      n += cell.n;
      const rate = rates.get(stratum) ?? 0;
      expected += cell.n * rate;
      variance += cell.n * rate * (1 - rate);
    }
    const ratio = expected > 0 ? x / expected : null;
    const z = variance > 0 ? (x - expected) / Math.sqrt(variance) : null;
    return {
      unit,
      x,
      n,
      expected,
      expectedRate: n === 0 ? null : expected / n,
      ratio,
      standardizedRate: ratio === null || overallRate === null ? null : ratio * overallRate,
      z,
      pValue: z === null ? null : 2 * (1 - normalCdf(Math.abs(z))),
    };
  });
  return { overallRate, strata: strataOut, units };
}
