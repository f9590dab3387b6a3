import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN = 'admin@cli.test';

/** Runs bin/gapwise.js as a child process on its own PGlite data directory. */
function gapwise(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, GAPWISE_DATA_DIR: dataDir, GAPWISE_DEMO: '0', GAPWISE_ADMIN_EMAIL: ADMIN, LOG_LEVEL: 'silent', GAPWISE_SMTP_PORT: '0' };
  // The embedded database, whatever the test run uses.
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/gapwise.js'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const line = (externalId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    external_id: externalId,
    subject: `Imported ${externalId}`,
    channel: 'email',
    status: 'solved',
    created_at: '2025-03-01T08:00:00Z',
    customer: { email: `${externalId}@example.com` },
    assignee_email: ADMIN,
    messages: [
      { kind: 'customer', body_text: 'สวัสดีครับ', created_at: '2025-03-01T08:00:00Z' },
      { kind: 'public_reply', author_email: ADMIN, body_text: 'Xin chào', created_at: '2025-03-01T09:00:00Z' },
    ],
    status_changes: [{ to: 'solved', at: '2025-03-01T09:00:00Z', by_email: ADMIN }],
    ...extra,
  });

describe('gapwise CLI', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gapwise-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a file into a fresh database, reports failed lines, and exits 1; a second run skips what is there', async () => {
    const dataDir = path.join(dir, 'data');
    const withError = path.join(dir, 'tickets.ndjson');
    await writeFile(withError, [line('cli-1'), '{"external_id": oops', line('cli-3'), ''].join('\n'));

    const first = await gapwise(['import', withError], dataDir);
    expect(first.stderr).toMatch(/created the first workspace "main"/);
    expect(first.stdout).toMatch(/3 lines, 2 created, 0 skipped, 1 failed/);
    expect(first.stderr).toMatch(/line 2: malformed_json/);
    // Not a terminal: no progress bar redraws in the output.
    expect(first.stderr).not.toContain('\r');
    expect(first.code).toBe(1);

    const clean = path.join(dir, 'clean.ndjson');
    await writeFile(clean, [line('cli-1'), line('cli-3')].join('\n'));
    const second = await gapwise(['import', clean, '--workspace', 'main'], dataDir);
    expect(second.stdout).toMatch(/2 lines, 0 created, 2 skipped, 0 failed/);
    expect(second.code).toBe(0);

    const unknown = await gapwise(['import', clean, '--workspace', 'nope'], dataDir);
    expect(unknown.stderr).toMatch(/Workspace "nope"/);
    expect(unknown.code).toBe(1);
  }, 180_000);

  it('prints help, and refuses unknown commands and bad usage with exit code 2', async () => {
    const help = await gapwise(['help'], path.join(dir, 'unused'));
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/import <file\.ndjson> \[--workspace <slug>\]/);
    const unknown = await gapwise(['frobnicate'], path.join(dir, 'unused'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command: frobnicate/);
    const usage = await gapwise(['import'], path.join(dir, 'unused'));
    expect(usage.code).toBe(2);
  }, 60_000);
});
