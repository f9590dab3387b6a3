import { describe, expect, it } from 'vitest';
import { ProgressBar, renderBar } from './progress-bar.ts';

describe('progress bar', () => {
  it('renders done/total as a bar', () => {
    expect(renderBar(512, 1000, 10)).toBe('[#####-----] 512/1000 lines');
    expect(renderBar(0, 1000, 10)).toBe('[----------] 0/1000 lines');
    expect(renderBar(1000, 1000, 10)).toBe('[##########] 1000/1000 lines');
    expect(renderBar(7, null)).toBe('7 lines');
  });

  it('draws on a terminal with carriage returns, and stays silent otherwise', () => {
    const tty = { isTTY: true, text: '', write(s: string) { this.text += s; } };
    const bar = new ProgressBar(tty, 0);
    bar.update(1, 2);
    bar.update(2, 2);
    bar.finish();
    expect(tty.text).toBe(`\r${renderBar(1, 2)}\r${renderBar(2, 2)}\n`);

    const pipe = { isTTY: false, text: '', write(s: string) { this.text += s; } };
    const quiet = new ProgressBar(pipe, 0);
    quiet.update(1, 2);
    quiet.finish();
    expect(pipe.text).toBe('');
  });
});
