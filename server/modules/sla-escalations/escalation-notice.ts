/**
 * The text of an SLA warning or escalation notice (in-app and email), in the recipient's language
 * (en, th, vi, cs, ms; anything else falls back to English) with the due time in their time zone.
 * Pure.
 */

export interface NoticeInput {
  ticketNumber: number;
  ticketSubject: string;
  metric: string;
  offsetMinutes: number;
  dueAt: Date;
  /** Business-mode target: the offset counts business minutes. */
  business: boolean;
}

export interface NoticeText {
  kind: 'sla_warning' | 'sla_escalated';
  subject: string;
  body: string;
}

export interface NoticeReader {
  locale: string;
  /** IANA zone for the due time; UTC when the user has none. */
  timeZone: string | null;
}

type Locale = 'en' | 'th' | 'vi' | 'cs' | 'ms';

interface Phrases {
  metrics: Record<string, string>;
  hours(n: number): string;
  minutes(n: number): string;
  business(span: string): string;
  warningSubject(ticket: string, what: string, span: string): string;
  warningBody(about: string, what: string, due: string, span: string): string;
  breachedSubject(ticket: string, what: string): string;
  breachedBody(about: string, what: string, due: string): string;
  overdueSubject(ticket: string, what: string, span: string): string;
  overdueBody(about: string, what: string, due: string, span: string): string;
  about(ticket: string, subject: string): string;
}

const PHRASES: Record<Locale, Phrases> = {
  en: {
    metrics: {
      first_reply: 'first reply',
      next_reply: 'next reply',
      periodic_update: 'periodic update',
      requester_wait: 'requester wait time',
      agent_work: 'agent work time',
      resolution: 'resolution',
      total_resolution: 'total resolution',
      chat_greet: 'chat greeting',
      chat_hold: 'chat hold',
    },
    hours: (n) => `${n} h`,
    minutes: (n) => `${n} min`,
    business: (span) => `${span} of business time`,
    warningSubject: (t, w, s) => `SLA warning: ${t} ${w} due in ${s}`,
    warningBody: (a, w, d, s) => `${a}: the ${w} is due at ${d}, ${s} from now.`,
    breachedSubject: (t, w) => `SLA breached: ${t} ${w} is due now`,
    breachedBody: (a, w, d) => `${a}: the ${w} was due at ${d} and has not happened.`,
    overdueSubject: (t, w, s) => `SLA escalation: ${t} ${w} overdue by ${s}`,
    overdueBody: (a, w, d, s) => `${a}: the ${w} was due at ${d}; it is ${s} overdue.`,
    about: (t, subject) => `Ticket ${t} "${subject}"`,
  },
  th: {
    metrics: {
      first_reply: 'การตอบกลับครั้งแรก',
      next_reply: 'การตอบกลับครั้งถัดไป',
      periodic_update: 'การแจ้งความคืบหน้า',
      requester_wait: 'เวลารอของลูกค้า',
      agent_work: 'เวลาทำงานของเจ้าหน้าที่',
      resolution: 'การแก้ไขปัญหา',
      total_resolution: 'การแก้ไขปัญหาทั้งหมด',
      chat_greet: 'การทักทายในแชท',
      chat_hold: 'การพักสายในแชท',
    },
    hours: (n) => `${n} ชั่วโมง`,
    minutes: (n) => `${n} นาที`,
    business: (span) => `${span} ในเวลาทำการ`,
    warningSubject: (t, w, s) => `เตือน SLA: ${t} ${w} ครบกำหนดในอีก ${s}`,
    warningBody: (a, w, d, s) => `${a}: ${w} ครบกำหนดเวลา ${d} อีก ${s}`,
    breachedSubject: (t, w) => `ผิด SLA: ${t} ${w} ครบกำหนดแล้ว`,
    breachedBody: (a, w, d) => `${a}: ${w} ครบกำหนดเวลา ${d} แต่ยังไม่ได้ดำเนินการ`,
    overdueSubject: (t, w, s) => `ยกระดับ SLA: ${t} ${w} เกินกำหนด ${s}`,
    overdueBody: (a, w, d, s) => `${a}: ${w} ครบกำหนดเวลา ${d} และเกินกำหนดมาแล้ว ${s}`,
    about: (t, subject) => `ทิกเก็ต ${t} "${subject}"`,
  },
  vi: {
    metrics: {
      first_reply: 'phản hồi đầu tiên',
      next_reply: 'phản hồi tiếp theo',
      periodic_update: 'cập nhật định kỳ',
      requester_wait: 'thời gian khách chờ',
      agent_work: 'thời gian xử lý của nhân viên',
      resolution: 'giải quyết',
      total_resolution: 'tổng thời gian giải quyết',
      chat_greet: 'chào hỏi trong chat',
      chat_hold: 'chờ trong chat',
    },
    hours: (n) => `${n} giờ`,
    minutes: (n) => `${n} phút`,
    business: (span) => `${span} giờ làm việc`,
    warningSubject: (t, w, s) => `Cảnh báo SLA: ${t} ${w} đến hạn sau ${s}`,
    warningBody: (a, w, d, s) => `${a}: ${w} đến hạn lúc ${d}, còn ${s}.`,
    breachedSubject: (t, w) => `Vi phạm SLA: ${t} ${w} đã đến hạn`,
    breachedBody: (a, w, d) => `${a}: ${w} đến hạn lúc ${d} nhưng chưa được thực hiện.`,
    overdueSubject: (t, w, s) => `Leo thang SLA: ${t} ${w} quá hạn ${s}`,
    overdueBody: (a, w, d, s) => `${a}: ${w} đến hạn lúc ${d}; đã quá hạn ${s}.`,
    about: (t, subject) => `Phiếu ${t} "${subject}"`,
  },
  cs: {
    metrics: {
      first_reply: 'první odpověď',
      next_reply: 'další odpověď',
      periodic_update: 'průběžná informace',
      requester_wait: 'čekání zákazníka',
      agent_work: 'práce agenta',
      resolution: 'vyřešení',
      total_resolution: 'celkové vyřešení',
      chat_greet: 'pozdrav v chatu',
      chat_hold: 'čekání v chatu',
    },
    hours: (n) => `${n} h`,
    minutes: (n) => `${n} min`,
    business: (span) => `${span} pracovní doby`,
    warningSubject: (t, w, s) => `Upozornění SLA: ${t} ${w} za ${s}`,
    warningBody: (a, w, d, s) => `${a}: termín (${w}) je ${d}, zbývá ${s}.`,
    breachedSubject: (t, w) => `Porušení SLA: ${t} ${w} má termín právě teď`,
    breachedBody: (a, w, d) => `${a}: termín (${w}) byl ${d} a nebyl splněn.`,
    overdueSubject: (t, w, s) => `Eskalace SLA: ${t} ${w} po termínu o ${s}`,
    overdueBody: (a, w, d, s) => `${a}: termín (${w}) byl ${d}; je po termínu o ${s}.`,
    about: (t, subject) => `Tiket ${t} „${subject}“`,
  },
  ms: {
    metrics: {
      first_reply: 'balasan pertama',
      next_reply: 'balasan seterusnya',
      periodic_update: 'kemas kini berkala',
      requester_wait: 'masa menunggu pelanggan',
      agent_work: 'masa kerja ejen',
      resolution: 'penyelesaian',
      total_resolution: 'jumlah penyelesaian',
      chat_greet: 'sapaan sembang',
      chat_hold: 'menunggu dalam sembang',
    },
    hours: (n) => `${n} jam`,
    minutes: (n) => `${n} minit`,
    business: (span) => `${span} waktu bekerja`,
    warningSubject: (t, w, s) => `Amaran SLA: ${t} ${w} perlu dalam ${s}`,
    warningBody: (a, w, d, s) => `${a}: ${w} perlu pada ${d}, ${s} dari sekarang.`,
    breachedSubject: (t, w) => `SLA dilanggar: ${t} ${w} perlu sekarang`,
    breachedBody: (a, w, d) => `${a}: ${w} perlu pada ${d} dan belum berlaku.`,
    overdueSubject: (t, w, s) => `Peningkatan SLA: ${t} ${w} lewat ${s}`,
    overdueBody: (a, w, d, s) => `${a}: ${w} perlu pada ${d}; sudah lewat ${s}.`,
    about: (t, subject) => `Tiket ${t} "${subject}"`,
  },
};

