import { escapeHtml } from './quote-folding.ts';

/**
 * Automatic emails in the customer's language (pure): the acknowledgement of a new ticket.
 * Locales en, th, vi, cs, ms; anything else falls back to English.
 */
export const EMAIL_LOCALES = ['en', 'th', 'vi', 'cs', 'ms'] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

interface AckTemplate {
  subject: (v: AckVars) => string;
  lines: (v: AckVars) => string[];
}

export interface AckVars {
  workspaceName: string;
  customerName: string;
  ticketNumber: number;
  subject: string;
}

const ACK: Record<EmailLocale, AckTemplate> = {
  en: {
    subject: (v) => `We received your request #${v.ticketNumber}: ${v.subject}`,
    lines: (v) => [
      `Hello ${v.customerName},`,
      `Thank you for contacting ${v.workspaceName}. Your request has been received and given the number #${v.ticketNumber}.`,
      'An agent will reply as soon as possible. To add information, simply reply to this email.',
      `— ${v.workspaceName}`,
    ],
  },
  th: {
    subject: (v) => `เราได้รับคำขอของคุณแล้ว #${v.ticketNumber}: ${v.subject}`,
    lines: (v) => [
      `เรียน คุณ${v.customerName}`,
      `ขอบคุณที่ติดต่อ ${v.workspaceName} เราได้รับคำขอของคุณแล้ว หมายเลขอ้างอิง #${v.ticketNumber}`,
      'เจ้าหน้าที่จะตอบกลับโดยเร็วที่สุด หากต้องการเพิ่มเติมข้อมูล เพียงตอบกลับอีเมลฉบับนี้',
      `— ${v.workspaceName}`,
    ],
  },
  vi: {
    subject: (v) => `Chúng tôi đã nhận được yêu cầu #${v.ticketNumber}: ${v.subject}`,
    lines: (v) => [
      `Xin chào ${v.customerName},`,
      `Cảm ơn bạn đã liên hệ với ${v.workspaceName}. Yêu cầu của bạn đã được tiếp nhận với mã số #${v.ticketNumber}.`,
      'Nhân viên của chúng tôi sẽ phản hồi sớm nhất có thể. Để bổ sung thông tin, bạn chỉ cần trả lời email này.',
      `— ${v.workspaceName}`,
    ],
  },
  cs: {
    subject: (v) => `Váš požadavek #${v.ticketNumber} jsme přijali: ${v.subject}`,
    lines: (v) => [
      `Dobrý den, ${v.customerName},`,
      `děkujeme, že jste kontaktovali ${v.workspaceName}. Váš požadavek jsme přijali pod číslem #${v.ticketNumber}.`,
      'Náš pracovník vám odpoví co nejdříve. Chcete-li něco doplnit, stačí odpovědět na tento e-mail.',
      `— ${v.workspaceName}`,
    ],
  },
  ms: {
    subject: (v) => `Kami telah menerima permintaan anda #${v.ticketNumber}: ${v.subject}`,
    lines: (v) => [
      `Salam ${v.customerName},`,
      `Terima kasih kerana menghubungi ${v.workspaceName}. Permintaan anda telah diterima dengan nombor #${v.ticketNumber}.`,
      'Ejen kami akan membalas secepat mungkin. Untuk menambah maklumat, balas sahaja e-mel ini.',
      `— ${v.workspaceName}`,
    ],
  },
};

export function emailLocale(...candidates: (string | null | undefined)[]): EmailLocale {
  for (const c of candidates) {
    const base = c?.toLowerCase().split(/[-_]/)[0];
    if (base && (EMAIL_LOCALES as readonly string[]).includes(base)) return base as EmailLocale;
  }
  return 'en';
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function renderAcknowledgement(locale: EmailLocale, vars: AckVars): RenderedMail {
  const t = ACK[locale];
  const lines = t.lines(vars);
  return {
    subject: t.subject(vars),
    text: lines.join('\n\n'),
    html: `<html lang="${locale}"><body>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>`,
  };
}
