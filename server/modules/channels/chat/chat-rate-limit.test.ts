import { describe, expect, it } from 'vitest';
import { KeyedBuckets, TokenBucket } from './chat-rate-limit.ts';

describe('TokenBucket', () => {
  it.each([
    { name: 'a burst up to the capacity passes', takes: [0, 0, 0], expected: [true, true, true] },
    { name: 'beyond the capacity is refused', takes: [0, 0, 0, 0], expected: [true, true, true, false] },
    { name: 'tokens come back with time', takes: [0, 0, 0, 0, 1000], expected: [true, true, true, false, true] },
    { name: 'never more than the capacity', takes: [0, 60_000, 60_000, 60_000, 60_000], expected: [true, true, true, true, false] },
  ])('$name', ({ takes, expected }) => {
    const bucket = new TokenBucket(3, 1, 0);
    expect(takes.map((at) => bucket.take(at))).toEqual(expected);
  });

  it('keys do not share tokens', () => {
    const buckets = new KeyedBuckets(1, 1);
    expect([buckets.take('a', 0), buckets.take('a', 0), buckets.take('b', 0)]).toEqual([true, false, true]);
  });
});
