import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
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

  app.get<{ Params: { '*': string } }>('/assets/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    await ensureBuilt();
    // Vite puts a content hash in every asset name: a changed file gets a new name.
    return reply.sendFile(`assets/${request.params['*']}`, { immutable: true, maxAge: 365 * 24 * 3600 * 1000 });
  });

  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (!wantsHtml(request)) return reply.callNotFound();
    await ensureBuilt();
    // Always revalidated: it names the current asset hashes.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
