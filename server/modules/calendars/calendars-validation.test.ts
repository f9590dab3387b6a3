import { expect, it } from 'vitest';
import { createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';

const base = { name: 'Support hours', time_zone: 'Asia/Ho_Chi_Minh', weekly_hours: { mon: [{ start: '09:00', end: '17:00' }] } };
const hours = (mon: { start: string; end: string }[], extra: Record<string, unknown> = {}) => ({ weekly_hours: { mon, ...extra } });

/** Each bad calendar, and the request field the 400 must name. */
const cases: { name: string; body: Record<string, unknown>; path: string; message?: RegExp }[] = [
  { name: 'an unknown time zone', body: { time_zone: 'Mars/Olympus' }, path: 'body.time_zone', message: /IANA/ },
  { name: 'an offset instead of a zone', body: { time_zone: '+07:00' }, path: 'body.time_zone' },
  { name: 'a time without leading zero', body: hours([{ start: '9:00', end: '17:00' }]), path: 'body.weekly_hours.mon.0.start', message: /HH:MM/ },
  { name: 'an hour past 24', body: hours([{ start: '09:00', end: '25:00' }]), path: 'body.weekly_hours.mon.0.end' },
  { name: 'minutes past 59', body: hours([{ start: '09:60', end: '17:00' }]), path: 'body.weekly_hours.mon.0.start' },
  { name: '24:00 as a start', body: hours([{ start: '24:00', end: '02:00' }]), path: 'body.weekly_hours.mon.0.start' },
  { name: 'end equal to start', body: hours([{ start: '09:00', end: '09:00' }]), path: 'body.weekly_hours.mon.0.end', message: /differ/ },
  {
    name: 'overlapping intervals',
    body: hours([{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }]),
    path: 'body.weekly_hours.mon.1',
    message: /^overlaps body\.weekly_hours\.mon\.0$/,
  },
  {
    name: 'overnight hours overlapping the next morning',
    body: hours([{ start: '05:00', end: '09:00' }], { sun: [{ start: '22:00', end: '06:00' }] }),
    path: 'body.weekly_hours.mon.0',
    message: /overlaps body\.weekly_hours\.sun\.0 \(its part after midnight\)/,
  },
  { name: 'a shift ending before it starts', body: { shifts: [{ date: '2026-12-24', intervals: [{ start: '17:00', end: '09:00' }] }] }, path: 'body.shifts.0.intervals.0.end', message: /after start/ },
  { name: 'overlapping shift intervals', body: { shifts: [{ date: '2026-12-24', intervals: [{ start: '09:00', end: '12:00' }, { start: '10:00', end: '11:00' }] }] }, path: 'body.shifts.0.intervals.1' },
  { name: 'an impossible shift date', body: { shifts: [{ date: '2026-02-30', intervals: [] }] }, path: 'body.shifts.0.date', message: /YYYY-MM-DD/ },
  { name: 'two shifts on one date', body: { shifts: [{ date: '2026-12-24', intervals: [] }, { date: '2026-12-24', intervals: [] }] }, path: 'body.shifts.1.date' },
  { name: 'a break ending before it starts', body: { breaks: [{ date: '2026-12-22', start: '13:00', end: '12:00' }] }, path: 'body.breaks.0.end' },
  { name: 'a holiday that is not a date', body: { holidays: [{ date: '24.12.2026' }] }, path: 'body.holidays.0.date' },
  { name: 'a yearly holiday on no real day', body: { holidays: [{ date: '13-01', recurring_yearly: true }] }, path: 'body.holidays.0.date', message: /MM-DD/ },
  { name: 'a yearly holiday named by an impossible date', body: { holidays: [{ date: '2026-02-30', recurring_yearly: true }] }, path: 'body.holidays.0.date' },
  { name: 'no open hours at all', body: { weekly_hours: { sat: [] } }, path: 'body.weekly_hours', message: /never come due/ },
];

describeEngines('calendars API: validation', (get) => {
  for (const c of cases) {
    it(`refuses ${c.name} with 400 naming ${c.path}, on create and on change`, async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const created = await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: { ...base, ...c.body } });
      expect(created.statusCode, created.body).toBe(400);
      expect(created.headers['content-type']).toContain('application/problem+json');
      expect(created.json().code).toBe('validation_failed');
      expect(created.json().issues).toEqual([{ path: c.path, message: c.message ? expect.stringMatching(c.message) : expect.any(String) }]);

      const calendar = (await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: base })).json();
      const changed = await call(app, 'PATCH', `/api/v1/calendars/${calendar.id}`, { as: ws.as, body: c.body });
      expect(changed.statusCode).toBe(400);
      expect(changed.json().issues.map((i: { path: string }) => i.path)).toEqual([c.path]);
      expect((await call(app, 'GET', `/api/v1/calendars/${calendar.id}`, { as: ws.as })).json()).toEqual(calendar);
    });
  }

  it('reports every problem of a request at once', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const res = await call(app, 'POST', '/api/v1/calendars', {
      as: ws.as,
      body: { ...base, time_zone: 'Nowhere/Special', weekly_hours: { tue: [{ start: '8', end: '17:00' }] }, breaks: [{ date: '2026-01-01', start: '10:00', end: '10:00' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.breaks.0.end', 'body.time_zone', 'body.weekly_hours.tue.0.start']);
  });

  it('refuses malformed shapes before the calendar rules: unknown fields, weekdays and types', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const bodies = [
      { ...base, colour: 'red' },
      { ...base, weekly_hours: { monday: [{ start: '09:00', end: '17:00' }] } },
      { ...base, weekly_hours: { mon: [{ start: 9, end: 17 }] } },
      { ...base, weekly_hours: { mon: [{ start: '09:00', end: '17:00', note: 'x' }] } },
      { ...base, holidays: [{ date: '2026-12-25', recurring: true }] },
      { name: 'No zone', weekly_hours: base.weekly_hours },
      { ...base, name: '   ' },
    ];
    for (const body of bodies) {
      const res = await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      expect(res.json().issues[0].path).toMatch(/^body/);
    }
    expect((await call(app, 'GET', '/api/v1/calendars', { as: ws.as })).json().data).toEqual([]);
    const badId = await call(app, 'GET', '/api/v1/calendars/not-a-uuid', { as: ws.as });
    expect(badId.json().code).toBe('invalid_id');
  });
});
