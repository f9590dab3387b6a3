import { expect, it } from 'vitest';
import { addUser, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';

const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const nineToFive = [{ start: '09:00', end: '17:00' }];
const prague = {
  name: 'Prague office',
  time_zone: 'Europe/Prague',
  weekly_hours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: [{ start: '09:00', end: '15:00' }] },
};

describeEngines('calendars API', (get) => {
  it('creates, reads, lists, changes and deletes a calendar, with audit rows', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const created = await call(app, 'POST', '/api/v1/calendars', {
      as: ws.as,
      body: {
        ...prague,
        shifts: [{ date: '2026-12-23', intervals: [{ start: '09:00', end: '12:00' }] }],
        breaks: [{ date: '2026-12-22', start: '12:00', end: '13:00' }],
        holidays: [{ date: '2026-12-24', name: 'Štědrý den' }, { date: '2020-01-01', name: 'Nový rok', recurring_yearly: true }, { date: '12-26', recurring_yearly: true }],
      },
    });
    expect(created.statusCode).toBe(201);
    const calendar = created.json();
    expect(calendar).toMatchObject({
      name: 'Prague office',
      time_zone: 'Europe/Prague',
      always_open: false,
      is_default: false,
      weekly_hours: { ...closed, ...prague.weekly_hours },
      shifts: [{ date: '2026-12-23', intervals: [{ start: '09:00', end: '12:00' }] }],
      breaks: [{ date: '2026-12-22', start: '12:00', end: '13:00' }],
      // Yearly holidays are stored by month and day, whatever date named them.
      holidays: [
        { date: '01-01', name: 'Nový rok', recurring_yearly: true },
        { date: '12-26', name: null, recurring_yearly: true },
        { date: '2026-12-24', name: 'Štědrý den', recurring_yearly: false },
      ],
    });

    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'GET', `/api/v1/calendars/${calendar.id}`, { as: agent.as })).json()).toEqual(calendar);
    expect((await call(app, 'GET', '/api/v1/calendars', { as: agent.as })).json().data).toEqual([calendar]);

    // Given fields replace the stored ones; the others stay.
    const changed = await call(app, 'PATCH', `/api/v1/calendars/${calendar.id}`, {
      as: ws.as,
      body: { name: 'Praha', holidays: [{ date: '2026-12-31', name: 'Silvestr' }], time_zone: 'Europe/Vienna' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'Praha',
      time_zone: 'Europe/Vienna',
      weekly_hours: calendar.weekly_hours,
      shifts: calendar.shifts,
      holidays: [{ date: '2026-12-31', name: 'Silvestr', recurring_yearly: false }],
    });

    expect((await call(app, 'DELETE', `/api/v1/calendars/${calendar.id}`, { as: ws.as })).statusCode).toBe(204);
    expect((await call(app, 'GET', `/api/v1/calendars/${calendar.id}`, { as: ws.as })).statusCode).toBe(404);
    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=calendar&entity_id=${calendar.id}`, { as: ws.as })).json();
    expect(audit.data.map((a: { action: string }) => a.action)).toEqual(['calendar.deleted', 'calendar.updated', 'calendar.created']);
    expect(audit.data[2]).toMatchObject({ actor_type: 'user', actor_id: ws.owner.id });
  });

  it('answers with the normalised definition: overnight hours split at midnight, 24:00 kept, ranges sorted and joined', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const res = await call(app, 'POST', '/api/v1/calendars', {
      as: ws.as,
      body: {
        name: 'Night desk',
        time_zone: 'Asia/Bangkok',
        weekly_hours: {
          mon: [{ start: '00:00', end: '24:00' }],
          fri: [{ start: '22:00', end: '06:00' }],
          sun: [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '13:00' }],
          wed: [{ start: '08:30:15', end: '12:00' }],
        },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().weekly_hours).toEqual({
      mon: [{ start: '00:00', end: '24:00' }],
      tue: [],
      wed: [{ start: '08:30:15', end: '12:00' }],
      thu: [],
      fri: [{ start: '22:00', end: '24:00' }],
      sat: [{ start: '00:00', end: '06:00' }],
      sun: [{ start: '09:00', end: '17:00' }],
    });
    // What is stored is what is served.
    expect((await call(app, 'GET', `/api/v1/calendars/${res.json().id}`, { as: ws.as })).json().weekly_hours).toEqual(res.json().weekly_hours);

    // Sunday night into Monday wraps around the week.
    const wrap = await call(app, 'PATCH', `/api/v1/calendars/${res.json().id}`, {
      as: ws.as,
      body: { weekly_hours: { sun: [{ start: '20:00', end: '02:00' }], mon: [{ start: '09:00', end: '17:00' }] } },
    });
    expect(wrap.json().weekly_hours).toMatchObject({ sun: [{ start: '20:00', end: '24:00' }], mon: [{ start: '00:00', end: '02:00' }, { start: '09:00', end: '17:00' }] });
  });

  it('keeps a 24/7 calendar free of hours and holidays', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const always = await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: { name: '24/7', time_zone: 'UTC', always_open: true } });
    expect(always.statusCode).toBe(201);
    expect(always.json()).toMatchObject({ always_open: true, weekly_hours: closed, shifts: [], breaks: [], holidays: [] });

    const withHours = await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: { ...prague, always_open: true } });
    expect(withHours.statusCode).toBe(400);
    expect(withHours.json().issues).toEqual([{ path: 'body.weekly_hours', message: expect.stringMatching(/24\/7/) }]);
    const holiday = await call(app, 'PATCH', `/api/v1/calendars/${always.json().id}`, { as: ws.as, body: { holidays: [{ date: '2026-12-25' }] } });
    expect(holiday.statusCode).toBe(400);
    expect(holiday.json().issues.map((i: { path: string }) => i.path)).toEqual(['body.holidays']);

    // Back to business hours: only with hours.
    const noHours = await call(app, 'PATCH', `/api/v1/calendars/${always.json().id}`, { as: ws.as, body: { always_open: false } });
    expect(noHours.statusCode).toBe(400);
    expect(noHours.json().issues).toEqual([{ path: 'body.weekly_hours', message: expect.stringMatching(/no open hours/) }]);
    const business = await call(app, 'PATCH', `/api/v1/calendars/${always.json().id}`, { as: ws.as, body: { always_open: false, weekly_hours: prague.weekly_hours } });
    expect(business.json()).toMatchObject({ always_open: false, weekly_hours: { mon: nineToFive } });
  });

  it('has at most one default calendar per workspace', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const post = async (name: string, isDefault: boolean) =>
      (await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: { ...prague, name, is_default: isDefault } })).json();
    const defaults = async () =>
      (await call(app, 'GET', '/api/v1/calendars', { as: ws.as })).json().data.filter((c: { is_default: boolean }) => c.is_default).map((c: { name: string }) => c.name);

    const a = await post('A', true);
    expect(a.is_default).toBe(true);
    await post('B', false);
    expect(await defaults()).toEqual(['A']);
    await post('C', true);
    expect(await defaults()).toEqual(['C']);
    expect((await call(app, 'PATCH', `/api/v1/calendars/${a.id}`, { as: ws.as, body: { is_default: true } })).json().is_default).toBe(true);
    expect(await defaults()).toEqual(['A']);
    await call(app, 'PATCH', `/api/v1/calendars/${a.id}`, { as: ws.as, body: { is_default: false } });
    expect(await defaults()).toEqual([]);

    // Another workspace's default is its own business.
    const other = await createWorkspace(app);
    expect((await call(app, 'POST', '/api/v1/calendars', { as: other.as, body: { ...prague, is_default: true } })).json().is_default).toBe(true);
    await post('D', true);
    expect(await defaults()).toEqual(['D']);
    expect((await call(app, 'GET', '/api/v1/calendars', { as: other.as })).json().data[0].is_default).toBe(true);
  });

  it('refuses duplicate names and deleting a calendar a branch or team uses', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const calendar = (await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: prague })).json();
    const dup = await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: { ...prague, name: 'PRAGUE OFFICE' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('conflict');

    const branch = (await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: 'Brno', time_zone: 'Europe/Prague', calendar_id: calendar.id } })).json();
    const team = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Night shift', calendar_id: calendar.id } })).json();
    for (const [what, path] of [['branch', `/api/v1/branches/${branch.id}`], ['team', `/api/v1/teams/${team.id}`]] as const) {
      const del = await call(app, 'DELETE', `/api/v1/calendars/${calendar.id}`, { as: ws.as });
      expect(del.statusCode, `while the ${what} uses it`).toBe(409);
      expect(del.json().detail).toMatch(/branch or team/);
      expect((await call(app, 'PATCH', path, { as: ws.as, body: { calendar_id: null } })).json().calendar_id).toBeNull();
    }
    expect((await call(app, 'DELETE', `/api/v1/calendars/${calendar.id}`, { as: ws.as })).statusCode).toBe(204);
  });

  it('treats a calendar of another workspace as unknown', async () => {
    const { app } = get();
    const a = await createWorkspace(app);
    const b = await createWorkspace(app);
    const theirs = (await call(app, 'POST', '/api/v1/calendars', { as: b.as, body: prague })).json();
    await call(app, 'POST', '/api/v1/calendars', { as: a.as, body: { ...prague, name: 'Ours' } });
    const ics = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

    const attempts = [
      call(app, 'GET', `/api/v1/calendars/${theirs.id}`, { as: a.as }),
      call(app, 'PATCH', `/api/v1/calendars/${theirs.id}`, { as: a.as, body: { name: 'Mine now', is_default: true } }),
      call(app, 'DELETE', `/api/v1/calendars/${theirs.id}`, { as: a.as }),
      call(app, 'POST', `/api/v1/calendars/${theirs.id}/holidays/import`, { as: a.as, body: ics, headers: { 'content-type': 'text/calendar' } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    expect((await call(app, 'GET', '/api/v1/calendars', { as: a.as })).json().data.map((c: { name: string }) => c.name)).toEqual(['Ours']);
    expect((await call(app, 'GET', `/api/v1/calendars/${theirs.id}`, { as: b.as })).json()).toEqual(theirs);
  });

  it('lets agents read calendars and only admins change them', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const calendar = (await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: prague })).json();
    const admin = await addUser(app, ws, 'admin');
    const ics = { body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', headers: { 'content-type': 'text/calendar' } };
    for (const role of ['agent', 'supervisor'] as const) {
      const who = await addUser(app, ws, role);
      expect((await call(app, 'GET', `/api/v1/calendars/${calendar.id}`, { as: who.as })).statusCode).toBe(200);
      const tries = [
        await call(app, 'POST', '/api/v1/calendars', { as: who.as, body: { ...prague, name: 'Mine' } }),
        await call(app, 'PATCH', `/api/v1/calendars/${calendar.id}`, { as: who.as, body: { name: 'Mine' } }),
        await call(app, 'DELETE', `/api/v1/calendars/${calendar.id}`, { as: who.as }),
        await call(app, 'POST', `/api/v1/calendars/${calendar.id}/holidays/import`, { as: who.as, ...ics }),
      ];
      for (const res of tries) {
        expect(res.statusCode, `${role}: ${res.body}`).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    }
    expect((await call(app, 'PATCH', `/api/v1/calendars/${calendar.id}`, { as: admin.as, body: { name: 'By admin' } })).statusCode).toBe(200);
    expect((await call(app, 'GET', '/api/v1/calendars', { as: null })).statusCode).toBe(401);
  });
});
