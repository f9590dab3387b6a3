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

  it('leaves outbound mail off by default, with a local sender', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Gapwise <no-reply@localhost>' });
  });

  it('reads the SMTP relay and the sender', () => {
    const c = loadConfig({
      GAPWISE_SMTP_URL: 'smtps://relay%40example.com:p%40ss@mail.example.com:465',
      GAPWISE_MAIL_FROM: 'Podpora Gapwise <podpora@example.cz>',
    });
    expect(c).toMatchObject({ smtpUrl: 'smtps://relay%40example.com:p%40ss@mail.example.com:465', mailFrom: 'Podpora Gapwise <podpora@example.cz>' });
    expect(loadConfig({ GAPWISE_SMTP_URL: 'smtp://mail.example.com:587', GAPWISE_MAIL_FROM: 'help@example.com' })).toMatchObject({
      smtpUrl: 'smtp://mail.example.com:587',
      mailFrom: 'help@example.com',
    });
  });

  it.each([
    ['GAPWISE_SMTP_URL', 'http://mail.example.com'],
    ['GAPWISE_SMTP_URL', 'mail.example.com:587'],
    ['GAPWISE_SMTP_URL', 'smtp://'],
    ['GAPWISE_MAIL_FROM', 'Gapwise'],
    ['GAPWISE_MAIL_FROM', 'a@example.com, b@example.com'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}: must be`));
  });

  it('does not echo the SMTP password when rejecting the URL', () => {
    expect(() => loadConfig({ GAPWISE_SMTP_URL: 'imap://user:secret-pass@mail.example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ GAPWISE_SMTP_URL: 'imap://user:secret-pass@mail.example.com' })).not.toThrow(/secret-pass/);
  });
});
