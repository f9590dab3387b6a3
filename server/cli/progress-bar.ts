/**
 * A one-line progress bar for a terminal: `\r[#####-----] 512/1000 lines`.
 * When the stream is not a terminal (a pipe, a log file, CI) it stays
 * silent, so logs never fill with carriage returns.
 */
export function renderBar(done: number, total: number | null, width = 30): string {
  if (!total) return `${done} lines`;
  const filled = Math.min(width, Math.round((done / total) * width));
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} lines`;
}

export interface ProgressStream {
  isTTY?: boolean | undefined;
  write(chunk: string): unknown;
}

export class ProgressBar {
  #last = '';
  #lastAt = 0;
  #drawn = false;
  constructor(
    private readonly stream: ProgressStream,
    private readonly minIntervalMs = 100,
  ) {}

  update(done: number, total: number | null): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    const finished = total !== null && done >= total;
    // Redrawing on every line would cost more than importing it.
    if (!finished && now - this.#lastAt < this.minIntervalMs) return;
    const text = renderBar(done, total);
    if (text === this.#last) return;
    this.stream.write(`\r${text}`);
    this.#last = text;
    this.#lastAt = now;
    this.#drawn = true;
  }

  /** Ends the bar's line so what follows starts on a fresh one. */
  finish(): void {
    if (this.#drawn) this.stream.write('\n');
    this.#drawn = false;
  }
}
