import type { ReportTexts } from './types.ts';

export const en: ReportTexts = {
  subject: 'Weekly report for {team}: {week}',
  heading: '{team} — week of {week}',
  intro: 'Hello {name}, here is how {team} did last week ({week}) next to the whole of {workspace}, with the week before for comparison.',
  columns: { metric: 'Measure', team: '{team}', workspace: 'Whole workspace', lastWeek: 'last week', weekBefore: 'week before' },
  metrics: {
    created: 'Tickets created',
    solved: 'Tickets solved',
    backlog: 'Open tickets at week end',
    firstReplyBusiness: 'First reply, median (business time)',
    firstReplyCalendar: 'First reply, median (calendar time)',
    resolution: 'Resolution, median',
    slaAttainment: 'SLA targets met',
    reopenRate: 'Reopened',
    oneTouchRate: 'Solved with one reply',
    csat: 'Satisfied customers (CSAT)',
    nps: 'Net Promoter Score',
  },
  n: 'n = {n}',
  flaggedAgents: 'Agents of the team below the lower control limit: {names}',
  link: 'Open the dashboard',
  weekNote: 'Weeks run from Monday 00:00 to Monday 00:00 ({zone}). — means no data.',
  definitions: 'n is the number of tickets or answers a figure is based on. Business time counts only working hours.',
  optOut: 'You receive this report as the lead of {team}. You can turn it off in your profile.',
};
