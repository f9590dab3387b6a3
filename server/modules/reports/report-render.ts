import type { ReportWeek } from './report-week.ts';
import { fill, REPORT_TEXTS, reportLocale } from './texts/index.ts';
import type { ReportTexts } from './texts/types.ts';

/**
 * The weekly team report as an email (pure): subject, an HTML part (one table, inline styles,
 * every value escaped) and a text part, in the lead's language, numbers and dates formatted by
 * Intl for that language. "—" stands for "no data" (n = 0).
 */

/** A median time in seconds over n tickets (null when n = 0). */
export interface MedianFigure {
  seconds: number | null;
  n: number;
}

/** A share in [0, 1] of n tickets or answers (null when n = 0). */
export interface RateFigure {
  rate: number | null;
  n: number;
}

/** A Net Promoter Score in [−100, 100] over n answers. */
export interface ScoreFigure {
  score: number | null;
  n: number;
}

export interface WeekFigures {
  created: number;
  solved: number;
  backlog: number;
  firstReplyBusiness: MedianFigure;
  firstReplyCalendar: MedianFigure;
  resolution: MedianFigure;
  slaAttainment: RateFigure;
  reopenRate: RateFigure;
  oneTouchRate: RateFigure;
  csat: RateFigure;
  nps: ScoreFigure;
}

export interface ScopeFigures {
  last: WeekFigures;
  before: WeekFigures;
}

export interface ReportModel {
  locale: string;
  leadName: string;
  teamName: string;
  workspaceName: string;
  /** The zone the weeks are counted in (the workspace's). */
  timeZone: string;
  week: ReportWeek;
  team: ScopeFigures;
  workspace: ScopeFigures;
  /** Names of the team's agents flagged by the consistency chart; null when not known. */
  flaggedAgents: string[] | null;
  link: string;
}

export interface RenderedReport {
  locale: string;
  subject: string;
  html: string;
  text: string;
}

const NO_DATA = '—';

type MetricKey = keyof ReportTexts['metrics'];
type Cell = { value: string; n: number | null };

function formatters(locale: string) {
  const count = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const score = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const unit = (u: 'minute' | 'hour' | 'day', digits: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits });
  const minutes = unit('minute', 0);
  const hours = unit('hour', 1);
  const days = unit('day', 1);
  return {
    count: (v: number) => count.format(v),
    percent: (v: number | null) => (v === null ? NO_DATA : percent.format(v)),
    score: (v: number | null) => (v === null ? NO_DATA : score.format(v)),
    /** Under an hour in minutes, under two days in hours, else days. */
    duration: (seconds: number | null) => {
      if (seconds === null) return NO_DATA;
      if (seconds < 3600) return minutes.format(Math.round(seconds / 60));
      if (seconds < 48 * 3600) return hours.format(seconds / 3600);
      return days.format(seconds / 86_400);
    },
  };
}

