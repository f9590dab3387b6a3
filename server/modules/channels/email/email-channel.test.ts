import net from 'node:net';
import nodemailer from 'nodemailer';
import { expect, it } from 'vitest';
import { createWorkspace } from '../../../../test/factories.ts';
import { call, describeEngines, testConfig } from '../../../../test/harness.ts';
import { startEmailChannel } from './email-channel.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describeEngines('email channel as the server starts it', (get) => {
  it('listens on GAPWISE_SMTP_PORT, keeps running when the port is taken, and is off with port 0', async () => {
    const ctx = get();
    const ws = await createWorkspace(ctx.app);
    const errors: object[] = [];
    const logger = { info() {}, warn() {}, error: (o: object) => errors.push(o) };
    const port = await freePort();
    const config = testConfig({ GAPWISE_SMTP_PORT: String(port), GAPWISE_SMTP_HOST: '127.0.0.1', GAPWISE_MAIL_DOMAIN: 'mail.gapwise.test', GAPWISE_WORKERS: '0' });
    const deps = { config, database: ctx.database, jobs: ctx.app.deps.jobs, clock: ctx.clock, logger };
    const channel = await startEmailChannel(deps);
    try {
      expect(channel.smtpPort).toBe(port);
      expect(channel.imap).toBeNull();
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'a@customer.example', to: `${ws.slug}@mail.gapwise.test`, subject: 'Via the server listener', text: 'hi' });
      transport.close();
      expect((await call(ctx.app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data[0].subject).toBe('Via the server listener');

      const second = await startEmailChannel(deps);
      expect(second.smtpPort).toBeNull();
      expect(errors).toEqual([expect.objectContaining({ port })]);
      await second.close();
    } finally {
      await channel.close();
    }
    const off = await startEmailChannel({ ...deps, config: testConfig({ GAPWISE_SMTP_PORT: '0', GAPWISE_WORKERS: '0' }) });
    expect(off.smtpPort).toBeNull();
    await off.close();
  });
});
