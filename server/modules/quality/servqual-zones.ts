import { mean } from './scale.ts';
import type { ScoredResponse } from './servqual-answers.ts';
import type { ServqualItem } from './servqual-items.ts';

/**
 * Three-column form (adequate, desired, perceived): where perceived service sits against the
 * zone of tolerance. below_adequate = fails the basic level, within_tolerance = meets,
 * above_desired = exceeds — the "three levels of service".
 */
export type ToleranceZone = 'below_adequate' | 'within_tolerance' | 'above_desired';

export interface ToleranceZoneScore {
  /** Respondents with at least one item answered in all three columns for this dimension. */
  readonly respondents: number;
  /** Sample means (of respondent dimension means) of each column. */
  readonly adequate: number;
  readonly desired: number;
  readonly perceived: number;
  /** Measure of service adequacy, perceived − adequate (mean over respondents). */
  readonly adequacyGap: number;
  /** Measure of service superiority, perceived − desired (mean over respondents). */
  readonly superiorityGap: number;
  /** The sample's zone: below_adequate if adequacyGap < 0, above_desired if superiorityGap > 0, else within. */
  readonly zone: ToleranceZone;
  /** How many respondents fall in each zone by their own dimension means. */
  readonly respondentZones: Readonly<Record<ToleranceZone, number>>;
}

function zoneOf(adequacyGap: number, superiorityGap: number): ToleranceZone {
  // Below adequate wins when a respondent's desired level is under their adequate level.
  if (adequacyGap < 0) return 'below_adequate';
  if (superiorityGap > 0) return 'above_desired';
  return 'within_tolerance';
}

/** Zone of tolerance for one dimension; null when no respondent used the three-column form. */
export function toleranceZone(responses: readonly ScoredResponse[], items: readonly ServqualItem[]): ToleranceZoneScore | null {
  const adequate: number[] = [];
  const desired: number[] = [];
  const perceived: number[] = [];
  const respondentZones: Record<ToleranceZone, number> = { below_adequate: 0, within_tolerance: 0, above_desired: 0 };
  for (const response of responses) {
    const a: number[] = [];
    const d: number[] = [];
    const p: number[] = [];
    for (const item of items) {
      const answer = response.get(item.id);
      if (answer?.adequate === undefined || answer.desired === undefined || answer.perception === undefined) continue;
      a.push(answer.adequate);
      d.push(answer.desired);
      p.push(answer.perception);
    }
    const [ma, md, mp] = [mean(a), mean(d), mean(p)];
    if (ma === null || md === null || mp === null) continue;
    adequate.push(ma);
    desired.push(md);
    perceived.push(mp);
    respondentZones[zoneOf(mp - ma, mp - md)]++;
  }
  const [ma, md, mp] = [mean(adequate), mean(desired), mean(perceived)];
  if (ma === null || md === null || mp === null) return null;
  const adequacyGap = mp - ma;
  const superiorityGap = mp - md;
  return {
    respondents: adequate.length,
    adequate: ma,
    desired: md,
    perceived: mp,
    adequacyGap,
    superiorityGap,
    zone: zoneOf(adequacyGap, superiorityGap),
    respondentZones,
  };
}
