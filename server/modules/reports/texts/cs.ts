import type { ReportTexts } from './types.ts';

export const cs: ReportTexts = {
  subject: 'Týdenní přehled týmu {team}: {week}',
  heading: '{team} — týden {week}',
  intro: 'Dobrý den, {name}, takto si tým {team} vedl minulý týden ({week}) ve srovnání s celým pracovním prostorem {workspace}, pro srovnání i s týdnem předtím.',
  columns: { metric: 'Ukazatel', team: '{team}', workspace: 'Celý pracovní prostor', lastWeek: 'minulý týden', weekBefore: 'týden předtím' },
  metrics: {
    created: 'Vytvořené požadavky',
    solved: 'Vyřešené požadavky',
    backlog: 'Otevřené požadavky na konci týdne',
    firstReplyBusiness: 'První odpověď, medián (pracovní doba)',
    firstReplyCalendar: 'První odpověď, medián (kalendářní čas)',
    resolution: 'Vyřešení, medián',
    slaAttainment: 'Splněné cíle SLA',
    reopenRate: 'Znovu otevřené',
    oneTouchRate: 'Vyřešené jednou odpovědí',
    csat: 'Spokojení zákazníci (CSAT)',
    nps: 'Net Promoter Score',
  },
  n: 'n = {n}',
  flaggedAgents: 'Pracovníci týmu pod dolní regulační mezí: {names}',
  link: 'Otevřít přehledy',
  weekNote: 'Týden trvá od pondělí 00:00 do dalšího pondělí 00:00 ({zone}). — znamená bez dat.',
  definitions: 'n je počet požadavků nebo odpovědí, ze kterých údaj vychází. Pracovní doba počítá jen pracovní hodiny.',
  optOut: 'Tento přehled dostáváte jako vedoucí týmu {team}. Vypnout si ho můžete ve svém profilu.',
};
