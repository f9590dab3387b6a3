import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts'],
    // Each test file gets its own PGlite (and PostgreSQL database); two at a time on two cores.
    pool: 'forks',
    maxWorkers: 2,
    // Generous limits: a loaded 2-core CI machine can make a heavy test (200 survey answers, a
    // browser flow) several times slower; a limit is a hang detector, not a speed assertion.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // expect.poll's default (1 s) is shorter than one round trip of a browser flow under load.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
