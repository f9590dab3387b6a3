/**
 * The internal notes a ticket merge writes (pure). The target gets one note per source ticket
 * carrying that ticket's conversation as a transcript (so the target reads as one story); the
 * source gets a short note pointing at the target. Written in the workspace's default language.
 */
import type { MessageKind } from '../../platform/schema.ts';

export type NoteLocale = 'en' | 'th' | 'vi' | 'cs' | 'ms';

interface Texts {
  mergedInto: (target: number) => string;
  mergedFrom: (source: number, subject: string) => string;
  kind: Record<MessageKind, string>;
  more: (count: number, source: number) => string;
}

const TEXTS: Record<NoteLocale, Texts> = {
  en: {
    mergedInto: (t) => `This ticket was merged into ticket #${t} and closed.`,
    mergedFrom: (s, subject) => `Ticket #${s} “${subject}” was merged into this ticket. Its conversation:`,
    kind: { customer: 'Customer', public_reply: 'Public reply', internal_note: 'Internal note' },
    more: (n, s) => `${n} more messages are on ticket #${s}.`,
  },
  th: {
    mergedInto: (t) => `ทิกเก็ตนี้ถูกรวมเข้ากับทิกเก็ต #${t} และปิดแล้ว`,
    mergedFrom: (s, subject) => `ทิกเก็ต #${s} “${subject}” ถูกรวมเข้ากับทิกเก็ตนี้ บทสนทนาของทิกเก็ตนั้น:`,
    kind: { customer: 'ลูกค้า', public_reply: 'ตอบกลับลูกค้า', internal_note: 'บันทึกภายใน' },
    more: (n, s) => `มีข้อความอีก ${n} ข้อความในทิกเก็ต #${s}`,
  },
  vi: {
    mergedInto: (t) => `Phiếu này đã được gộp vào phiếu #${t} và đã đóng.`,
    mergedFrom: (s, subject) => `Phiếu #${s} “${subject}” đã được gộp vào phiếu này. Cuộc trò chuyện của phiếu đó:`,
    kind: { customer: 'Khách hàng', public_reply: 'Trả lời công khai', internal_note: 'Ghi chú nội bộ' },
    more: (n, s) => `Còn ${n} tin nhắn khác trong phiếu #${s}.`,
  },
  cs: {
    mergedInto: (t) => `Tento tiket byl sloučen do tiketu #${t} a uzavřen.`,
    mergedFrom: (s, subject) => `Tiket #${s} „${subject}“ byl sloučen do tohoto tiketu. Jeho konverzace:`,
    kind: { customer: 'Zákazník', public_reply: 'Veřejná odpověď', internal_note: 'Interní poznámka' },
    more: (n, s) => `Další zprávy (${n}) jsou v tiketu #${s}.`,
  },
  ms: {
    mergedInto: (t) => `Tiket ini telah digabungkan ke dalam tiket #${t} dan ditutup.`,
    mergedFrom: (s, subject) => `Tiket #${s} “${subject}” telah digabungkan ke dalam tiket ini. Perbualannya:`,
    kind: { customer: 'Pelanggan', public_reply: 'Balasan awam', internal_note: 'Nota dalaman' },
    more: (n, s) => `${n} mesej lagi ada dalam tiket #${s}.`,
  },
};

export function noteLocale(locale: string | null | undefined): NoteLocale {
  return locale && locale in TEXTS ? (locale as NoteLocale) : 'en';
}

export function mergedIntoNote(locale: NoteLocale, targetNumber: number): string {
  return TEXTS[locale].mergedInto(targetNumber);
}

export interface TranscriptMessage {
  kind: MessageKind;
  channel: string;
  body_text: string;
  created_at: Date;
}

/** The transcript stays well below the message body limit (256 KiB). */
export const TRANSCRIPT_MAX_CHARS = 200_000;

/**
 * The target's note for one source: a header, then each message (kind, channel, UTC time, text),
 * oldest first. Messages that would pass `maxChars` are left out and counted instead.
 */
export function transcriptNote(
  locale: NoteLocale,
  source: { number: number; subject: string },
  messages: readonly TranscriptMessage[],
  maxChars = TRANSCRIPT_MAX_CHARS,
): string {
  const texts = TEXTS[locale];
  let out = texts.mergedFrom(source.number, source.subject);
  let included = 0;
  for (const m of messages) {
    const block = `\n\n— ${texts.kind[m.kind]} · ${m.channel} · ${m.created_at.toISOString().slice(0, 16).replace('T', ' ')} UTC\n${m.body_text.trim()}`;
    if (out.length + block.length > maxChars) break;
    out += block;
    included++;
  }
  if (included < messages.length) out += `\n\n${texts.more(messages.length - included, source.number)}`;
  return out;
}
