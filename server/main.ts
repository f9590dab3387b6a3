import { ConfigError, loadConfig } from './config.ts';
import { startServer } from './server.ts';

/** `npm start`: parse config, start, print where to go, shut down gracefully. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const server = await startServer(config);
  // Listening on every interface: the address to open in a browser on this machine is localhost.
  const port = new URL(server.url).port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? `http://localhost:${port}` : server.url;
  const engine = server.database.engine === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL';
  server.app.log.info({ startup: server.startup, engine: server.database.engine }, 'gapwise started');
  const lines = [
    '',
    `  Gapwise is running at ${shown}  (database: ${engine})`,
    `  API docs: ${shown}/api/docs`,
  ];
  if (server.startup.bootstrapped) {
    lines.push(`  Sign in as ${config.adminEmail} / ${config.adminPassword === 'gapwise-demo' ? 'gapwise-demo' : '(GAPWISE_ADMIN_PASSWORD)'}`);
    if (server.startup.demoTickets > 0) lines.push(`  Demo workspace loaded with ${server.startup.demoTickets} tickets (GAPWISE_DEMO=0 to start empty).`);
  }
  lines.push(`  Started in ${server.startup.ms} ms.`, '');
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      server.app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      (error) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
