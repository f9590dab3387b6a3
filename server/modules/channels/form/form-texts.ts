/** The web form's own words in the five languages: built-in labels, the pages, the acknowledgement. */

export type FormLocale = 'en' | 'th' | 'vi' | 'cs' | 'ms';

export interface FormTexts {
  labels: { name: string; email: string; subject: string; message: string };
  submit: string;
  required: string;
  honeypot: string;
  thanksTitle: string;
  thanksBody: string;
  errorTitle: string;
  tooMany: string;
  ackSubject: (number: number, subject: string) => string;
  ackBody: (p: { name: string; number: number; subject: string; message: string; workspace: string }) => string;
}

const en: FormTexts = {
  labels: { name: 'Your name', email: 'Email', subject: 'Subject', message: 'How can we help?' },
  submit: 'Send',
  required: 'required',
  honeypot: 'Leave this field empty',
  thanksTitle: 'Thank you',
  thanksBody: 'We have received your request and will reply by email.',
  errorTitle: 'Please check the form',
  tooMany: 'Too many submissions from your connection. Please try again later.',
  ackSubject: (n, s) => `[#${n}] We received your request: ${s}`,
  ackBody: (p) =>
    `Hello ${p.name},\n\nthank you for contacting ${p.workspace}. We have received your request and opened ticket #${p.number}. We will reply to this address.\n\nYour message:\n${p.message}\n\nThis is an automatic acknowledgement.`,
};

const th: FormTexts = {
  labels: { name: 'ชื่อของคุณ', email: 'อีเมล', subject: 'เรื่อง', message: 'ให้เราช่วยอะไรคุณได้บ้าง' },
  submit: 'ส่ง',
  required: 'จำเป็น',
  honeypot: 'กรุณาเว้นช่องนี้ว่างไว้',
  thanksTitle: 'ขอบคุณ',
  thanksBody: 'เราได้รับคำขอของคุณแล้ว และจะตอบกลับทางอีเมล',
  errorTitle: 'กรุณาตรวจสอบแบบฟอร์ม',
  tooMany: 'มีการส่งแบบฟอร์มจากการเชื่อมต่อของคุณมากเกินไป กรุณาลองใหม่ภายหลัง',
  ackSubject: (n, s) => `[#${n}] เราได้รับคำขอของคุณแล้ว: ${s}`,
  ackBody: (p) =>
    `เรียน คุณ${p.name}\n\nขอบคุณที่ติดต่อ ${p.workspace} เราได้รับคำขอของคุณและเปิดรายการหมายเลข #${p.number} แล้ว เราจะตอบกลับมาที่อีเมลนี้\n\nข้อความของคุณ:\n${p.message}\n\nอีเมลนี้เป็นการตอบรับอัตโนมัติ`,
};

const vi: FormTexts = {
  labels: { name: 'Họ tên', email: 'Email', subject: 'Tiêu đề', message: 'Chúng tôi có thể giúp gì cho bạn?' },
  submit: 'Gửi',
  required: 'bắt buộc',
  honeypot: 'Vui lòng để trống ô này',
  thanksTitle: 'Cảm ơn bạn',
  thanksBody: 'Chúng tôi đã nhận được yêu cầu của bạn và sẽ trả lời qua email.',
  errorTitle: 'Vui lòng kiểm tra biểu mẫu',
  tooMany: 'Có quá nhiều lượt gửi từ kết nối của bạn. Vui lòng thử lại sau.',
  ackSubject: (n, s) => `[#${n}] Chúng tôi đã nhận được yêu cầu của bạn: ${s}`,
  ackBody: (p) =>
    `Xin chào ${p.name},\n\ncảm ơn bạn đã liên hệ với ${p.workspace}. Chúng tôi đã nhận được yêu cầu và mở phiếu #${p.number}. Chúng tôi sẽ trả lời qua địa chỉ email này.\n\nNội dung của bạn:\n${p.message}\n\nĐây là thư xác nhận tự động.`,
};

const cs: FormTexts = {
  labels: { name: 'Vaše jméno', email: 'E-mail', subject: 'Předmět', message: 'S čím vám můžeme pomoci?' },
  submit: 'Odeslat',
  required: 'povinné',
  honeypot: 'Toto pole nechte prázdné',
  thanksTitle: 'Děkujeme',
  thanksBody: 'Váš požadavek jsme přijali a odpovíme e-mailem.',
  errorTitle: 'Zkontrolujte prosím formulář',
  tooMany: 'Z vašeho připojení přišlo příliš mnoho odeslání. Zkuste to prosím později.',
  ackSubject: (n, s) => `[#${n}] Váš požadavek jsme přijali: ${s}`,
  ackBody: (p) =>
    `Dobrý den, ${p.name},\n\nděkujeme, že jste kontaktovali ${p.workspace}. Váš požadavek jsme přijali a založili tiket #${p.number}. Odpovíme na tuto adresu.\n\nVaše zpráva:\n${p.message}\n\nToto je automatické potvrzení.`,
};

const ms: FormTexts = {
  labels: { name: 'Nama anda', email: 'E-mel', subject: 'Perkara', message: 'Bagaimana kami boleh membantu?' },
  submit: 'Hantar',
  required: 'wajib',
  honeypot: 'Biarkan ruangan ini kosong',
  thanksTitle: 'Terima kasih',
  thanksBody: 'Kami telah menerima permintaan anda dan akan membalas melalui e-mel.',
  errorTitle: 'Sila semak borang',
  tooMany: 'Terlalu banyak penghantaran dari sambungan anda. Sila cuba lagi kemudian.',
  ackSubject: (n, s) => `[#${n}] Kami telah menerima permintaan anda: ${s}`,
  ackBody: (p) =>
    `Salam ${p.name},\n\nterima kasih kerana menghubungi ${p.workspace}. Kami telah menerima permintaan anda dan membuka tiket #${p.number}. Kami akan membalas ke alamat ini.\n\nMesej anda:\n${p.message}\n\nIni ialah pengesahan automatik.`,
};

const TEXTS: Record<FormLocale, FormTexts> = { en, th, vi, cs, ms };

export function isFormLocale(value: unknown): value is FormLocale {
  return typeof value === 'string' && value in TEXTS;
}

export function formTexts(locale: string | null | undefined): FormTexts {
  return isFormLocale(locale) ? TEXTS[locale] : en;
}
