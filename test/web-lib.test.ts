import { describe, expect, it } from 'vitest';
import { filtersFrom, viewQuery } from '../web/src/features/inbox/views.ts';
import { formatDuration, formatRelative, intlLocale } from '../web/src/lib/format.ts';
import { SseParser } from '../web/src/lib/sse.ts';

/** The web app's pure parts, without a browser. */
describe('inbox views → ticket list queries', () => {
  const me = '0190a000-0000-7000-8000-000000000001';
  it.each([
    ['my_open', { status: 'new,open', assignee_id: me }],
    ['unassigned', { status: 'new,open', assignee_id: 'none' }],
    ['all_open', { status: 'new,open' }],
    ['pending', { status: 'pending' }],
    ['sla_soon', { status: 'new,open,pending,on_hold', sla: 'imminent', sort: 'sla_due' }],
    ['sla_breached', { status: 'new,open,pending,on_hold', sla: 'breaching', sort: 'sla_due' }],
    ['all', {}],
  ] as const)('%s', (view, expected) => {
    expect(viewQuery(view, me, {})).toEqual(expected);
  });

  it('adds filters from the address bar and drops empty ones', () => {
    const filters = filtersFrom(new URLSearchParams('team_id=t1&channel=email&q=%20&unknown=x'));
    expect(filters).toEqual({ team_id: 't1', channel: 'email', q: ' ' });
    expect(viewQuery('pending', me, filters)).toEqual({ status: 'pending', team_id: 't1', channel: 'email' });
  });
});

describe('formatting through Intl', () => {
  it('uses the Buddhist calendar for Thai', () => {
    expect(intlLocale('th')).toBe('th-TH-u-ca-buddhist');
    const year = new Intl.DateTimeFormat(intlLocale('th'), { year: 'numeric', timeZone: 'UTC' }).format(new Date('2026-06-01T00:00:00Z'));
    expect(year).toContain('2569');
  });

  it('durations show their two largest units, in each language', () => {
    expect(formatDuration(2 * 86_400 + 5 * 3_600 + 7 * 60, 'en')).toBe('2 days 5 hr');
    expect(formatDuration(-(3 * 3_600 + 20 * 60), 'en')).toBe('3 hr 20 min');
    expect(formatDuration(20, 'en')).toBe('0 min');
    for (const lang of ['th', 'vi', 'cs', 'ms']) expect(formatDuration(3_600 + 60, lang)).toMatch(/1/);
  });

  it('relative times pick the largest whole unit', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatRelative('2026-01-01T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelative('2026-01-01T12:05:00Z', now, 'en')).toBe('in 5 minutes');
    expect(formatRelative('2026-01-01T12:00:20Z', now, 'en')).toBe('this minute');
  });
});

describe('server-sent events parser', () => {
  it('parses ids, names and data, across chunk boundaries and CRLF, skipping comments', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\nid: 7\nevent: message_added\nda')).toEqual([]);
    expect(parser.push('ta: {"seq":7}\r\n\r\nid: 8\ndata: a\ndata: b\n\n')).toEqual([
      { id: '7', event: 'message_added', data: '{"seq":7}' },
      { id: '8', event: 'message', data: 'a\nb' },
    ]);
  });
});
