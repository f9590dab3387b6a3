import { describe, expect, it } from 'vitest';
import { sanitizeMessageHtml } from '../../tickets/message-body.ts';
import { foldHtml, foldText, joinFolded, textToHtml } from './quote-folding.ts';

describe('foldText', () => {
  it.each([
    [
      'English attribution and > quote',
      'Thanks, that worked.\n\nOn Mon, 3 Nov 2026 at 10:00, Acme Support <support@acme.example> wrote:\n> Please restart it.\n> Regards',
      { visible: 'Thanks, that worked.', quote: 'On Mon, 3 Nov 2026 at 10:00, Acme Support <support@acme.example> wrote:\n> Please restart it.\n> Regards' },
    ],
    [
      'attribution wrapped over two lines',
      'Yes please.\n\nOn Mon, 3 Nov 2026 at 10:00, Acme Support\n<support@acme.example> wrote:\n> Shall we?',
      { visible: 'Yes please.', quote: 'On Mon, 3 Nov 2026 at 10:00, Acme Support\n<support@acme.example> wrote:\n> Shall we?' },
    ],
    ['Thai attribution', 'ได้รับแล้วครับ\n\nเมื่อ จ. 3 พ.ย. 2569 10:00 Acme <s@a.example> เขียนว่า:\n> ข้อความเดิม', { visible: 'ได้รับแล้วครับ' }],
    ['Vietnamese attribution', 'Cảm ơn.\n\nVào Th 2, 3 thg 11, 2026 Acme <s@a.example> đã viết:\n> cũ', { visible: 'Cảm ơn.' }],
    ['Czech attribution', 'Děkuji.\n\nDne po 3. 11. 2026 v 10:00 Acme <s@a.example> napsal(a):\n> staré', { visible: 'Děkuji.' }],
    ['Malay attribution', 'Terima kasih.\n\nPada Isn, 3 Nov 2026, Acme <s@a.example> menulis:\n> lama', { visible: 'Terima kasih.' }],
    ['Outlook separator', 'Fine.\n\n-----Original Message-----\nFrom: Acme\nSent: Monday', { visible: 'Fine.', quote: '-----Original Message-----\nFrom: Acme\nSent: Monday' }],
    ['Outlook rule and From:', 'Fine.\n________________________________\nFrom: Acme <s@a.example>\nSent: Monday', { visible: 'Fine.' }],
    ['only a quote (nothing new): nothing folded', '> just quoting\n> you', { visible: '> just quoting\n> you', quote: null }],
    ['a quote in the middle stays', 'Look:\n> your words\nmy answer', { visible: 'Look:\n> your words\nmy answer', quote: null }],
  ])('%s', (_name, text, expected) => {
    expect(foldText(text)).toMatchObject(expected);
  });

  it.each([
    ['RFC 3676 delimiter', 'Hello\n\n-- \nJan Novák\nAcme s.r.o.', { visible: 'Hello', signature: '-- \nJan Novák\nAcme s.r.o.' }],
    ['sent from my phone', 'Hello\n\nSent from my iPhone', { visible: 'Hello', signature: 'Sent from my iPhone' }],
    ['no signature', 'Hello\nthere', { visible: 'Hello\nthere', signature: null }],
    ['signature before the quote', 'Hi\n-- \nJan\n\nOn Mon, 3 Nov 2026, A <a@b> wrote:\n> old', { visible: 'Hi', signature: '-- \nJan', quote: 'On Mon, 3 Nov 2026, A <a@b> wrote:\n> old' }],
  ])('signature: %s', (_name, text, expected) => {
    expect(foldText(text)).toMatchObject(expected);
  });
});

describe('foldHtml', () => {
  it.each([
    ['Gmail', '<div>New text</div><div class="gmail_quote gmail_quote_container"><div>On Mon wrote:</div><blockquote>old</blockquote></div>', 'gmail_quote'],
    ['Apple Mail / Thunderbird', '<p>New</p><blockquote type="cite">old</blockquote>', 'cite'],
    ['Outlook', '<p>New</p><div id="divRplyFwdMsg"><b>From:</b> x</div><div>old</div>', 'divRplyFwdMsg'],
  ])('%s quote', (_name, html, marker) => {
    const parts = foldHtml(html);
    expect(parts.quote).toContain(marker);
    expect(parts.visible).not.toContain(marker);
    expect(parts.visible).toContain('New');
  });

  it('folds a Gmail signature and keeps a mail without quote whole', () => {
    const withSig = foldHtml('<div>Hello</div><div class="gmail_signature">Jan<br>Acme</div>');
    expect(withSig).toEqual({ visible: '<div>Hello</div>', signature: '<div class="gmail_signature">Jan<br>Acme</div>', quote: null });
    expect(foldHtml('<p>Only new text</p>')).toEqual({ visible: '<p>Only new text</p>', signature: null, quote: null });
    expect(foldHtml('<blockquote type="cite">only old</blockquote>').quote).toBeNull();
  });

  it('wraps folded parts in a flag sanitising cannot forge', () => {
    const forged = sanitizeMessageHtml('<div data-gapwise-fold="quote">not ours</div>');
    expect(forged).not.toContain('data-gapwise-fold');
    const html = joinFolded({ visible: '<p>a</p>', signature: '<p>b</p>', quote: '<p>c</p>' });
    expect(html).toBe('<p>a</p><div data-gapwise-fold="signature"><p>b</p></div><div data-gapwise-fold="quote"><p>c</p></div>');
  });

  it('turns text into escaped paragraphs', () => {
    expect(textToHtml('a <b>\nc\n\nd')).toBe('<p>a &lt;b&gt;<br>c</p><p>d</p>');
    expect(textToHtml('  ')).toBe('');
  });
});
