import { describe, expect, it } from 'vitest';
import { ticketChanges } from './macro-actions.ts';
import { pickLocale, renderTemplate } from './macro-render.ts';
import { placeholderValues } from './macro-values.ts';

describe('renderTemplate', () => {
  const values = new Map([
    ['ticket.number', '42'],
    ['customer.name', 'Nguyễn <Anh>'],
    ['empty', ''],
  ]);
  const cases: [string, string, { html?: boolean }, string, string[]][] = [
    ['fills known placeholders', 'Hi {{customer.name}}, ticket #{{ticket.number}}', {}, 'Hi Nguyễn <Anh>, ticket #42', []],
    ['allows spaces inside the braces', '#{{ ticket.number }}', {}, '#42', []],
    ['leaves unknown ones as written and reports each once', '{{foo.bar}} {{ticket.number}} {{ foo.bar }} {{x}}', {}, '{{foo.bar}} 42 {{ foo.bar }} {{x}}', ['foo.bar', 'x']],
    ['escapes values in HTML', '<p>{{customer.name}}</p>', { html: true }, '<p>Nguyễn &lt;Anh&gt;</p>', []],
    ['an empty value is known', '[{{empty}}]', {}, '[]', []],
    ['ignores text that is not a placeholder', '{{ }} {single} {{1abc}}', {}, '{{ }} {single} {{1abc}}', []],
  ];
  for (const [name, template, options, output, unknown] of cases) {
    it(name, () => expect(renderTemplate(template, values, options)).toEqual({ output, unknown }));
  }
});

describe('pickLocale', () => {
  const cases: [string, Record<string, unknown>, (string | null)[], string | null][] = [
    ['the customer’s language first', { en: 1, th: 1 }, ['th', 'en'], 'th'],
    ['a region tag counts as its language', { en: 1, vi: 1 }, ['vi-VN'], 'vi'],
    ['then the workspace’s', { en: 1, cs: 1 }, ['ms', 'cs'], 'cs'],
    ['then English', { en: 1, cs: 1 }, ['th', null], 'en'],
    ['then any text there is', { ms: 1 }, ['th'], 'ms'],
    ['nothing at all', {}, ['th'], null],
  ];
  for (const [name, content, preferred, expected] of cases) it(name, () => expect(pickLocale(content, preferred)).toBe(expected));
});

describe('ticketChanges', () => {
  const me = '0190a000-0000-7000-8000-000000000001';
  const cases: [string, Parameters<typeof ticketChanges>[0], string[], ReturnType<typeof ticketChanges>][] = [
    ['no actions, no changes', {}, ['a'], {}],
    ['status and priority', { status: 'pending', priority: 'high' }, [], { status: 'pending', priority: 'high' }],
    ['`me` is the agent applying it', { assignee_id: 'me' }, [], { assignee_id: me }],
    ['null unassigns', { assignee_id: null, team_id: null }, [], { assignee_id: null, team_id: null }],
    ['tags added and removed case-insensitively, no duplicates', { add_tags: ['VIP', 'refund'], remove_tags: ['Old'] }, ['old', 'vip'], { tags: ['vip', 'refund'] }],
    ['a tag both added and removed ends up removed', { add_tags: ['x'], remove_tags: ['x'] }, ['x', 'y'], { tags: ['y'] }],
  ];
  for (const [name, actions, tags, expected] of cases) it(name, () => expect(ticketChanges(actions, { tags }, me)).toEqual(expected));
});

describe('placeholderValues', () => {
  it('names status and priority in the text’s language, and offers scalar custom fields', () => {
    const values = placeholderValues(
      {
        ticket: { id: 't', number: 7, subject: 'S', status: 'pending', priority: 'urgent', custom_fields: { order: 'A-1', qty: 2, vip: true, nested: { a: 1 } } },
        customer: { name: 'Somchai Jaidee', email: null },
        agent: { name: 'Petra Nováková', email: 'petra@example.com' },
        workspace: { name: 'Acme' },
      },
      'th',
    );
    expect(values.get('ticket.status')).toBe('รอการตอบกลับ');
    expect(values.get('ticket.priority')).toBe('ด่วน');
    expect(values.get('customer.first_name')).toBe('Somchai');
    expect(values.get('customer.email')).toBe('');
    expect(values.get('agent.first_name')).toBe('Petra');
    expect(values.get('ticket.custom_fields.qty')).toBe('2');
    expect(values.get('ticket.custom_fields.vip')).toBe('true');
    expect(values.has('ticket.custom_fields.nested')).toBe(false);
  });
});
