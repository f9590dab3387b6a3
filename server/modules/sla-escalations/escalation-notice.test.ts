import { describe, expect, it } from 'vitest';
import { escalationNotice, NOTICE_LOCALES, type NoticeInput } from './escalation-notice.ts';

const input: NoticeInput = {
  ticketNumber: 42,
  ticketSubject: 'Order has not arrived',
  metric: 'first_reply',
  offsetMinutes: -15,
  dueAt: new Date('2026-03-02T04:00:00Z'),
  business: false,
};

describe('escalationNotice', () => {
  it.each([
    ['en', -15, false, 'SLA warning: #42 first reply due in 15 min'],
    ['en', 0, false, 'SLA breached: #42 first reply is due now'],
    ['en', 120, true, 'SLA escalation: #42 first reply overdue by 2 h of business time'],
    ['th', -15, false, 'เตือน SLA: #42 การตอบกลับครั้งแรก ครบกำหนดในอีก 15 นาที'],
    ['vi', 0, false, 'Vi phạm SLA: #42 phản hồi đầu tiên đã đến hạn'],
    ['cs', 30, false, 'Eskalace SLA: #42 první odpověď po termínu o 30 min'],
    ['ms', -60, true, 'Amaran SLA: #42 balasan pertama perlu dalam 1 jam waktu bekerja'],
    ['de', -15, false, 'SLA warning: #42 first reply due in 15 min'],
  ])('%s, offset %i min (business %s): %s', (locale, offsetMinutes, business, subject) => {
    expect(escalationNotice({ ...input, offsetMinutes, business }, { locale, timeZone: null }).subject).toBe(subject);
  });

  it('kind follows the offset: a warning before due, an escalation at and after it', () => {
    expect(escalationNotice({ ...input, offsetMinutes: -1 }).kind).toBe('sla_warning');
    expect(escalationNotice({ ...input, offsetMinutes: 0 }).kind).toBe('sla_escalated');
    expect(escalationNotice({ ...input, offsetMinutes: 5 }).kind).toBe('sla_escalated');
  });

  it('shows the due time in the reader’s zone and language, UTC when they have none or an unknown one', () => {
    const format = (locale: string, timeZone: string) =>
      new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(input.dueAt);
    expect(escalationNotice(input, { locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh' }).body).toContain(format('vi', 'Asia/Ho_Chi_Minh'));
    expect(escalationNotice(input, { locale: 'cs', timeZone: null }).body).toContain(format('cs', 'UTC'));
    expect(escalationNotice(input, { locale: 'en', timeZone: 'Mars/Olympus' }).body).toContain(format('en', 'UTC'));
  });

  it('every language names every metric in its own words and quotes the ticket subject', () => {
    const metrics = ['first_reply', 'next_reply', 'periodic_update', 'requester_wait', 'agent_work', 'resolution', 'total_resolution', 'chat_greet', 'chat_hold'];
    for (const locale of NOTICE_LOCALES) {
      for (const metric of metrics) {
        const notice = escalationNotice({ ...input, metric }, { locale, timeZone: null });
        expect(notice.subject, `${locale} ${metric}`).not.toContain('_');
        expect(notice.body).toContain('Order has not arrived');
      }
    }
    const names = NOTICE_LOCALES.map((locale) => escalationNotice(input, { locale, timeZone: null }).subject);
    expect(new Set(names).size).toBe(NOTICE_LOCALES.length);
  });
});
