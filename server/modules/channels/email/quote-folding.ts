/**
 * Quoted history and signatures (pure). Mail clients quote the whole thread under every reply;
 * shown as is, each message repeats all earlier ones. We split a message into what is new, the
 * signature and the quoted history. Nothing is thrown away: the message's `body_text` keeps
 * the full text, the raw .eml is stored, and the display HTML wraps the folded parts in
 * `<div data-gapwise-fold="signature|quote">` for the agent UI to collapse. Sanitising strips
 * every `data-*` attribute from mail, so only we can set that flag.
 */
export interface FoldedText {
  visible: string;
  signature: string | null;
  quote: string | null;
}

// "On <date>, <name> wrote:" in the languages we serve (and the usual European ones).
const ATTRIBUTION = [
  /^on\b.{4,300}\bwrote:\s*$/i,
  /^เมื่อ.{2,300}เขียนว่า\s*:?\s*$/,
  /^vào\s.{4,300}\sđã viết:?\s*$/i,
  /^dne\b.{4,300}\bnapsal(a|\(a\))?:?\s*$/i,
  /^pada\b.{4,300}\bmenulis:?\s*$/i,
  /^am\b.{4,300}\bschrieb\b.*:\s*$/i,
  /^le\b.{4,300}\ba écrit\s*:\s*$/i,
];
const SEPARATOR = /^\s*-{2,}\s*(original message|forwarded message|původní zpráva|přeposlaná zpráva|tin nhắn gốc|thư gốc|ข้อความต้นฉบับ|mesej asal)\s*-{2,}\s*$/i;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const HEADER_LINE = /^\s*\*?(from|od|từ|จาก|daripada|von|de)\s*:\*?\s/i;
const SENT_FROM = /^\s*(sent from my|get outlook for|odesláno z|gửi từ|ส่งจาก|dihantar dari)\b/i;

function isAttribution(lines: string[], i: number): number {
  const line = lines[i]?.trim() ?? '';
  if (ATTRIBUTION.some((re) => re.test(line))) return 1;
  // Clients wrap long attributions over two lines.
  const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`;
  if (line.length > 0 && ATTRIBUTION.some((re) => re.test(joined))) return 2;
  return 0;
}

/** Index of the line where quoted history starts, or -1. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (SEPARATOR.test(line)) return i;
    if (OUTLOOK_RULE.test(line) && HEADER_LINE.test(lines[i + 1] ?? '')) return i;
    if (isAttribution(lines, i) > 0) return i;
    if (line.startsWith('>') && lines.slice(i).every((l) => l.startsWith('>') || l.trim() === '')) return i;
  }
  return -1;
}

/** Index of the signature delimiter (`-- `, RFC 3676) or a "Sent from my phone" line near the end, or -1. */
function signatureStart(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^--\s?$/.test(lines[i] ?? '')) return i;
  }
  const tail = Math.max(0, lines.length - 3);
  for (let i = tail; i < lines.length; i++) if (SENT_FROM.test(lines[i] ?? '')) return i;
  return -1;
}

export function foldText(text: string): FoldedText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let visible = lines;
  let quote: string | null = null;
  const q = quoteStart(lines);
  if (q > 0 && lines.slice(0, q).some((l) => l.trim() !== '')) {
    visible = lines.slice(0, q);
    quote = lines.slice(q).join('\n').trim();
  }
  let signature: string | null = null;
  const s = signatureStart(visible);
  if (s > 0 && visible.slice(0, s).some((l) => l.trim() !== '')) {
    signature = visible.slice(s).join('\n').trim();
    visible = visible.slice(0, s);
  }
  return { visible: visible.join('\n').trim(), signature: signature || null, quote: quote || null };
}

export interface FoldedHtml {
  visible: string;
  signature: string | null;
  quote: string | null;
}

// Where clients start the quoted history in HTML (Gmail, Apple Mail/Thunderbird, Outlook, Yahoo).
const HTML_QUOTE = [
  /<div\b[^>]*\bclass=["'][^"']*\bgmail_quote\b/i,
  /<blockquote\b[^>]*\btype=["']?cite\b/i,
  /<div\b[^>]*\bclass=["'][^"']*\bmoz-cite-prefix\b/i,
  /<div\b[^>]*\bid=["']?(divRplyFwdMsg|appendonsend)\b/i,
  /<hr\b[^>]*\bid=["']?stopSpelling\b/i,
  /<div\b[^>]*\bclass=["'][^"']*\byahoo_quoted\b/i,
  /-{2,}\s*Original Message\s*-{2,}/i,
];
const HTML_SIGNATURE = [
  /<div\b[^>]*\bclass=["'][^"']*\b(gmail_signature|moz-signature)\b/i,
  /<div\b[^>]*\bid=["']?Signature\b/i,
];

function firstIndex(html: string, patterns: RegExp[]): number {
  let best = -1;
  for (const re of patterns) {
    const m = re.exec(html);
    if (m && (best < 0 || m.index < best)) best = m.index;
  }
  return best;
}

/** Splits raw (not yet sanitised) HTML; each part is sanitised separately by the caller. */
export function foldHtml(html: string): FoldedHtml {
  const hasText = (s: string) => s.replace(/<[^>]*>|&nbsp;|\s/g, '') !== '';
  let visible = html;
  let quote: string | null = null;
  const q = firstIndex(html, HTML_QUOTE);
  if (q > 0 && hasText(html.slice(0, q))) {
    visible = html.slice(0, q);
    quote = html.slice(q);
  }
  let signature: string | null = null;
  const s = firstIndex(visible, HTML_SIGNATURE);
  if (s > 0 && hasText(visible.slice(0, s))) {
    signature = visible.slice(s);
    visible = visible.slice(0, s);
  }
  return { visible, signature, quote };
}

/** The display HTML from sanitised parts: folded parts behind the `data-gapwise-fold` flag. */
export function joinFolded(parts: FoldedHtml): string {
  let out = parts.visible;
  if (parts.signature) out += `<div data-gapwise-fold="signature">${parts.signature}</div>`;
  if (parts.quote) out += `<div data-gapwise-fold="quote">${parts.quote}</div>`;
  return out;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text as HTML paragraphs (for folding a text-only mail). */
export function textToHtml(text: string): string {
  if (!text.trim()) return '';
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
