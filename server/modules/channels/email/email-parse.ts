import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { htmlToText } from '../../tickets/message-body.ts';
import { messageIdList, normalizeMessageId } from './email-address.ts';

/**
 * Raw RFC 5322 bytes → what the ingest service needs, through mailparser (charsets via iconv,
 * quoted-printable/base64, multipart/alternative/related/mixed, inline images by Content-ID).
 * Never throws: a message mailparser cannot read at all becomes a plain-text message of its
 * raw bytes, so it is still stored (and the raw .eml with it), never dropped.
 */
export interface ParsedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  contentId: string | undefined;
  inline: boolean;
}

export interface ParsedEmail {
  rfcMessageId: string | undefined;
  inReplyTo: string | undefined;
  references: string[];
  subject: string;
  from: { address: string; name: string } | undefined;
  replyTo: string | undefined;
  to: string[];
  cc: string[];
  /** Header names lowercased → unfolded raw value (first occurrence). */
  headers: Map<string, string>;
  contentType: string | undefined;
  /** Full plain text (from the text part, else from the HTML). */
  text: string;
  /** The HTML part as sent (not yet sanitised), or null. */
  html: string | null;
  attachments: ParsedAttachment[];
  /** Message-IDs of the original mail quoted inside a delivery report (bounces thread to it). */
  reportedMessageIds: string[];
  /** Set when mailparser could not read the message. */
  parseError: string | undefined;
}

export const MAX_TEXT_CHARS = 512 * 1024;
export const MAX_HTML_CHARS = 1024 * 1024;

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { keepCidLinks: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: MAX_HTML_CHARS * 4 });
  } catch (error) {
    return unreadable(raw, error);
  }
  const headers = new Map<string, string>();
  for (const line of mail.headerLines ?? []) {
    const key = line.key.toLowerCase();
    if (headers.has(key)) continue;
    const colon = line.line.indexOf(':');
    headers.set(key, clean(line.line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  const html = typeof mail.html === 'string' && mail.html.trim() ? mail.html : null;
  const text = mail.text?.trim() ? mail.text : html ? htmlToText(html.slice(0, MAX_HTML_CHARS)) : '';
  const from = firstAddress(mail.from);
  const attachments = (mail.attachments ?? []).map((a, i) => ({
    filename: cleanFilename(a.filename) ?? `attachment-${i + 1}${extensionFor(a.contentType)}`,
    contentType: clean(a.contentType || 'application/octet-stream').toLowerCase().slice(0, 255),
    content: a.content,
    contentId: clean(a.contentId ?? a.cid).replace(/^<|>$/g, '') || undefined,
    inline: a.contentDisposition === 'inline' || a.related === true,
  }));
  return {
    rfcMessageId: normalizeMessageId(clean(mail.messageId)),
    inReplyTo: messageIdList(clean(mail.inReplyTo))[0],
    references: messageIdList(Array.isArray(mail.references) ? mail.references.map(clean) : clean(mail.references)),
    subject: clean(mail.subject).replace(/[\r\n]+/g, ' ').trim().slice(0, 998),
    from,
    replyTo: firstAddress(mail.replyTo)?.address,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    headers,
    contentType: headers.get('content-type'),
    text: clean(text).slice(0, MAX_TEXT_CHARS),
    html: html ? clean(html).slice(0, MAX_HTML_CHARS) : null,
    attachments,
    reportedMessageIds: reportedIds(attachments),
    parseError: undefined,
  };
}

function unreadable(raw: Buffer, error: unknown): ParsedEmail {
  return {
    rfcMessageId: undefined,
    inReplyTo: undefined,
    references: [],
    subject: '(unreadable message)',
    from: undefined,
    replyTo: undefined,
    to: [],
    cc: [],
    headers: new Map(),
    contentType: undefined,
    text: clean(raw.toString('utf8')).slice(0, MAX_TEXT_CHARS),
    html: null,
    attachments: [],
    reportedMessageIds: [],
    parseError: error instanceof Error ? error.message : String(error),
  };
}

function list(value: AddressObject | AddressObject[] | undefined): AddressObject[] {
  return Array.isArray(value) ? value : value ? [value] : [];
}

function flatten(value: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const out: { address: string; name: string }[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) walk(e.group);
      else if (e.address && /^[^\s@\u0000-\u001f]+@[^\s@\u0000-\u001f]+$/.test(e.address) && e.address.length <= 320) {
        out.push({ address: e.address.toLowerCase(), name: clean(e.name).trim().slice(0, 200) });
      }
    }
  };
  for (const obj of list(value)) walk(obj.value);
  return out;
}

function firstAddress(value: AddressObject | AddressObject[] | undefined) {
  return flatten(value)[0];
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  return flatten(value).map((a) => a.address);
}

/** No directories, no control characters, a sane length. */
function cleanFilename(name: string | undefined): string | undefined {
  const base = name?.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base ? base.slice(0, 255) : undefined;
}

function extensionFor(contentType: string | undefined): string {
  const known: Record<string, string> = { 'message/rfc822': '.eml', 'text/plain': '.txt', 'text/html': '.html', 'image/png': '.png', 'image/jpeg': '.jpg', 'application/pdf': '.pdf' };
  return known[(contentType ?? '').toLowerCase()] ?? '.bin';
}

function reportedIds(attachments: ParsedAttachment[]): string[] {
  const ids: string[] = [];
  for (const a of attachments) {
    if (a.contentType !== 'message/rfc822' && a.contentType !== 'text/rfc822-headers' && a.contentType !== 'message/rfc822-headers') continue;
    const head = a.content.subarray(0, 64 * 1024).toString('utf8');
    const match = /^message-id:\s*(<[^>\s]+>)/im.exec(head);
    const id = normalizeMessageId(match?.[1]);
    if (id) ids.push(id);
  }
  return ids;
}

/** PostgreSQL text and jsonb cannot hold NUL; mail can. */
function clean(value: string | undefined | null): string {
  return value ? value.replace(/\u0000/g, '') : '';
}
