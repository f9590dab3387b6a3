import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Serves the agent web app (web/, built by Vite) from the same server as the API:
 * hashed assets under /assets/ (cached for a year), and index.html for every other
 * browser navigation (the SPA's router takes it from there).
 *
 * The build normally runs in `npm install`'s `prepare` lifecycle. When web/dist is missing
 * or older than its sources (a `git pull` without a reinstall), the first page request
 * builds it in-process, so `npm install && npm start` always serves the current app.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_ROOT = path.resolve(here, '../../web');
export const WEB_DIST = path.join(WEB_ROOT, 'dist');
const SOURCES = [path.join(WEB_ROOT, 'src'), path.join(WEB_ROOT, 'index.html'), path.join(WEB_ROOT, 'vite.config.ts'), path.resolve(here, '../../locales/web')];

/** Paths that belong to the server, never to the SPA: an unknown one stays a problem+json 404. */
const SERVER_PREFIXES = ['/api/', '/s/', '/f/', '/widget', '/healthz', '/readyz', '/assets/'];

/** Builds the web app with Vite's API into `outDir` (web/dist by default). */
export async function buildWebApp(outDir: string = WEB_DIST): Promise<void> {
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds set (vitest sets "test"), which would ship React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when the built index.html is missing, or older than a source file (when the sources are present). */
export function webBuildIsStale(distDir: string = WEB_DIST): boolean {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return true;
  if (!existsSync(path.join(WEB_ROOT, 'src'))) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

/** Text assets worth compressing, with the type they are served as. */
const COMPRESSIBLE: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

type Encoding = 'br' | 'gzip';

/** The encoding to send: brotli when the client takes it, else gzip, else none (`null`). */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  const offered = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
    .map(([name]) => (name ?? '').trim().toLowerCase());
  if (offered.includes('br')) return 'br';
  if (offered.includes('gzip') || offered.includes('*')) return 'gzip';
  return null;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Compressed copies of the hashed assets, made on the first request for each and kept: the files
 * never change under a name, there are a few dozen, and the largest (ECharts) takes ~0.5 s to
 * compress once. Without this the first load of the app is ~550 kB on the wire instead of ~170.
 */
function compressedAssets(distDir: string) {
  const cache = new Map<string, Promise<Buffer>>();
  return (file: string, encoding: Encoding): Promise<Buffer> => {
    const key = `${encoding}:${file}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = readFile(path.join(distDir, file)).then((bytes) =>
        encoding === 'br' ? brotli(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } }) : gzipAsync(bytes, { level: 9 }),
      );
      entry.catch(() => cache.delete(key));
      cache.set(key, entry);
    }
    return entry;
  };
}

function wantsHtml(request: FastifyRequest): boolean {
  const url = request.url.split('?')[0] ?? '/';
  if (SERVER_PREFIXES.some((prefix) => url === prefix.replace(/\/$/, '') || url.startsWith(prefix))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export interface WebAppOptions {
  /** Where the built app is (tests build into a temporary folder). */
  distDir?: string;
}

export async function webAppRoutes(app: FastifyInstance, options: WebAppOptions = {}) {
  const distDir = options.distDir ?? WEB_DIST;
  await app.register(fastifyStatic, { root: distDir, serve: false });

  let building: Promise<void> | null = webBuildIsStale(distDir) ? null : Promise.resolve();
  const ensureBuilt = () => {
    building ??= (async () => {
      app.log.info({ distDir }, 'building the web app (first request after an install or update)');
      await buildWebApp(distDir);
    })().catch((error: unknown) => {
      building = null;
      throw error;
    });
    return building;
  };

  const compressed = compressedAssets(distDir);
  app.get<{ Params: { '*': string } }>('/assets/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    await ensureBuilt();
    const name = request.params['*'];
    // Vite puts a content hash in every asset name: a changed file gets a new name.
    const type = COMPRESSIBLE[path.extname(name)];
    const encoding = pickEncoding(request.headers['accept-encoding']);
    const file = `assets/${name}`;
    // Only plain names inside assets/ (sendFile refuses the rest on its own; so must we). A name
    // that is not there fails to read and falls through to sendFile's 404.
    const body = type && encoding && /^[\w.-]+$/.test(name) ? await compressed(file, encoding).catch(() => null) : null;
    if (body && encoding && type) {
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'accept-encoding')
        .header('content-encoding', encoding)
        .type(type)
        .send(body);
    }
    if (type) reply.header('vary', 'accept-encoding');
    return reply.sendFile(file, { immutable: true, maxAge: 365 * 24 * 3600 * 1000 });
  });

  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (!wantsHtml(request)) return reply.callNotFound();
    await ensureBuilt();
    // Always revalidated: it names the current asset hashes.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
