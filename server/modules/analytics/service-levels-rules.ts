/**
 * Three levels of service (issue 7, item 3), pure: how one solved ticket is judged below, met or
 * exceeded expectations — or unknown when there is nothing to judge it by.
 *
 * - below: an SLA metric was breached, or the CSAT answer is ≤ `belowCsatMax`.
 * - exceeded: not below, and
 *     SLA: every ended clock achieved with at least `exceedSlackRatio` of its target left — or no
 *          ended clock at all and `requireSlaToExceed` is false (there was no target to miss);
 *     CSAT: an answer ≥ `exceedCsatMin` — or no answer and `requireCsatToExceed` is false.
 *   A ticket with no evidence at all is unknown, never exceeded.
 * - met: judged (an ended clock or an answer), neither below nor exceeded.
 * - unknown: no ended SLA clock and no CSAT answer.
 */

export interface ServiceLevelDefinitions {
  readonly belowCsatMax: number;
  readonly exceedCsatMin: number;
  readonly exceedSlackRatio: number;
  readonly requireCsatToExceed: boolean;
  readonly requireSlaToExceed: boolean;
}

export const DEFAULT_SERVICE_LEVEL_DEFINITIONS: ServiceLevelDefinitions = {
  belowCsatMax: 2,
  exceedCsatMin: 5,
  exceedSlackRatio: 0.25,
  requireCsatToExceed: true,
  requireSlaToExceed: false,
};

export type ServiceLevel = 'below' | 'met' | 'exceeded' | 'unknown';

export interface TicketOutcome {
  /** At least one SLA clock ended (achieved or breached). */
  readonly hasSla: boolean;
  /** A metric was breached. */
  readonly breached: boolean;
  /** The smallest (target − elapsed)/target over the achieved clocks is ≥ exceedSlackRatio (see `slackMeets`). */
  readonly slackMet: boolean;
  /** The latest CSAT answer (1–5) or null. */
  readonly csat: number | null;
}

/** Whether a ticket's slack ratio is enough to exceed (null: no achieved clock). */
export function slackMeets(slackRatio: number | null, d: ServiceLevelDefinitions): boolean {
  return slackRatio !== null && slackRatio >= d.exceedSlackRatio;
}

export function serviceLevel(t: TicketOutcome, d: ServiceLevelDefinitions): ServiceLevel {
  if (!t.hasSla && t.csat === null) return 'unknown';
  if (t.breached || (t.csat !== null && t.csat <= d.belowCsatMax)) return 'below';
  const slaExceeds = t.hasSla ? t.slackMet : !d.requireSlaToExceed;
  const csatExceeds = t.csat !== null ? t.csat >= d.exceedCsatMin : !d.requireCsatToExceed;
  return slaExceeds && csatExceeds ? 'exceeded' : 'met';
}

const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

/** The rules in words, echoed next to the chart. */
export function describeDefinitions(d: ServiceLevelDefinitions): { below: string; met: string; exceeded: string; unknown: string } {
  const sla = `every SLA clock achieved with at least ${percent(d.exceedSlackRatio)} of its target left${
    d.requireSlaToExceed ? '' : ' (or no SLA clock)'
  }`;
  const csat = `CSAT ≥ ${d.exceedCsatMin}${d.requireCsatToExceed ? '' : ' (or no answer)'}`;
  return {
    below: `An SLA target breached, or CSAT ≤ ${d.belowCsatMax}`,
    met: 'Judged (an ended SLA clock or a CSAT answer), neither below nor exceeded',
    exceeded: `Not below, ${sla}, and ${csat}`,
    unknown: 'No ended SLA clock and no CSAT answer: not judged, left out of the shares',
  };
}
