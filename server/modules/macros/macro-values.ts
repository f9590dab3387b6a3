import type { Locale } from './macro-render.ts';
import { firstName } from './macro-render.ts';

/**
 * The values placeholders take for one ticket (pure). Status and priority are written in the
 * language of the macro text, as the customer reads them. Custom fields are
 * `ticket.custom_fields.<key>` (scalars only; other values are not offered, so they show as unknown).
 */
export interface MacroValueSources {
  ticket: { id: string; number: number; subject: string; status: string; priority: string; custom_fields: Record<string, unknown> };
  customer: { name: string; email: string | null } | null;
  agent: { name: string; email: string } | null;
  workspace: { name: string } | null;
}

const STATUS_NAMES: Record<Locale, Record<string, string>> = {
  en: { new: 'New', open: 'Open', pending: 'Pending', on_hold: 'On hold', solved: 'Solved', closed: 'Closed' },
  th: { new: 'ใหม่', open: 'เปิดอยู่', pending: 'รอการตอบกลับ', on_hold: 'พักไว้', solved: 'แก้ไขแล้ว', closed: 'ปิดแล้ว' },
  vi: { new: 'Mới', open: 'Đang mở', pending: 'Đang chờ', on_hold: 'Tạm giữ', solved: 'Đã giải quyết', closed: 'Đã đóng' },
  cs: { new: 'Nový', open: 'Otevřený', pending: 'Čeká', on_hold: 'Pozastavený', solved: 'Vyřešený', closed: 'Uzavřený' },
  ms: { new: 'Baharu', open: 'Dibuka', pending: 'Menunggu', on_hold: 'Ditangguhkan', solved: 'Selesai', closed: 'Ditutup' },
};

const PRIORITY_NAMES: Record<Locale, Record<string, string>> = {
  en: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  th: { low: 'ต่ำ', normal: 'ปกติ', high: 'สูง', urgent: 'ด่วน' },
  vi: { low: 'Thấp', normal: 'Bình thường', high: 'Cao', urgent: 'Khẩn cấp' },
  cs: { low: 'Nízká', normal: 'Běžná', high: 'Vysoká', urgent: 'Naléhavá' },
  ms: { low: 'Rendah', normal: 'Biasa', high: 'Tinggi', urgent: 'Segera' },
};

export function placeholderValues(sources: MacroValueSources, locale: Locale): Map<string, string> {
  const { ticket, customer, agent, workspace } = sources;
  const values = new Map<string, string>([
    ['ticket.id', ticket.id],
    ['ticket.number', String(ticket.number)],
    ['ticket.subject', ticket.subject],
    ['ticket.status', STATUS_NAMES[locale][ticket.status] ?? ticket.status],
    ['ticket.priority', PRIORITY_NAMES[locale][ticket.priority] ?? ticket.priority],
  ]);
  for (const [key, value] of Object.entries(ticket.custom_fields)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values.set(`ticket.custom_fields.${key}`, String(value));
  }
  if (customer) {
    values.set('customer.name', customer.name);
    values.set('customer.first_name', firstName(customer.name));
    values.set('customer.email', customer.email ?? '');
  }
  if (agent) {
    values.set('agent.name', agent.name);
    values.set('agent.first_name', firstName(agent.name));
    values.set('agent.email', agent.email);
  }
  if (workspace) values.set('workspace.name', workspace.name);
  return values;
}
