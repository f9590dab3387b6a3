import { describe, expect, it } from 'vitest';
import { IcsFormatError, parseIcsHolidays } from './ics-holidays.ts';

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const calendar = (...events: string[][]) => crlf(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events.flat(), 'END:VCALENDAR']);
const event = (...props: string[]) => ['BEGIN:VEVENT', `UID:${props.join('|').length}@test`, ...props, 'END:VEVENT'];

/** Folds every line at 75 octets as RFC 5545 producers do, even inside a multi-byte character. */
function foldOctets(text: string): Uint8Array {
  const out: number[] = [];
  for (const line of text.split('\r\n')) {
    const bytes = [...new TextEncoder().encode(line)];
    for (let i = 0; i < bytes.length; i += 75) {
      if (i > 0) out.push(0x0d, 0x0a, 0x20);
      out.push(...bytes.slice(i, i + 75));
    }
    out.push(0x0d, 0x0a);
  }
  return new Uint8Array(out.slice(0, -2));
}

/** The shape Google Calendar publishes "Holidays in Czechia" in (public holidays 2026). */
const czech = calendar(
  ...[
    ['20260101', '20260102', 'Nový rok; Den obnovy samostatného českého státu'],
    ['20260403', '20260404', 'Velký pátek'],
    ['20260406', '20260407', 'Velikonoční pondělí'],
    ['20260501', '20260502', 'Svátek práce'],
    ['20260508', '20260509', 'Den vítězství'],
    ['20260705', '20260706', 'Den slovanských věrozvěstů Cyrila a Metoděje'],
    ['20260706', '20260707', 'Den upálení mistra Jana Husa'],
    ['20260928', '20260929', 'Den české státnosti'],
    ['20261028', '20261029', 'Den vzniku samostatného československého státu'],
    ['20261117', '20261118', 'Den boje za svobodu a demokracii'],
    ['20261224', '20261227', 'Vánoce (Štědrý den\\, 1. a 2. svátek vánoční)'],
  ].map(([start, end, summary]) => [
    'BEGIN:VEVENT',
    `DTSTART;VALUE=DATE:${start}`,
    `DTEND;VALUE=DATE:${end}`,
    'DTSTAMP:20251101T000000Z',
    `UID:${start}_cs@google.com`,
    'CLASS:PUBLIC',
    'DESCRIPTION:Public holiday',
    'STATUS:CONFIRMED',
    `SUMMARY:${summary?.replace(';', '\\;')}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ]),
);

/** Thai public holidays 2026 the way an Outlook export looks: Songkran as one three-day event. */
const thai = calendar(
  ['BEGIN:VTIMEZONE', 'TZID:SE Asia Standard Time', 'BEGIN:STANDARD', 'DTSTART:16010101T000000', 'TZOFFSETFROM:+0700', 'TZOFFSETTO:+0700', 'END:STANDARD', 'END:VTIMEZONE'],
  event('DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20260102', 'SUMMARY;LANGUAGE=th:วันขึ้นปีใหม่'),
  event('DTSTART;VALUE=DATE:20260303', 'DTEND;VALUE=DATE:20260304', 'SUMMARY;LANGUAGE=th:วันมาฆบูชา'),
  event('DTSTART;VALUE=DATE:20260406', 'DTEND;VALUE=DATE:20260407', 'SUMMARY;LANGUAGE=th:วันพระบาทสมเด็จพระพุทธยอดฟ้าจุฬาโลกมหาราชและวันที่ระลึกมหาจักรีบรมราชวงศ์'),
  event('DTSTART;VALUE=DATE:20260413', 'DTEND;VALUE=DATE:20260416', 'SUMMARY;LANGUAGE=th:วันสงกรานต์'),
  event('DTSTART;TZID="SE Asia Standard Time":20260501T000000', 'DTEND;TZID="SE Asia Standard Time":20260502T000000', 'SUMMARY:วันแรงงานแห่งชาติ'),
  event('DTSTART;VALUE=DATE:20261205', 'SUMMARY:วันคล้ายวันพระบรมราชสมภพ รัชกาลที่ 9', 'BEGIN:VALARM', 'TRIGGER:-PT15M', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', 'END:VALARM'),
);

describe('parseIcsHolidays', () => {
  it('reads a Czech public-holiday calendar: one holiday per date, DTEND exclusive, escaped text', () => {
    const { holidays, skipped } = parseIcsHolidays(czech, { timeZone: 'Europe/Prague' });
    expect(skipped).toEqual([]);
    expect(holidays.map((h) => h.date)).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-08', '2026-07-05', '2026-07-06',
      '2026-09-28', '2026-10-28', '2026-11-17', '2026-12-24', '2026-12-25', '2026-12-26',
    ]);
    expect(holidays[0]).toEqual({ date: '2026-01-01', name: 'Nový rok; Den obnovy samostatného českého státu', recurringYearly: false, line: 4 });
    expect(holidays[12]?.name).toBe('Vánoce (Štědrý den, 1. a 2. svátek vánoční)');
  });

  it('reads a Thai calendar folded at 75 octets (inside Thai letters), with TZID times, a VTIMEZONE and a VALARM', () => {
    const folded = foldOctets(thai);
    // The fixture really is folded, and some folds split a three-byte Thai letter.
    expect(new TextDecoder().decode(folded)).toContain('\uFFFD');
    const { holidays, skipped } = parseIcsHolidays(folded, { timeZone: 'Asia/Bangkok' });
    expect(skipped).toEqual([]);
    expect(holidays.map((h) => [h.date, h.name])).toEqual([
      ['2026-01-01', 'วันขึ้นปีใหม่'],
      ['2026-03-03', 'วันมาฆบูชา'],
      ['2026-04-06', 'วันพระบาทสมเด็จพระพุทธยอดฟ้าจุฬาโลกมหาราชและวันที่ระลึกมหาจักรีบรมราชวงศ์'],
      ['2026-04-13', 'วันสงกรานต์'],
      ['2026-04-14', 'วันสงกรานต์'],
      ['2026-04-15', 'วันสงกรานต์'],
      ['2026-05-01', 'วันแรงงานแห่งชาติ'],
      // No DTEND or DURATION on a date: one day. The VALARM's DESCRIPTION is not the event's.
      ['2026-12-05', 'วันคล้ายวันพระบรมราชสมภพ รัชกาลที่ 9'],
    ]);
  });

  const one = (props: string[], timeZone = 'Asia/Bangkok') => parseIcsHolidays(calendar(event(...props)), { timeZone });
  const table: { name: string; props: string[]; timeZone?: string; dates: [string, boolean][]; reason?: RegExp }[] = [
    { name: 'a date without VALUE=DATE', props: ['DTSTART:20261225', 'SUMMARY:Christmas'], dates: [['2026-12-25', false]] },
    { name: 'a floating date-time → its date', props: ['DTSTART:20261225T090000', 'DTEND:20261225T170000'], dates: [['2026-12-25', false]] },
    { name: 'a UTC date-time → its date in the calendar zone', props: ['DTSTART:20261231T200000Z'], dates: [['2027-01-01', false]] },
    { name: 'the same UTC time in New York', props: ['DTSTART:20261231T200000Z'], timeZone: 'America/New_York', dates: [['2026-12-31', false]] },
    { name: 'a timed event over midnight covers both dates', props: ['DTSTART:20261224T180000', 'DTEND:20261225T060000'], dates: [['2026-12-24', false], ['2026-12-25', false]] },
    { name: 'a timed event ending at midnight stays on its date', props: ['DTSTART:20261224T000000', 'DTEND:20261225T000000'], dates: [['2026-12-24', false]] },
    { name: 'DURATION in days', props: ['DTSTART;VALUE=DATE:20260413', 'DURATION:P2D'], dates: [['2026-04-13', false], ['2026-04-14', false]] },
    { name: 'RRULE yearly → recurring month-day', props: ['DTSTART;VALUE=DATE:20200101', 'RRULE:FREQ=YEARLY', 'SUMMARY:New Year'], dates: [['01-01', true]] },
    { name: 'yearly with matching BYMONTH/BYMONTHDAY', props: ['DTSTART;VALUE=DATE:20201228', 'RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=28'], dates: [['12-28', true]] },
    { name: 'a yearly multi-day event', props: ['DTSTART;VALUE=DATE:20201224', 'DTEND;VALUE=DATE:20201227', 'RRULE:FREQ=YEARLY'], dates: [['12-24', true], ['12-25', true], ['12-26', true]] },
    { name: 'yearly with COUNT → that many dates', props: ['DTSTART;VALUE=DATE:20250501', 'RRULE:FREQ=YEARLY;COUNT=3'], dates: [['2025-05-01', false], ['2026-05-01', false], ['2027-05-01', false]] },
    { name: 'yearly with UNTIL', props: ['DTSTART;VALUE=DATE:20250501', 'RRULE:FREQ=YEARLY;UNTIL=20260501'], dates: [['2025-05-01', false], ['2026-05-01', false]] },
    { name: '29 February with COUNT skips other years', props: ['DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;COUNT=2'], dates: [['2024-02-29', false], ['2028-02-29', false]] },
    { name: 'a weekly event', props: ['DTSTART;VALUE=DATE:20260105', 'RRULE:FREQ=WEEKLY'], dates: [], reason: /FREQ=WEEKLY/ },
    { name: 'a moving yearly rule (4th Thursday)', props: ['DTSTART;VALUE=DATE:20261126', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH'], dates: [], reason: /BYDAY/ },
    { name: 'every other year', props: ['DTSTART;VALUE=DATE:20261126', 'RRULE:FREQ=YEARLY;INTERVAL=2'], dates: [], reason: /INTERVAL/ },
    { name: 'a yearly rule on another date', props: ['DTSTART;VALUE=DATE:20261126', 'RRULE:FREQ=YEARLY;BYMONTHDAY=1'], dates: [], reason: /another date/ },
    { name: 'a cancelled event', props: ['DTSTART;VALUE=DATE:20261225', 'STATUS:CANCELLED'], dates: [], reason: /cancelled/ },
    { name: 'an event without DTSTART', props: ['SUMMARY:Someday'], dates: [], reason: /no DTSTART/ },
    { name: 'an impossible date', props: ['DTSTART;VALUE=DATE:20260230'], dates: [], reason: /not a date/ },
    { name: 'a time given as VALUE=DATE', props: ['DTSTART;VALUE=DATE:20260101T000000'], dates: [], reason: /not a date/ },
    { name: 'a month-long event', props: ['DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20260301'], dates: [], reason: /spans 59 days/ },
    { name: 'exception dates', props: ['DTSTART;VALUE=DATE:20200101', 'RRULE:FREQ=YEARLY', 'EXDATE;VALUE=DATE:20210101'], dates: [], reason: /EXDATE/ },
    { name: 'one changed occurrence', props: ['DTSTART;VALUE=DATE:20260102', 'RECURRENCE-ID;VALUE=DATE:20260101'], dates: [], reason: /RECURRENCE-ID/ },
  ];
  for (const row of table) {
    it(`${row.name}`, () => {
      const { holidays, skipped } = one(row.props, row.timeZone);
      expect(holidays.map((h) => [h.date, h.recurringYearly])).toEqual(row.dates);
      if (row.reason) {
        expect(skipped).toHaveLength(1);
        expect(skipped[0]?.reason).toMatch(row.reason);
        expect(skipped[0]?.line).toBe(4);
      } else expect(skipped).toEqual([]);
    });
  }

  it('unfolds lines (CRLF or LF, space or tab), takes quoted parameters and names the skipped event', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:2026',
      '\t1225',
      'SUMMARY;ALTREP="cid:x;y:z":Christ',
      ' mas Day',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:Weekly',
      '  stand-up',
      'DTSTART:20260105T090000',
      'RRULE:FREQ=WEEKLY',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260101',
      'SUMMARY:Unfinished',
      'END:VCALENDAR',
    ].join('\n');
    const { holidays, skipped } = parseIcsHolidays(text, { timeZone: 'UTC' });
    expect(holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day', recurringYearly: false, line: 2 }]);
    expect(skipped).toEqual([
      { line: 8, summary: 'Weekly stand-up', reason: expect.stringMatching(/FREQ=WEEKLY/) },
      { line: 14, summary: 'Unfinished', reason: expect.stringMatching(/END:VEVENT/) },
    ]);
  });

  it('refuses what is not an iCalendar file', () => {
    expect(() => parseIcsHolidays('Date,Name\n2026-01-01,New Year\n', { timeZone: 'UTC' })).toThrow(IcsFormatError);
    expect(() => parseIcsHolidays('', { timeZone: 'UTC' })).toThrow(IcsFormatError);
    expect(parseIcsHolidays('\uFEFFBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', { timeZone: 'UTC' })).toEqual({ holidays: [], skipped: [] });
  });
});
