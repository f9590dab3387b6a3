/** The words of the weekly team report in one language; `{name}` placeholders are filled by `fill`. */
export interface ReportTexts {
  /** {team}, {week} */
  subject: string;
  /** {team}, {week} */
  heading: string;
  /** {name} (the lead), {team}, {workspace}, {week} */
  intro: string;
  columns: {
    metric: string;
    /** {team} */
    team: string;
    workspace: string;
    lastWeek: string;
    weekBefore: string;
  };
  metrics: {
    created: string;
    solved: string;
    backlog: string;
    firstReplyBusiness: string;
    firstReplyCalendar: string;
    resolution: string;
    slaAttainment: string;
    reopenRate: string;
    oneTouchRate: string;
    csat: string;
    nps: string;
  };
  /** {n}: how many tickets or answers a figure is based on. */
  n: string;
  /** {names} */
  flaggedAgents: string;
  link: string;
  /** {zone} */
  weekNote: string;
  definitions: string;
  /** {team} */
  optOut: string;
}
