import { expect, it } from 'vitest';
import { samplePortalForFile } from './browser.ts';

const sample = samplePortalForFile();

it('searches 党费 and follows the result to the highlighted paragraph', async () => {
  const page = await sample.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${sample.portal.url}/?q=${encodeURIComponent('党费')}`);
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
