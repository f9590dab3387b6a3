import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Config } from '../config.ts';
import { importTickets, operatorContext } from '../modules/imports/imports.service.ts';
import { systemClock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { openInstance } from './instance.ts';
import { ProgressBar } from './progress-bar.ts';

export interface Output {
  stdout: { write(chunk: string): unknown };
  stderr: { isTTY?: boolean | undefined; write(chunk: string): unknown };
}

/** Errors listed after the summary; the import row keeps up to 1,000. */
const SHOWN_ERRORS = 20;

function readLines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
}

/** A first pass so the progress bar knows the end (reading is far faster than importing). */
async function countNonBlankLines(file: string): Promise<number> {
  let n = 0;
  for await (const line of readLines(file)) if (line.trim() !== '') n++;
  return n;
}

/**
 * `gapwise import <file.ndjson> [--workspace <slug>]`: imports ticket history
 * straight into the configured database through the import service (no
 * HTTP), as the instance administrator or the workspace owner. Returns the
 * exit code: 0 when every line was created or skipped, 1 otherwise.
 */
export async function runImport(config: Config, file: string, workspace: string | null, out: Output): Promise<number> {
  try {
    await access(file);
  } catch {
    out.stderr.write(`gapwise import: cannot read ${file}\n`);
    return 1;
  }
  const total = await countNonBlankLines(file);
  const { database, bootstrapped } = await openInstance(config, systemClock);
  try {
    if (bootstrapped) out.stderr.write(`Empty database: created the first workspace "main" with admin ${config.adminEmail}.\n`);
    let operator: Awaited<ReturnType<typeof operatorContext>>;
    try {
      operator = await operatorContext(database.db, workspace, systemClock.now());
    } catch (error) {
      if (error instanceof AppError) {
        out.stderr.write(`gapwise import: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    out.stderr.write(`Importing ${file} into workspace "${operator.workspaceSlug}" as ${operator.operatorEmail}\n`);
    const bar = new ProgressBar(out.stderr);
    bar.update(0, total);
    const report = await importTickets(database.db, operator.ctx, readLines(file), (p) => bar.update(p.processed, p.total), {
      totalLines: total,
      clock: systemClock,
    });
    bar.finish();

    out.stdout.write(
      `Import ${report.id}: ${report.total_lines} lines, ${report.created} created, ${report.skipped} skipped, ${report.failed} failed\n`,
    );
    for (const e of report.errors.slice(0, SHOWN_ERRORS)) out.stderr.write(`  line ${e.line}: ${e.code}: ${e.message}\n`);
    if (report.failed > SHOWN_ERRORS) {
      out.stderr.write(`  … and ${report.failed - SHOWN_ERRORS} more (GET /api/v1/imports/${report.id} lists up to 1,000)\n`);
    }
    return report.failed > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}
