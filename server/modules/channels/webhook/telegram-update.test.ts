import { describe, expect, it } from 'vitest';
import { TELEGRAM_UPDATES } from './telegram-fixtures.ts';
import { parseTelegramUpdate, splitForTelegram } from './telegram-update.ts';

describe('parseTelegramUpdate', () => {
  it('a text message from a private chat', () => {
    expect(parseTelegramUpdate(TELEGRAM_UPDATES.text)).toEqual({
      kind: 'message',
      updateId: 900001,
      edited: false,
      chatId: '5550001',
      sender: { id: '5550001', handle: 'nguyenan', name: 'Nguyen An' },
      text: 'Xin chào, đơn hàng của tôi bị trễ',
      attachments: [],
    });
  });
  it('an edited message', () => {
    expect(parseTelegramUpdate(TELEGRAM_UPDATES.edited)).toMatchObject({ kind: 'message', edited: true, text: 'Xin chào, đơn hàng #42 của tôi bị trễ' });
  });
  it('a photo with a caption: the largest size', () => {
    expect(parseTelegramUpdate(TELEGRAM_UPDATES.photo)).toMatchObject({
      text: 'Ảnh gói hàng bị hỏng',
      attachments: [{ kind: 'photo', file_id: 'AgAC-large', size: 81234, content_type: 'image/jpeg' }],
    });
  });
  it('a document in a group: the conversation is the group', () => {
    expect(parseTelegramUpdate(TELEGRAM_UPDATES.document)).toMatchObject({
      chatId: '-100200300',
      sender: { id: '5550002', name: 'Petr' },
      text: '',
      attachments: [{ kind: 'document', filename: 'faktura.pdf', content_type: 'application/pdf', size: 52000 }],
    });
  });
  it('a sticker counts as a file', () => {
    expect(parseTelegramUpdate(TELEGRAM_UPDATES.sticker)).toMatchObject({ kind: 'message', attachments: [{ kind: 'sticker' }] });
  });
  const ignored: [string, unknown][] = [
    ['callback query', TELEGRAM_UPDATES.callbackQuery],
    ['from a bot', TELEGRAM_UPDATES.fromBot],
    ['not an object', 'hello'],
    ['no update id', { message: TELEGRAM_UPDATES.text.message }],
    ['no chat', { update_id: 1, message: { from: { id: 1 }, text: 'x' } }],
    ['empty text', { update_id: 1, message: { from: { id: 1 }, chat: { id: 1 }, text: '' } }],
  ];
  it.each(ignored)('ignores: %s', (_label, update) => {
    expect(parseTelegramUpdate(update).kind).toBe('ignored');
  });
});

describe('splitForTelegram', () => {
  it('keeps short text whole and splits long text at spaces within the limit', () => {
    expect(splitForTelegram('hello')).toEqual(['hello']);
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const parts = splitForTelegram(long, 50);
    expect(parts.every((p) => [...p].length <= 50)).toBe(true);
    expect(parts.join(' ')).toBe(long);
    expect(splitForTelegram('x'.repeat(120), 50).map((p) => p.length)).toEqual([50, 50, 20]);
    expect(splitForTelegram('ก'.repeat(5000)).map((p) => [...p].length)).toEqual([4096, 904]);
  });
});