export const NOTICE_LOCALES = Object.keys(PHRASES) as Locale[];

export function escalationNotice(input: NoticeInput, reader: NoticeReader = { locale: 'en', timeZone: null }): NoticeText {
  const locale: Locale = (NOTICE_LOCALES as string[]).includes(reader.locale) ? (reader.locale as Locale) : 'en';
  const p = PHRASES[locale];
  const what = p.metrics[input.metric] ?? input.metric.replaceAll('_', ' ');
  const ticket = `#${input.ticketNumber}`;
  const about = p.about(ticket, input.ticketSubject);
  const due = formatDue(input.dueAt, locale, reader.timeZone);
  const minutes = Math.abs(input.offsetMinutes);
  const unit = minutes % 60 === 0 ? p.hours(minutes / 60) : p.minutes(minutes);
  const span = input.business ? p.business(unit) : unit;
  if (input.offsetMinutes < 0) {
    return { kind: 'sla_warning', subject: p.warningSubject(ticket, what, span), body: p.warningBody(about, what, due, span) };
  }
  if (input.offsetMinutes === 0) {
    return { kind: 'sla_escalated', subject: p.breachedSubject(ticket, what), body: p.breachedBody(about, what, due) };
  }
  return { kind: 'sla_escalated', subject: p.overdueSubject(ticket, what, span), body: p.overdueBody(about, what, due, span) };
}

/** The due instant in the reader's zone and language, with the zone named (no guessing which clock). */
function formatDue(at: Date, locale: Locale, timeZone: string | null): string {
  const zone = timeZone && isZone(timeZone) ? timeZone : 'UTC';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(at);
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
