/**
 * Public entry `gapwise/quality`: pure scoring for CSAT, CES, NPS, SERVQUAL, Kano and
 * statistical process control. Every function returns plain JSON-able objects with `null` where a
 * value is undefined (n = 0, too few values). See README.md beside this file.
 */
export { type CesDirection, type CesOptions, type CesScale, type CesSummary, CES_DEFAULT_SCALE, cesSummary } from './ces.ts';
export {
  type PChart,
  type PChartPoint,
  type PChartSignal,
  type PChartUnit,
  pChart,
  type XmrChart,
  type XmrPoint,
  type XmrSignal,
  XMR_LIMIT_FACTOR,
  XMR_RANGE_LIMIT_FACTOR,
  XMR_RUN_LENGTH,
  xmrChart,
} from './control-charts.ts';
export { ALPHA_ACCEPTABLE, type CronbachAlpha, cronbachAlpha } from './cronbach.ts';
export {
  CSAT_SATISFIED_FROM,
  CSAT_SCALE,
  type CsatOptions,
  type CsatSummary,
  csatSummary,
} from './csat.ts';
export {
  chiSquareCdf,
  chiSquareSurvival,
  lnGamma,
  normalCdf,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
  Z_95,
  zForConfidence,
} from './distributions.ts';
export { type ChiSquareHomogeneity, chiSquareHomogeneity, type ProportionGroup } from './homogeneity.ts';
export { type Interval, type WilsonOptions, wilsonInterval } from './intervals.ts';
export {
  type FongTest,
  KANO_ANSWERS,
  KANO_CATEGORIES,
  KANO_CATEGORY_NAMES,
  KANO_PREFERENCE,
  KANO_SERVICE_LEVELS,
  type KanoAnswer,
  type KanoCategory,
  type KanoOptions,
  type KanoPair,
  type KanoSummary,
  kanoCategory,
  kanoSummary,
} from './kano.ts';
export { type KruskalWallisGroup, type KruskalWallisResult, kruskalWallis, kruskalWallisFromRankSums, midRanks } from './kruskal-wallis.ts';
export {
  NPS_DEFAULT_Z,
  NPS_MIN_INTERVAL_N,
  NPS_SCALE,
  type NpsDifference,
  type NpsOptions,
  type NpsSummary,
  npsDifference,
  npsSummary,
} from './nps.ts';
export type { AnswerScale } from './scale.ts';
export {
  SERVQUAL_SCALE,
  type ServqualDimensionScore,
  type ServqualItemScore,
  type ServqualOptions,
  type ServqualResponse,
  type ServqualScores,
  type ServqualWeightedScore,
  servqualScores,
} from './servqual.ts';
export type { ServqualItemAnswer } from './servqual-answers.ts';
export {
  type AllocationStatus,
  DEFAULT_SERVQUAL_ITEMS,
  type NormalizedAllocation,
  normalizeAllocation,
  SERVQUAL_DIMENSIONS,
  type ServqualDimension,
  type ServqualItem,
  type ServqualWeights,
} from './servqual-items.ts';
export type { ToleranceZone, ToleranceZoneScore } from './servqual-zones.ts';
export { type CoefficientOfVariation, coefficientOfVariation } from './variation.ts';
export {
  type IndirectStandardization,
  indirectStandardization,
  type StandardizedUnit,
  type StratumCount,
  type StratumRate,
} from './standardization.ts';
