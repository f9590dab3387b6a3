import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config.ts';

/**
 * The `gapwise` command (bin/gapwise.js, or `npm run gapwise -- <command>`).
 * Settings come from the environment, as for the server (see README).
 * Exit codes: 0 success, 1 failure (e.g. an import line failed), 2 bad usage
 * or configuration. Commands load their modules when run, so `help` is quick.
 */
const HELP = `Usage: gapwise <command> [options]

Commands:
  start                              Start the server (same as npm start)
  migrate                            Apply pending database migrations and exit
  import <file.ndjson> [--workspace <slug>]
                                     Import ticket history, one JSON ticket per line,
                                     straight into the database (no server needed).
                                     Default workspace: the instance administrator's.
                                     Already imported external_ids are skipped.
                                     Exit code 1 if any line failed.
  help                               Show this help

Settings come from the environment (DATABASE_URL, GAPWISE_DATA_DIR, ...).
With the embedded database (no DATABASE_URL), stop the server before
importing: only one process may open a PGlite data directory.
`;

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function migrate(): Promise<number> {
  const config = configOrExit();
  const { createDatabase } = await import('../platform/db.ts');
  const { migrateToLatest } = await import('../platform/migrate.ts');
  const { databaseOptions } = await import('../server.ts');
  const database = await createDatabase(databaseOptions(config));
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length === 0) process.stdout.write('The database is up to date.\n');
    for (const name of applied) process.stdout.write(`applied ${name}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function importCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseImportArgs>;
  try {
    parsed = parseImportArgs(args);
  } catch (error) {
    process.stderr.write(`gapwise import: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { runImport } = await import('./import-command.ts');
  return runImport(configOrExit(), parsed.file, parsed.workspace, { stdout: process.stdout, stderr: process.stderr });
}

function parseImportArgs(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { workspace: { type: 'string', short: 'w' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1 || !positionals[0]) throw new Error('give exactly one file');
  return { file: positionals[0], workspace: values.workspace ?? null };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      // server/main.ts starts the server when loaded, and owns the process from there.
      await import('../main.ts');
      return -1;
    case 'migrate':
      return migrate();
    case 'import':
      return importCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    default:
      process.stderr.write(command ? `Unknown command: ${command}\n\n${HELP}` : HELP);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
