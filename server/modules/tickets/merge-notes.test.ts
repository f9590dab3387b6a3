import { describe, expect, it } from 'vitest';
import { mergedIntoNote, noteLocale, TRANSCRIPT_MAX_CHARS, transcriptNote } from './merge-notes.ts';

const at = new Date('2026-01-05T03:00:00Z');

describe('merge notes', () => {
  it.each([
    ['en', 'This ticket was merged into ticket #7 and closed.'],
    ['th', 'ทิกเก็ตนี้ถูกรวมเข้ากับทิกเก็ต #7 และปิดแล้ว'],
    ['vi', 'Phiếu này đã được gộp vào phiếu #7 và đã đóng.'],
    ['cs', 'Tento tiket byl sloučen do tiketu #7 a uzavřen.'],
    ['ms', 'Tiket ini telah digabungkan ke dalam tiket #7 dan ditutup.'],
  ] as const)('%s: the source note names the target', (locale, text) => {
    expect(mergedIntoNote(locale, 7)).toBe(text);
  });

  it('unknown or missing locales fall back to English', () => {
    expect(noteLocale('de')).toBe('en');
    expect(noteLocale(null)).toBe('en');
    expect(noteLocale('th')).toBe('th');
  });

  it('the transcript lists each message with its kind, channel and UTC time, oldest first', () => {
    const text = transcriptNote('en', { number: 3, subject: 'Printer' }, [
      { kind: 'customer', channel: 'email', body_text: ' Help! ', created_at: at },
      { kind: 'public_reply', channel: 'api', body_text: 'On it', created_at: new Date(at.getTime() + 60_000) },
    ]);
    expect(text).toBe(
      'Ticket #3 “Printer” was merged into this ticket. Its conversation:\n\n— Customer · email · 2026-01-05 03:00 UTC\nHelp!\n\n— Public reply · api · 2026-01-05 03:01 UTC\nOn it',
    );
  });

  it('stops before the size limit and says how many messages stayed on the source', () => {
    const long = { kind: 'customer' as const, channel: 'email', body_text: 'x'.repeat(60), created_at: at };
    const text = transcriptNote('vi', { number: 9, subject: 'S' }, [long, long, long], 200);
    expect(text.length).toBeLessThan(260);
    expect(text).toContain('Còn 2 tin nhắn khác trong phiếu #9.');
    expect(TRANSCRIPT_MAX_CHARS).toBeLessThan(256 * 1024);
  });
});
