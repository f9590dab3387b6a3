import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The embeddable widget (web/widget/widget.ts) bundled on the fly with esbuild, once per process,
 * minified, and kept in memory with its gzip. esbuild is not a direct dependency: it is tsx's own
 * (tsx runs the server, so it is always installed), found through tsx when it is not hoisted.
 * So `npm install && npm start` serves /widget.js with no build step and no committed bundle.
 */
export interface WidgetBundle {
  js: Buffer;
  gzip: Buffer;
  etag: string;
}

export const WIDGET_ENTRY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/widget/widget.ts');

let cached: Promise<WidgetBundle> | null = null;

type Esbuild = typeof import('esbuild');

async function loadEsbuild(): Promise<Esbuild> {
  const require = createRequire(import.meta.url);
  let resolved: string;
  try {
    resolved = require.resolve('esbuild');
  } catch {
    resolved = createRequire(require.resolve('tsx/package.json')).resolve('esbuild');
  }
  const mod = (await import(pathToFileURL(resolved).href)) as Esbuild & { default?: Esbuild };
  return mod.default ?? mod;
}

export async function buildWidgetBundle(): Promise<WidgetBundle> {
  const esbuild = await loadEsbuild();
  const result = await esbuild.build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2019'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no widget bundle');
  const js = Buffer.from(file.contents);
  const gzip = gzipSync(js, { level: 9 });
  return { js, gzip, etag: `"${createHash('sha256').update(js).digest('base64url').slice(0, 27)}"` };
}

/** The bundle, built at first use; a failed build is retried on the next request. */
export function widgetBundle(): Promise<WidgetBundle> {
  cached ??= buildWidgetBundle().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
