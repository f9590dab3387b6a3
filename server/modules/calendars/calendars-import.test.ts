import { expect, it } from 'vitest';
import { createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';

const weekdays = [{ start: '08:30', end: '17:30' }];
const bangkok = { name: 'Bangkok support', time_zone: 'Asia/Bangkok', weekly_hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays } };

/** Thai public holidays as a holiday-calendar service exports them (folded SUMMARY, CRLF). */
const thaiIcs = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Holidays//TH//EN',
  'X-WR-CALNAME:Thai public holidays',
  'BEGIN:VEVENT',
  'UID:newyear@holidays.example',
  'DTSTART;VALUE=DATE:20200101',
  'RRULE:FREQ=YEARLY',
  'SUMMARY:New Year’s Day (วันขึ้นปีใหม่)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:songkran-2026@holidays.example',
  'DTSTART;VALUE=DATE:20260413',
  'DTEND;VALUE=DATE:20260416',
  'SUMMARY:Songkran Festival (วันสงกรา',
  ' นต์)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:chulalongkorn-2026@holidays.example',
  'DTSTART:20261022T170000Z',
  'DTEND:20261023T170000Z',
  'SUMMARY:Chulalongkorn Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:buddhist-day@holidays.example',
  'DTSTART;VALUE=DATE:20260108',
  'RRULE:FREQ=WEEKLY;BYDAY=TH',
  'SUMMARY:Wan Phra',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const ics = (body: string) => ({ body, headers: { 'content-type': 'text/calendar; charset=utf-8' } });

describeEngines('calendars API: holiday import from iCalendar', (get) => {
  it('adds one holiday per date, reports what it skipped, and adds nothing the second time', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const calendar = (
      await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: { ...bangkok, holidays: [{ date: '2026-04-14', name: 'Songkran (already known)' }] } })
    ).json();

    const res = await call(app, 'POST', `/api/v1/calendars/${calendar.id}/holidays/import`, { as: ws.as, ...ics(thaiIcs) });
    expect(res.statusCode, res.body).toBe(200);
    const { calendar: updated, summary } = res.json();
    expect(updated.holidays).toEqual([
      { date: '01-01', name: 'New Year’s Day (วันขึ้นปีใหม่)', recurring_yearly: true },
      { date: '2026-04-13', name: 'Songkran Festival (วันสงกรานต์)', recurring_yearly: false },
      { date: '2026-04-14', name: 'Songkran (already known)', recurring_yearly: false },
      { date: '2026-04-15', name: 'Songkran Festival (วันสงกรานต์)', recurring_yearly: false },
      // 17:00 UTC is midnight in Bangkok: the 23rd there.
      { date: '2026-10-23', name: 'Chulalongkorn Day', recurring_yearly: false },
    ]);
    expect(updated.weekly_hours).toEqual(calendar.weekly_hours);
    expect(summary.added).toBe(4);
    expect(summary.skipped).toEqual([
      { line: 11, summary: 'Songkran Festival (วันสงกรานต์)', reason: '2026-04-14 is already a holiday' },
      { line: 24, summary: 'Wan Phra', reason: expect.stringMatching(/FREQ=WEEKLY/) },
    ]);
    expect((await call(app, 'GET', `/api/v1/calendars/${calendar.id}`, { as: ws.as })).json()).toEqual(updated);

    const again = (await call(app, 'POST', `/api/v1/calendars/${calendar.id}/holidays/import`, { as: ws.as, ...ics(thaiIcs) })).json();
    expect(again.summary.added).toBe(0);
    expect(again.summary.skipped).toHaveLength(6);
    expect(again.calendar.holidays).toEqual(updated.holidays);

    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=calendar&entity_id=${calendar.id}`, { as: ws.as })).json();
    expect(audit.data.map((a: { action: string; changes: unknown }) => [a.action, a.changes])).toEqual(
      expect.arrayContaining([
        ['calendar.holidays_imported', { added: 4, skipped: 2 }],
        ['calendar.holidays_imported', { added: 0, skipped: 6 }],
      ]),
    );
  });

  it('skips a one-off date that a yearly holiday already covers', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const calendar = (await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: { ...bangkok, holidays: [{ date: '12-31', recurring_yearly: true }] } })).json();
    const file = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261231\r\nSUMMARY:New Year’s Eve\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const { summary, calendar: updated } = (await call(app, 'POST', `/api/v1/calendars/${calendar.id}/holidays/import`, { as: ws.as, ...ics(file) })).json();
    expect(summary).toEqual({ added: 0, skipped: [{ line: 2, summary: 'New Year’s Eve', reason: '2026-12-31 falls on the yearly holiday 12-31' }] });
    expect(updated.holidays).toEqual([{ date: '12-31', name: null, recurring_yearly: true }]);
  });

  it('refuses other media types, files that are not iCalendar, and 24/7 calendars', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const calendar = (await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: bangkok })).json();
    const url = `/api/v1/calendars/${calendar.id}/holidays/import`;

    const json = await call(app, 'POST', url, { as: ws.as, body: { holidays: [] } });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('unsupported_media_type');
    const csv = await call(app, 'POST', url, { as: ws.as, ...ics('date,name\n2026-01-01,New Year\n') });
    expect(csv.statusCode).toBe(400);
    expect(csv.json()).toMatchObject({ code: 'validation_failed', issues: [{ path: 'body', message: expect.stringMatching(/VCALENDAR/) }] });

    const always = (await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: { name: '24/7', time_zone: 'UTC', always_open: true } })).json();
    const refused = await call(app, 'POST', `/api/v1/calendars/${always.id}/holidays/import`, { as: ws.as, ...ics(thaiIcs) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/24\/7/);

    const unknown = await call(app, 'POST', '/api/v1/calendars/01900000-0000-7000-8000-000000000000/holidays/import', { as: ws.as, ...ics(thaiIcs) });
    expect(unknown.statusCode).toBe(404);
    expect((await call(app, 'GET', `/api/v1/calendars/${calendar.id}`, { as: ws.as })).json().holidays).toEqual([]);
  });
});
