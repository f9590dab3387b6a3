import { describe, expect, it } from 'vitest';
import { detectAutoSubmitted } from './auto-submitted.ts';
import {
  formatTicketToken,
  inboundTarget,
  messageIdList,
  normalizeMessageId,
  replyAddress,
  subjectWithToken,
  ticketCheck,
  tokenFromSubject,
  tokenFromTag,
  workspaceAddress,
} from './email-address.ts';
import { emailLocale, renderAcknowledgement } from './email-templates.ts';
import { buildReferences, decideThread, replySubject } from './threading.ts';

const ticket = { id: '01900000-0000-7000-8000-00000a1b2c3d', number: 123 };

describe('inbound addresses', () => {
  it.each([
    ['support@acme.example', undefined, { by: 'mail_domain', domain: 'acme.example', tag: null }],
    ['Support+t5-abcdef@ACME.example', undefined, { by: 'mail_domain', domain: 'acme.example', tag: 't5-abcdef' }],
    ['acme@mail.gapwise.test', 'mail.gapwise.test', { by: 'slug', slug: 'acme', tag: null }],
    ['acme+t9-000001@mail.gapwise.test', 'mail.gapwise.test', { by: 'slug', slug: 'acme', tag: 't9-000001' }],
    ['sales@acme.example', undefined, undefined],
    ['not an address', undefined, undefined],
    ['support@', undefined, undefined],
  ])('%s (instance domain %s)', (address, domain, expected) => {
    expect(inboundTarget(address, domain)).toEqual(expected);
  });

  it('names the workspace address by its own domain first, else by slug', () => {
    expect(workspaceAddress({ slug: 'acme', mail_domain: 'Acme.Example' }, 'mail.test')).toBe('support@acme.example');
    expect(workspaceAddress({ slug: 'acme', mail_domain: null }, 'mail.test')).toBe('acme@mail.test');
    expect(workspaceAddress({ slug: 'acme', mail_domain: null }, undefined)).toBeUndefined();
  });
});

describe('ticket tokens', () => {
  it('formats and parses the token in subjects and reply addresses', () => {
    expect(ticketCheck(ticket.id)).toBe('a1b2c3d'.slice(1));
    expect(formatTicketToken(ticket)).toBe('123-1b2c3d');
    expect(subjectWithToken('Re: Broken printer', ticket)).toBe('Re: Broken printer [#123-1b2c3d]');
    expect(subjectWithToken('Re: Broken printer [#123-1b2c3d]', ticket)).toBe('Re: Broken printer [#123-1b2c3d]');
    expect(replyAddress('support@acme.example', ticket)).toBe('support+t123-1b2c3d@acme.example');
  });

  it.each([
    ['Re: Broken printer [#123-1b2c3d]', { number: 123, check: '1b2c3d' }],
    ['Fwd: [#1-aaaaaa] older and [#77-BBBBBB] newer', { number: 77, check: 'bbbbbb' }],
    ['Invoice #123', undefined],
    ['[#123]', undefined],
    ['[#0-aaaaaa]', undefined],
    [undefined, undefined],
  ])('subject %s', (subject, expected) => {
    expect(tokenFromSubject(subject)).toEqual(expected);
  });

  it.each([
    ['t123-1b2c3d', { number: 123, check: '1b2c3d' }],
    ['T5-ABCDEF', { number: 5, check: 'abcdef' }],
    ['newsletter', undefined],
    ['t12', undefined],
    [null, undefined],
  ])('address tag %s', (tag, expected) => {
    expect(tokenFromTag(tag)).toEqual(expected);
  });
});

describe('Message-IDs', () => {
  it.each([
    ['<abc@x.example>', '<abc@x.example>'],
    ['  abc@x.example ', '<abc@x.example>'],
    ['<no-at-sign>', undefined],
    ['', undefined],
  ])('normalizes %s', (value, expected) => {
    expect(normalizeMessageId(value)).toBe(expected);
  });

  it('lists References in order without repeats', () => {
    expect(messageIdList('<a@x> <b@x>\r\n <a@x>')).toEqual(['<a@x>', '<b@x>']);
    expect(messageIdList(['<a@x>', '<c@x>'])).toEqual(['<a@x>', '<c@x>']);
    expect(messageIdList(undefined)).toEqual([]);
  });
});

