/**
 * In Debian's Chromium: search 党费, see it highlighted, follow the result to the notice
 * page, land on the marked paragraph. (The README screenshots come from web-ui.test.ts.)
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPortal, type Portal } from '../support/portal.ts';
import { launchBrowser } from './browser.ts';

let portal: Portal;
let browser: Browser;

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  fs.rmSync(portal.dataDir, { recursive: true, force: true });
});

it('searches 党费 and follows the result to the highlighted paragraph', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${portal.url}/?q=${encodeURIComponent('党费')}`);
  const hit = page.locator('.hit', { hasText: '补缴2023年1月' });
  await hit.waitFor();
  expect(await hit.locator('mark').first().textContent()).toBe('党费');

  await hit.locator('a.hit-link').click();
  await page.waitForURL(/\/notices\/n[A-Za-z0-9]+/);
  const target = page.locator('.target');
  await target.waitFor();
  expect(await target.textContent()).toContain('补缴2023年1月—2025年6月党费共计2369元');
  const hash = new URL(page.url()).hash.slice(1);
  expect(await target.getAttribute('id')).toBe(hash);
  expect(await target.locator('mark').first().textContent()).toBe('党费');
  // The marked paragraph is on screen.
  const box = await target.boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeLessThan(900);
  await page.close();
});
