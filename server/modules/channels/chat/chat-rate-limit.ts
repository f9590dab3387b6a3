/**
 * A token bucket (pure: the caller passes the time). Visitor messages are limited per socket and
 * per client address, so one page cannot flood an inbox by sending fast or by opening many sockets.
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#at = now;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.#at) / 1000;
    this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.refillPerSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** Buckets by key (a client address), forgetting keys idle long enough to be full again. */
export class KeyedBuckets {
  readonly #buckets = new Map<string, { bucket: TokenBucket; last: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
  ) {}

  take(key: string, now: number): boolean {
    let entry = this.#buckets.get(key);
    if (!entry) {
      if (this.#buckets.size > 10_000) this.#sweep(now);
      entry = { bucket: new TokenBucket(this.capacity, this.refillPerSecond, now), last: now };
      this.#buckets.set(key, entry);
    }
    entry.last = now;
    return entry.bucket.take(now);
  }

  #sweep(now: number) {
    const idleMs = (this.capacity / this.refillPerSecond) * 1000;
    for (const [key, entry] of this.#buckets) if (now - entry.last > idleMs) this.#buckets.delete(key);
  }
}
