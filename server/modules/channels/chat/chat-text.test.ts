import { describe, expect, it } from 'vitest';
import { cleanVisitorText } from './chat.service.ts';

describe('cleanVisitorText', () => {
  it.each([
    { name: 'plain text is kept', input: 'สวัสดีครับ, Děkuji!', output: 'สวัสดีครับ, Děkuji!' },
    { name: 'markup stays text (shown as text, never HTML)', input: '<script>alert(1)</script>', output: '<script>alert(1)</script>' },
    { name: 'CRLF and CR become LF', input: 'a\r\nb\rc', output: 'a\nb\nc' },
    { name: 'control characters are removed, tabs kept', input: 'a\u0000b\u0007c\td\u007f', output: 'abc\td' },
    { name: 'bidirectional overrides are removed', input: 'pay \u202Eevil\u202C now', output: 'pay evil now' },
    { name: 'surrounding blanks are trimmed', input: '  \n hi \n ', output: 'hi' },
    { name: 'only blanks and controls: empty', input: ' \u0000 \n', output: '' },
  ])('$name', ({ input, output }) => {
    expect(cleanVisitorText(input)).toBe(output);
  });
});
