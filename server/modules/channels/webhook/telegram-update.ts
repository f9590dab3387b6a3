/**
 * The Telegram Bot API `Update` object, as far as a help desk needs it (pure, no I/O):
 * messages and edited messages from private or group chats, their text or a photo/document with
 * a caption. Everything else (callback queries, channel posts, member updates, …) is ignored and
 * answered 200, because Telegram retries any other answer.
 * https://core.telegram.org/bots/api#update
 */

export interface TelegramAttachment {
  kind: 'photo' | 'document' | 'voice' | 'video' | 'audio' | 'sticker';
  file_id: string;
  filename?: string;
  content_type?: string;
  size?: number;
}

export type ParsedTelegramUpdate =
  | {
      kind: 'message';
      updateId: number;
      edited: boolean;
      chatId: string;
      sender: { id: string; handle?: string; name?: string };
      text: string;
      attachments: TelegramAttachment[];
    }
  | { kind: 'ignored'; updateId: number | null; reason: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function attachmentsOf(message: Obj): TelegramAttachment[] {
  const out: TelegramAttachment[] = [];
  if (Array.isArray(message.photo) && message.photo.length > 0) {
    // Telegram sends several sizes of one photo; the last is the largest.
    const largest = message.photo.filter(isObj).at(-1);
    const id = largest ? str(largest.file_id) : undefined;
    if (largest && id) out.push({ kind: 'photo', file_id: id, content_type: 'image/jpeg', ...(num(largest.file_size) !== undefined ? { size: num(largest.file_size) } : {}) });
  }
  for (const kind of ['document', 'voice', 'video', 'audio', 'sticker'] as const) {
    const file = message[kind];
    if (!isObj(file) || !str(file.file_id)) continue;
    out.push({
      kind,
      file_id: str(file.file_id) as string,
      ...(str(file.file_name) ? { filename: str(file.file_name) } : {}),
      ...(str(file.mime_type) ? { content_type: str(file.mime_type) } : {}),
      ...(num(file.file_size) !== undefined ? { size: num(file.file_size) } : {}),
    });
  }
  return out;
}

export function parseTelegramUpdate(update: unknown): ParsedTelegramUpdate {
  if (!isObj(update)) return { kind: 'ignored', updateId: null, reason: 'not an object' };
  const updateId = num(update.update_id) ?? null;
  if (updateId === null) return { kind: 'ignored', updateId, reason: 'no update_id' };
  const edited = isObj(update.edited_message);
  const message = edited ? update.edited_message : update.message;
  if (!isObj(message)) return { kind: 'ignored', updateId, reason: 'not a message' };
  const chat = isObj(message.chat) ? message.chat : undefined;
  const from = isObj(message.from) ? message.from : undefined;
  const chatId = chat ? (num(chat.id) ?? str(chat.id)) : undefined;
  const fromId = from ? (num(from.id) ?? str(from.id)) : undefined;
  if (chatId === undefined || fromId === undefined) return { kind: 'ignored', updateId, reason: 'no chat or sender' };
  if (from?.is_bot === true) return { kind: 'ignored', updateId, reason: 'from a bot' };
  const attachments = attachmentsOf(message);
  const text = str(message.text) ?? str(message.caption) ?? '';
  if (text.trim() === '' && attachments.length === 0) return { kind: 'ignored', updateId, reason: 'no text or file' };
  const name = [str(from?.first_name), str(from?.last_name)].filter(Boolean).join(' ');
  return {
    kind: 'message',
    updateId,
    edited,
    chatId: String(chatId),
    sender: { id: String(fromId), ...(str(from?.username) ? { handle: str(from?.username) } : {}), ...(name ? { name } : {}) },
    text,
    attachments,
  };
}

/** Telegram's sendMessage takes at most 4096 characters: longer replies go as several messages. */
export const TELEGRAM_TEXT_LIMIT = 4096;

export function splitForTelegram(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const chars = [...text];
  if (chars.length === 0) return ['(empty reply)'];
  const parts: string[] = [];
  let rest = chars;
  while (rest.length > limit) {
    // Break at the last newline or space in the window when there is one, else hard.
    const window = rest.slice(0, limit);
    let cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    if (cut < limit / 2) cut = limit;
    parts.push(rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(cut);
    while (rest[0] === '\n' || rest[0] === ' ') rest = rest.slice(1);
  }
  if (rest.length > 0) parts.push(rest.join(''));
  return parts;
}
