import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives a working zero-config default', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, demo: true, databaseUrl: undefined, adminEmail: 'admin@gapwise.local' });
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every setting it documents', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/gapwise',
      GAPWISE_DEMO: '0',
      GAPWISE_DATA_DIR: '/var/lib/gapwise',
      GAPWISE_SESSION_TTL_HOURS: '2',
      GAPWISE_ADMIN_EMAIL: 'Boss@Example.com',
    });
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@db:5432/gapwise', demo: false, dataDir: '/var/lib/gapwise', sessionTtlMs: 7_200_000, adminEmail: 'boss@example.com' });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('rejects bad settings with a message naming each one', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', GAPWISE_DEMO: 'maybe', GAPWISE_ADMIN_PASSWORD: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'GAPWISE_DEMO', 'GAPWISE_ADMIN_PASSWORD']) expect(message).toContain(name);
  });
});
