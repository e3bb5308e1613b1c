/**
 * Shared by the browser tests: Debian's Chromium through playwright-core, a portal loaded with
 * the browser-test corpus, and the axe-core accessibility check.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ROOT, startPortal, tempDataDir, type Portal } from '../support/portal.ts';
import { writeTestCorpus } from './corpus.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
/**
 * The README's pictures are refreshed only on request (`npm run screenshots`); an ordinary test
 * run writes its screenshots into the ignored .tmp/ so that it leaves the work tree as it was.
 */
export const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : path.join(ROOT, '.tmp', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * For one test file: a portal on the sample notices and Chromium, started before its tests
 * and stopped (the portal's data removed) after them. Read the fields inside tests only.
 */
export function samplePortalForFile(): { readonly portal: Portal; readonly browser: Browser } {
  const started = {} as { portal: Portal; browser: Browser };
  beforeAll(async () => {
    [started.portal, started.browser] = await Promise.all([startPortal(), launchBrowser()]);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.portal?.stop();
    if (started.portal) fs.rmSync(started.portal.dataDir, { recursive: true, force: true });
  });
  return started;
}

/** A portal on an empty archive, then the test corpus indexed into it (the indexer reuses its Meilisearch). */
export async function startCorpusPortal(): Promise<{ portal: Portal; cleanup(): Promise<void> }> {
  const dataDir = tempDataDir('web-ui-test-');
  const corpusDir = tempDataDir('web-ui-corpus-');
  const portal = await startPortal({ dataDir, env: { LOAD_SAMPLES: '0' } });
  const files = writeTestCorpus(corpusDir);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', ...files], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, MEILI_URL: '' },
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (r.status !== 0) {
    await portal.stop();
    throw new Error(`indexing the test corpus failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return {
    portal,
    async cleanup() {
      await portal.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(corpusDir, { recursive: true, force: true });
    },
  };
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through DevTools, so the portal's Content-Security-Policy (script-src 'self') does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

/** The results shown are those of the current URL, and nothing is loading. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = document.querySelector<HTMLElement>('main.results');
    return !!m && m.getAttribute('aria-busy') === 'false' && m.dataset.key === new URLSearchParams(location.search).toString();
  });
}
