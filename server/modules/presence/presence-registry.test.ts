import { describe, expect, it } from 'vitest';
import { type PresenceEntry, PresenceRegistry } from './presence-registry.ts';

const W = 'w';
const T = 't';
const entry = (clientId: string, userId: string, name: string, state: PresenceEntry['state'], expiresAt = 100): PresenceEntry => ({
  workspaceId: W,
  ticketId: T,
  clientId,
  userId,
  name,
  state,
  expiresAt,
});

describe('PresenceRegistry', () => {
  it('shows one line per agent, replying in any tab winning, sorted by name', () => {
    const r = new PresenceRegistry();
    expect(r.set(entry('c1', 'u2', 'Zoe', 'viewing'), 0)).toBe(true);
    expect(r.set(entry('c2', 'u1', 'Anna', 'viewing'), 0)).toBe(true);
    expect(r.set(entry('c3', 'u2', 'Zoe', 'replying'), 0)).toBe(true);
    expect(r.snapshot(W, T, 0)).toEqual([
      { user_id: 'u1', name: 'Anna', state: 'viewing' },
      { user_id: 'u2', name: 'Zoe', state: 'replying' },
    ]);
    expect(r.snapshot(W, 'other', 0)).toEqual([]);
    expect(r.snapshot('other', T, 0)).toEqual([]);
  });

  it('a heartbeat that changes nothing visible reports no change', () => {
    const r = new PresenceRegistry();
    r.set(entry('c1', 'u1', 'Anna', 'viewing', 100), 0);
    expect(r.set(entry('c1', 'u1', 'Anna', 'viewing', 200), 50)).toBe(false);
    expect(r.set(entry('c2', 'u1', 'Anna', 'viewing', 200), 50)).toBe(false);
    expect(r.set(entry('c1', 'u1', 'Anna', 'replying', 200), 50)).toBe(true);
  });

  it('expires tabs without a heartbeat, and only the agent’s own tab can leave', () => {
    const r = new PresenceRegistry();
    r.set(entry('c1', 'u1', 'Anna', 'viewing', 100), 0);
    r.set(entry('c2', 'u2', 'Bob', 'viewing', 200), 0);
    expect(r.snapshot(W, T, 100).map((a) => a.name)).toEqual(['Bob']);
    expect(r.sweep(99)).toEqual([]);
    expect(r.sweep(150)).toEqual([{ workspaceId: W, ticketId: T }]);
    expect(r.remove(W, T, 'c2', 'u1', 150)).toBe(false);
    expect(r.snapshot(W, T, 150).map((a) => a.name)).toEqual(['Bob']);
    expect(r.remove(W, T, 'c2', 'u2', 150)).toBe(true);
    expect(r.snapshot(W, T, 150)).toEqual([]);
    expect(r.sweep(1000)).toEqual([]);
  });
});
