import { describe, expect, it } from 'vitest';
import { dashboardLink, formatWeek, type ReportModel, renderTeamReport, type WeekFigures } from './report-render.ts';
import { isWeekStart, lastEndedWeek, previousWeek, reportWeek } from './report-week.ts';

describe('report weeks', () => {
  it.each([
    // zone, now, expected week start, from, to
    ['Asia/Bangkok', '2026-11-23T00:00:00+07:00', '2026-11-16', '2026-11-15T17:00:00.000Z', '2026-11-22T17:00:00.000Z'],
    ['Asia/Bangkok', '2026-11-22T23:59:59+07:00', '2026-11-09', '2026-11-08T17:00:00.000Z', '2026-11-15T17:00:00.000Z'],
    ['Asia/Bangkok', '2026-11-25T12:00:00+07:00', '2026-11-16', '2026-11-15T17:00:00.000Z', '2026-11-22T17:00:00.000Z'],
    ['UTC', '2026-11-23T00:00:00Z', '2026-11-16', '2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z'],
    // Prague leaves summer time on Sunday 25 October 2026: that week is 169 hours long.
    ['Europe/Prague', '2026-10-26T09:00:00+01:00', '2026-10-19', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
    // Kathmandu is UTC+5:45: its weeks end at 18:15 UTC on Sunday.
    ['Asia/Kathmandu', '2026-11-22T18:15:00Z', '2026-11-16', '2026-11-15T18:15:00.000Z', '2026-11-22T18:15:00.000Z'],
    ['Asia/Kathmandu', '2026-11-22T18:14:59Z', '2026-11-09', '2026-11-08T18:15:00.000Z', '2026-11-15T18:15:00.000Z'],
    // A Monday after weeks of downtime still gives only the last week.
    ['America/New_York', '2027-01-04T05:00:00Z', '2026-12-28', '2026-12-28T05:00:00.000Z', '2027-01-04T05:00:00.000Z'],
  ])('%s at %s → the week of %s', (zone, now, start, from, to) => {
    const week = lastEndedWeek(zone, new Date(now));
    expect(week.start).toBe(start);
    expect(week.from.toISOString()).toBe(from);
    expect(week.to.toISOString()).toBe(to);
    expect(week.to.getTime()).toBeLessThanOrEqual(new Date(now).getTime());
  });

  it('chains weeks back to back and names their last day', () => {
    const week = reportWeek('Europe/Prague', '2026-03-30');
    const before = previousWeek('Europe/Prague', week);
    expect(before.start).toBe('2026-03-23');
    expect(before.last).toBe('2026-03-29');
    expect(before.to.getTime()).toBe(week.from.getTime());
    // Spring forward on 29 March: 167 hours.
    expect((before.to.getTime() - before.from.getTime()) / 3_600_000).toBe(167);
  });

  it.each([
    ['2026-11-16', true],
    ['2026-11-17', false],
    ['2026-02-30', false],
    ['2026-1-5', false],
    ['2027-01-04', true],
  ])('isWeekStart(%s) = %s', (date, expected) => {
    expect(isWeekStart(date)).toBe(expected);
  });

  it('refuses a week that does not start on a Monday', () => {
    expect(() => reportWeek('UTC', '2026-11-17')).toThrow(RangeError);
  });
});

const empty: WeekFigures = {
  created: 0,
  solved: 0,
  backlog: 0,
  firstReplyBusiness: { seconds: null, n: 0 },
  firstReplyCalendar: { seconds: null, n: 0 },
  resolution: { seconds: null, n: 0 },
  slaAttainment: { rate: null, n: 0 },
  reopenRate: { rate: null, n: 0 },
  oneTouchRate: { rate: null, n: 0 },
  csat: { rate: null, n: 0 },
  nps: { score: null, n: 0 },
};
const busy: WeekFigures = {
  created: 12_345,
  solved: 7,
  backlog: 3,
  firstReplyBusiness: { seconds: 2_700, n: 5 },
  firstReplyCalendar: { seconds: 9_000, n: 6 },
  resolution: { seconds: 3.5 * 86_400, n: 7 },
  slaAttainment: { rate: 0.875, n: 8 },
  reopenRate: { rate: 1 / 7, n: 7 },
  oneTouchRate: { rate: 0.5, n: 7 },
  csat: { rate: 0.75, n: 4 },
  nps: { score: null, n: 0 },
};

function model(overrides: Partial<ReportModel> = {}): ReportModel {
  const week = reportWeek('Asia/Bangkok', '2026-11-16');
  return {
    locale: 'en',
    leadName: 'Dana',
    teamName: 'Support',
    workspaceName: 'Acme',
    timeZone: 'Asia/Bangkok',
    week,
    team: { last: busy, before: empty },
    workspace: { last: busy, before: busy },
    flaggedAgents: null,
    link: dashboardLink('https://help.example.com/', '0190a0a0-0000-7000-8000-000000000001', week, 'Asia/Bangkok'),
    ...overrides,
  };
}

describe('report rendering', () => {
  it('writes every figure with its n, and — where there is no data', () => {
    const r = renderTeamReport(model());
    // Intl puts thin spaces around the range dash.
    expect(r.subject.replace(/\u2009/g, ' ')).toBe('Weekly report for Support: Nov 16 – 22, 2026');
    expect(r.text).toContain('Tickets created\n  Support: 12,345; week before: 0\n  Whole workspace: 12,345; week before: 12,345');
    expect(r.text).toContain('First reply, median (business time)\n  Support: 45 min (n = 5); week before: — (n = 0)');
    expect(r.text).toContain('First reply, median (calendar time)\n  Support: 2.5 hr (n = 6)');
    expect(r.text).toContain('Resolution, median\n  Support: 3.5 days (n = 7)');
    expect(r.text).toContain('SLA targets met\n  Support: 87.5% (n = 8)');
    expect(r.text).toContain('Reopened\n  Support: 14.3% (n = 7)');
    expect(r.text).toContain('Satisfied customers (CSAT)\n  Support: 75% (n = 4)');
    // No NPS answers anywhere: no NPS row.
    expect(r.text).not.toContain('Net Promoter');
    expect(r.html).toContain('<td style="font-weight:600;padding:6px 10px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap">45 min<br>');
    expect(r.html).toContain('>—<br><span style="color:#666;font-size:12px">n = 0</span>');
  });

  it('shows NPS once any scope has answers, signed', () => {
    const r = renderTeamReport(model({ workspace: { last: { ...busy, nps: { score: 12.4, n: 31 } }, before: busy } }));
    expect(r.text).toContain('Net Promoter Score\n  Support: — (n = 0); week before: — (n = 0)\n  Whole workspace: +12 (n = 31); week before: — (n = 0)');
  });

  it('escapes names in the HTML part and links to the dashboard for the team and week', () => {
    const r = renderTeamReport(model({ teamName: '<script>alert("x")</script> & Co', leadName: 'O\'Brien', flaggedAgents: ['<b>Eve</b>'] }));
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(r.html).toContain('O&#39;Brien');
    expect(r.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(r.text).toContain('<script>alert("x")</script> & Co');
    expect(r.html).toContain(
      'href="https://help.example.com/dashboard?range=custom&amp;from=2026-11-16&amp;to=2026-11-22&amp;tz=Asia%2FBangkok&amp;team_id=0190a0a0-0000-7000-8000-000000000001"',
    );
    expect(r.text).toContain('Open the dashboard: https://help.example.com/dashboard?range=custom&from=2026-11-16&to=2026-11-22&tz=Asia%2FBangkok&team_id=0190a0a0-0000-7000-8000-000000000001');
  });

  it.each([
    ['th', 'รายงานประจำสัปดาห์ของ Support: 16–22 พ.ย. 2569', 'ทิกเก็ตที่สร้าง\n  Support: 12,345;', 'บรรลุเป้าหมาย SLA\n  Support: 87.5% (n = 8)', '2.5 ชม.'],
    ['cs', 'Týdenní přehled týmu Support: 16.11.2026 – 22.11.2026', 'Vytvořené požadavky\n  Support: 12\u00a0345;', 'Splněné cíle SLA\n  Support: 87,5\u00a0% (n = 8)', '2,5 h'],
    ['vi', 'Báo cáo tuần của Support: 16 – 22 thg 11, 2026', 'Phiếu được tạo\n  Support: 12.345;', 'Đạt mục tiêu SLA\n  Support: 87,5% (n = 8)', '2,5 giờ'],
    ['ms', 'Laporan mingguan Support: 16–22 Nov 2026', 'Tiket dibuka\n  Support: 12,345;', 'Sasaran SLA dicapai\n  Support: 87.5% (n = 8)', '2.5 j'],
    ['xx', 'Weekly report for Support: Nov 16 – 22, 2026', 'Tickets created\n  Support: 12,345;', 'SLA targets met\n  Support: 87.5% (n = 8)', '2.5 hr'],
  ])('renders in %s', (locale, subject, created, sla, hours) => {
    const r = renderTeamReport(model({ locale }));
    expect(r.subject.replace(/\u2009/g, ' ')).toBe(subject);
    expect(r.text).toContain(created);
    expect(r.text).toContain(sla);
    expect(r.text).toContain(hours);
    expect(r.html).toContain(`<html lang="${locale === 'xx' ? 'en' : locale}">`);
  });

  it('formats the week in the reader’s calendar', () => {
    const week = reportWeek('UTC', '2026-12-28');
    expect(formatWeek('en', week).replace(/\u2009/g, ' ')).toBe('Dec 28, 2026 – Jan 3, 2027');
    expect(formatWeek('th', week)).toContain('2569');
    expect(formatWeek('th', week)).toContain('2570');
  });
});