/** "16–22 Nov 2026" in the reader's language (local dates of the week; noon UTC keeps them whole). */
export function formatWeek(locale: string, week: ReportWeek): string {
  const at = (date: string) => new Date(`${date}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(at(week.start), at(week.last));
}

function rows(model: ReportModel, locale: string): { key: MetricKey; cells: Cell[] }[] {
  const f = formatters(locale);
  const scopes = [model.team.last, model.team.before, model.workspace.last, model.workspace.before];
  const counted = (pick: (w: WeekFigures) => number): Cell[] => scopes.map((w) => ({ value: f.count(pick(w)), n: null }));
  const median = (pick: (w: WeekFigures) => MedianFigure): Cell[] => scopes.map((w) => ({ value: f.duration(pick(w).seconds), n: pick(w).n }));
  const rate = (pick: (w: WeekFigures) => RateFigure): Cell[] => scopes.map((w) => ({ value: f.percent(pick(w).rate), n: pick(w).n }));
  const out: { key: MetricKey; cells: Cell[] }[] = [
    { key: 'created', cells: counted((w) => w.created) },
    { key: 'solved', cells: counted((w) => w.solved) },
    { key: 'backlog', cells: counted((w) => w.backlog) },
    { key: 'firstReplyBusiness', cells: median((w) => w.firstReplyBusiness) },
    { key: 'firstReplyCalendar', cells: median((w) => w.firstReplyCalendar) },
    { key: 'resolution', cells: median((w) => w.resolution) },
    { key: 'slaAttainment', cells: rate((w) => w.slaAttainment) },
    { key: 'reopenRate', cells: rate((w) => w.reopenRate) },
    { key: 'oneTouchRate', cells: rate((w) => w.oneTouchRate) },
    { key: 'csat', cells: rate((w) => w.csat) },
  ];
  // NPS only where the workspace asks it: a row of dashes in every report would say nothing.
  if (scopes.some((w) => w.nps.n > 0)) out.push({ key: 'nps', cells: scopes.map((w) => ({ value: f.score(w.nps.score), n: w.nps.n })) });
  return out;
}

export function renderTeamReport(model: ReportModel): RenderedReport {
  const locale = reportLocale(model.locale);
  const t = REPORT_TEXTS[locale];
  const count = new Intl.NumberFormat(locale);
  const week = formatWeek(locale, model.week);
  const values = { team: model.teamName, workspace: model.workspaceName, week, name: model.leadName, zone: model.timeZone };
  const subject = fill(t.subject, values);
  const heading = fill(t.heading, values);
  const intro = fill(t.intro, values);
  const teamColumn = fill(t.columns.team, values);
  const table = rows(model, locale);
  const nText = (n: number | null) => (n === null ? '' : fill(t.n, { n: count.format(n) }));
  const flagged = model.flaggedAgents && model.flaggedAgents.length > 0 ? fill(t.flaggedAgents, { names: model.flaggedAgents.join(', ') }) : null;
  const notes = [fill(t.weekNote, values), t.definitions, fill(t.optOut, values)];

  const text: string[] = [heading, '', intro, ''];
  for (const row of table) {
    const [teamLast, teamBefore, wsLast, wsBefore] = row.cells as [Cell, Cell, Cell, Cell];
    const show = (c: Cell) => (c.n === null ? c.value : `${c.value} (${nText(c.n)})`);
    text.push(`${t.metrics[row.key]}`);
    text.push(`  ${teamColumn}: ${show(teamLast)}; ${t.columns.weekBefore}: ${show(teamBefore)}`);
    text.push(`  ${t.columns.workspace}: ${show(wsLast)}; ${t.columns.weekBefore}: ${show(wsBefore)}`);
  }
  if (flagged) text.push('', flagged);
  text.push('', `${t.link}: ${model.link}`, '', ...notes);

  const cellStyle = 'padding:6px 10px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap';
  const headStyle = 'padding:6px 10px;border-bottom:2px solid #999;text-align:right;font-weight:600';
  const html: string[] = [
    `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(heading)}</h1>`,
    `<p style="margin:0 0 16px">${escapeHtml(intro)}</p>`,
    '<table role="table" style="border-collapse:collapse;font-size:14px">',
    '<thead><tr>',
    `<th scope="col" rowspan="2" style="${headStyle};text-align:left">${escapeHtml(t.columns.metric)}</th>`,
    `<th scope="colgroup" colspan="2" style="${headStyle};text-align:center">${escapeHtml(teamColumn)}</th>`,
    `<th scope="colgroup" colspan="2" style="${headStyle};text-align:center">${escapeHtml(t.columns.workspace)}</th>`,
    '</tr><tr>',
    ...[t.columns.lastWeek, t.columns.weekBefore, t.columns.lastWeek, t.columns.weekBefore].map((h) => `<th scope="col" style="${headStyle}">${escapeHtml(h)}</th>`),
    '</tr></thead><tbody>',
  ];
  for (const row of table) {
    html.push(`<tr><th scope="row" style="${cellStyle};text-align:left;font-weight:normal">${escapeHtml(t.metrics[row.key])}</th>`);
    row.cells.forEach((c, i) => {
      const strong = i === 0 ? 'font-weight:600;' : '';
      const n = c.n === null ? '' : `<br><span style="color:#666;font-size:12px">${escapeHtml(nText(c.n))}</span>`;
      html.push(`<td style="${strong}${cellStyle}">${escapeHtml(c.value)}${n}</td>`);
    });
    html.push('</tr>');
  }
  html.push('</tbody></table>');
  if (flagged) html.push(`<p style="margin:16px 0 0">${escapeHtml(flagged)}</p>`);
  html.push(
    `<p style="margin:16px 0"><a href="${escapeHtml(model.link)}" style="display:inline-block;padding:8px 14px;background:#1d4ed8;color:#fff;border-radius:4px;text-decoration:none">${escapeHtml(t.link)}</a></p>`,
    ...notes.map((note) => `<p style="color:#666;font-size:12px;margin:4px 0">${escapeHtml(note)}</p>`),
  );
  return {
    locale,
    subject,
    text: text.join('\n'),
    html: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif;color:#111">${html.join('\n')}</body></html>`,
  };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The dashboard for the team and the week (the dashboard reads local dates, last day inclusive). */
export function dashboardLink(baseUrl: string, teamId: string, week: ReportWeek, timeZone: string): string {
  const params = new URLSearchParams({ range: 'custom', from: week.start, to: week.last, tz: timeZone, team_id: teamId });
  return `${baseUrl.replace(/\/+$/, '')}/dashboard?${params.toString()}`;
}
