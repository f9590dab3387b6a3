import type { TierSource } from '../../platform/schema.ts';

/** What a tier asks of a customer; decimals as strings (as numeric columns come back). */
export interface TierRule {
  id: string;
  rank: number;
  autoAssign: boolean;
  minAnnualRevenue: string | null;
  minMargin: string | null;
  minTicketsPerYear: number | null;
}

/** What a customer is worth, as far as tiers care. */
export interface CustomerValue {
  annualRevenue: string | null;
  margin: string | null;
  /** Tickets the customer filed in the 365 days before now. */
  ticketsLastYear: number;
  /** The tier of the customer's organization, if any. */
  organizationTierId: string | null;
}

export interface TierChoice {
  tierId: string | null;
  /** `organization` when the organization's tier won, else `rule` (also when no tier applies). */
  source: Exclude<TierSource, 'manual'>;
}

/**
 * The tier a customer's value earns:
 *
 * - Only tiers with `autoAssign` are candidates for value rules, and a tier
 *   matches when every threshold it sets is met (revenue ≥, margin ≥, tickets
 *   in the last year ≥). A threshold not set is ignored; a customer value not
 *   known (null) does not meet a threshold; a tier that sets no threshold
 *   never matches by value (it is a tier for hand-tagging).
 * - Of the matching tiers the highest rank wins (ties: the first in the list).
 * - The organization's tier applies when it ranks strictly higher than the
 *   value tier, or when no value tier matches — whether or not it is an
 *   auto-assign tier, because the organization carries it on purpose. We take
 *   the higher of the two rather than letting the organization always win so
 *   a big customer inside a small account is not served below their own
 *   worth, and a small contact of a key account still gets the account's
 *   service. On equal rank the customer's own value tier is kept.
 */
export function chooseTier(tiers: readonly TierRule[], value: CustomerValue): TierChoice {
  let best: TierRule | null = null;
  for (const tier of tiers) {
    if (!tier.autoAssign || !meetsThresholds(tier, value)) continue;
    if (!best || tier.rank > best.rank) best = tier;
  }
  const orgTier = value.organizationTierId ? tiers.find((t) => t.id === value.organizationTierId) : undefined;
  if (orgTier && (!best || orgTier.rank > best.rank)) return { tierId: orgTier.id, source: 'organization' };
  return { tierId: best?.id ?? null, source: 'rule' };
}

/** `chooseTier`, just the tier id. */
export function assignTier(tiers: readonly TierRule[], value: CustomerValue): string | null {
  return chooseTier(tiers, value).tierId;
}

function meetsThresholds(tier: TierRule, value: CustomerValue): boolean {
  const thresholds = [tier.minAnnualRevenue, tier.minMargin, tier.minTicketsPerYear];
  if (thresholds.every((t) => t === null)) return false;
  if (tier.minAnnualRevenue !== null && !atLeast(value.annualRevenue, tier.minAnnualRevenue)) return false;
  if (tier.minMargin !== null && !atLeast(value.margin, tier.minMargin)) return false;
  if (tier.minTicketsPerYear !== null && value.ticketsLastYear < tier.minTicketsPerYear) return false;
  return true;
}

function atLeast(actual: string | null, minimum: string): boolean {
  return actual !== null && compareDecimals(actual, minimum) >= 0;
}

/**
 * Compares two decimal strings (`-?digits(.digits)?`, as numeric columns and
 * the API's decimals are) exactly, without going through floating point:
 * revenue figures can exceed what a double holds to the cent.
 */
export function compareDecimals(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const magnitude = compareMagnitudes(x, y);
  return x.negative ? -magnitude : magnitude;
}

function parseDecimal(s: string): { negative: boolean; int: string; frac: string } {
  // An exponent appears when the API was sent a large JSON number (String(1e21) is '1e+21').
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(s.trim());
  if (!match) throw new Error(`not a decimal: ${s}`);
  let int = match[2] ?? '0';
  let frac = match[3] ?? '';
  const exponent = Number(match[4] ?? 0);
  if (exponent !== 0) {
    const digits = int + frac;
    const point = int.length + exponent;
    int = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
    frac = point <= 0 ? '0'.repeat(-point) + digits : digits.slice(point);
  }
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  // -0 and -0.00 are zero, not negative.
  const negative = match[1] === '-' && (int !== '0' || frac !== '');
  return { negative, int, frac };
}

function compareMagnitudes(x: { int: string; frac: string }, y: { int: string; frac: string }): number {
  if (x.int.length !== y.int.length) return x.int.length < y.int.length ? -1 : 1;
  if (x.int !== y.int) return x.int < y.int ? -1 : 1;
  const width = Math.max(x.frac.length, y.frac.length);
  const xf = x.frac.padEnd(width, '0');
  const yf = y.frac.padEnd(width, '0');
  return xf === yf ? 0 : xf < yf ? -1 : 1;
}

/** The tier rule as stored. */
export function toTierRule(row: {
  id: string;
  rank: number;
  auto_assign: boolean;
  min_annual_revenue: string | null;
  min_margin: string | null;
  min_tickets_per_year: number | null;
}): TierRule {
  return {
    id: row.id,
    rank: row.rank,
    autoAssign: row.auto_assign,
    minAnnualRevenue: row.min_annual_revenue,
    minMargin: row.min_margin,
    minTicketsPerYear: row.min_tickets_per_year,
  };
}
