import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { buildWebApp, webBuildIsStale } from '../server/http/web-app.ts';
import { createTestApp, type TestContext } from './harness.ts';

/**
 * What every browser suite needs: the built web app served by a test app on a real port (PGlite,
 * event stream started), and Debian's Chromium; axe-core and screenshots for the checks.
 */
export const ARTIFACTS = path.resolve('test-artifacts/web');
const AXE = path.resolve('node_modules/axe-core/axe.min.js');

export interface WebTestEnv {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
}

export async function startWebTestEnv(): Promise<WebTestEnv> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // `npm ci` builds web/dist (prepare); rebuild here only when the sources are newer.
  if (webBuildIsStale()) await buildWebApp();
  const ctx = await createTestApp('pglite');
  await ctx.app.deps.events.start();
  const baseUrl = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return { ctx, baseUrl, browser };
}

export async function stopWebTestEnv(ctx: TestContext | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await ctx?.app.close();
  await ctx?.app.deps.jobs.stop();
  await ctx?.testDb.drop();
}

/** axe-core in the page (or one part of it); serious and critical violations fail the test. */
export async function expectNoSeriousA11yViolations(page: Page, screen: string, include?: string) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  }, include ?? null);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${screen}: ${JSON.stringify(serious)}`).toEqual([]);
}

export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: options.fullPage ?? false });
}