describe('threading decision', () => {
  const known = new Map([
    ['<sent-1@us>', 'ticket-a'],
    ['<recv-1@them>', 'ticket-b'],
  ]);
  const byNumber = new Map([[123, { id: 'ticket-c', check: '1b2c3d' }]]);
  const base = { inReplyTo: undefined, references: [], knownMessageIds: known, addressToken: undefined, subjectToken: undefined, ticketsByNumber: byNumber };

  it.each([
    ['In-Reply-To of a mail we sent', { inReplyTo: '<sent-1@us>' }, { kind: 'existing', ticketId: 'ticket-a', by: 'in_reply_to' }],
    ['In-Reply-To unknown, newest known References entry wins', { inReplyTo: '<x@y>', references: ['<sent-1@us>', '<recv-1@them>', '<x@y>'] }, { kind: 'existing', ticketId: 'ticket-b', by: 'references' }],
    ['address token with the right check', { addressToken: { number: 123, check: '1b2c3d' } }, { kind: 'existing', ticketId: 'ticket-c', by: 'address_token' }],
    ['subject token with the right check', { subjectToken: { number: 123, check: '1b2c3d' } }, { kind: 'existing', ticketId: 'ticket-c', by: 'subject_token' }],
    ['subject token with a wrong check (guessed number)', { subjectToken: { number: 123, check: '000000' } }, { kind: 'new' }],
    ['headers beat tokens', { inReplyTo: '<recv-1@them>', subjectToken: { number: 123, check: '1b2c3d' } }, { kind: 'existing', ticketId: 'ticket-b', by: 'in_reply_to' }],
    ['nothing known', { inReplyTo: '<z@z>', references: ['<z@z>'] }, { kind: 'new' }],
  ])('%s', (_name, input, expected) => {
    expect(decideThread({ ...base, ...input })).toEqual(expected);
  });

  it('keeps References short: the first id and the latest ones', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const refs = buildReferences(ids, 5);
    expect(refs).toEqual(['<m0@x>', '<m26@x>', '<m27@x>', '<m28@x>', '<m29@x>']);
    expect(buildReferences(['<a@x>', '<a@x>', '<b@x>'])).toEqual(['<a@x>', '<b@x>']);
  });

  it.each([
    ['Broken printer', 'Re: Broken printer'],
    ['RE: Re: Fwd: Broken printer', 'Re: Broken printer'],
    ['AW: Odp: Broken', 'Re: Broken'],
    ['', 'Re: (no subject)'],
  ])('reply subject of %s', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });
});

describe('auto-submitted mail', () => {
  const h = (entries: Record<string, string>) => new Map(Object.entries(entries));
  const base = { headers: h({}), from: 'jan@example.cz', envelopeFrom: 'jan@example.cz', contentType: 'text/plain' };
  it.each([
    ['a person', {}, undefined],
    ['Auto-Submitted: no', { headers: h({ 'auto-submitted': 'no' }) }, undefined],
    ['Auto-Submitted: auto-replied', { headers: h({ 'auto-submitted': 'auto-replied' }) }, 'auto_reply'],
    ['Auto-Submitted: auto-generated', { headers: h({ 'auto-submitted': 'auto-generated' }) }, 'auto_reply'],
    ['X-Autoreply', { headers: h({ 'x-autoreply': 'yes' }) }, 'auto_reply'],
    ['X-Autorespond', { headers: h({ 'x-autorespond': 'Out of office' }) }, 'auto_reply'],
    ['Precedence: bulk', { headers: h({ precedence: 'bulk' }) }, 'bulk'],
    ['Precedence: junk', { headers: h({ precedence: 'Junk' }) }, 'bulk'],
    ['Precedence: list', { headers: h({ precedence: 'list' }) }, 'bulk'],
    ['List-Id', { headers: h({ 'list-id': '<news.example.com>' }) }, 'bulk'],
    ['MAILER-DAEMON sender', { from: 'mailer-daemon@mx.example.com' }, 'bounce'],
    ['postmaster sender', { from: 'postmaster@example.com' }, 'bounce'],
    ['null envelope sender', { envelopeFrom: '' }, 'bounce'],
    ['DSN', { contentType: 'multipart/report; report-type=delivery-status; boundary=x' }, 'bounce'],
    ['X-Failed-Recipients', { headers: h({ 'x-failed-recipients': 'a@b' }) }, 'bounce'],
    ['no-reply sender', { from: 'no-reply@shop.example' }, 'auto_reply'],
  ])('%s', (_name, input, kind) => {
    expect(detectAutoSubmitted({ ...base, ...input })?.kind).toBe(kind);
  });
});

describe('acknowledgement templates', () => {
  it.each([
    [['th-TH'], 'th'],
    [[null, 'vi'], 'vi'],
    [['cs'], 'cs'],
    [['ms_MY'], 'ms'],
    [['de', 'fr'], 'en'],
    [[undefined], 'en'],
  ] as const)('locale of %j is %s', (candidates, expected) => {
    expect(emailLocale(...candidates)).toBe(expected);
  });

  it('renders every locale with the number and escapes HTML', () => {
    for (const locale of ['en', 'th', 'vi', 'cs', 'ms'] as const) {
      const mail = renderAcknowledgement(locale, { workspaceName: 'Acme <b>', customerName: 'Somchai', ticketNumber: 42, subject: 'Hi' });
      expect(mail.subject).toContain('#42');
      expect(mail.text).toContain('Somchai');
      expect(mail.html).toContain('Acme &lt;b&gt;');
      expect(mail.html).not.toContain('<b>');
    }
    expect(renderAcknowledgement('th', { workspaceName: 'A', customerName: 'B', ticketNumber: 1, subject: 'x' }).subject).toContain('เราได้รับ');
  });
});
