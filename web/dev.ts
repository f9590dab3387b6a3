/**
 * `npm run dev`: the API server with reload on change (tsx watch) and the Vite dev server
 * with hot module replacement in front of it (proxying /api). Open the Vite URL it prints.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const api = spawn(path.join(root, 'node_modules/.bin/tsx'), ['watch', 'server/main.ts'], { cwd: root, stdio: 'inherit' });
const vite = await createServer({ configFile: path.join(root, 'web/vite.config.ts') });
await vite.listen();
vite.printUrls();

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  api.kill('SIGTERM');
  await vite.close();
  process.exit(code);
};
api.on('exit', (code) => void stop(code ?? 0));
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
