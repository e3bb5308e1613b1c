import { expect, it } from 'vitest';
import { samplePortalForFile } from './browser.ts';

const sample = samplePortalForFile();

const total = async (page: import('playwright-core').Page) => Number(await page.getByTestId('total').textContent());

it('shows the lead and the item that holds 党费 when 党费 is searched within 基层党组织', async () => {
  const page = await sample.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${sample.portal.url}/?q=${encodeURIComponent('基层党组织')}&q=${encodeURIComponent('党费')}`);
  const hit = page.locator('.hit', { hasText: '基层党组织建设有差距方面' });
  await hit.waitFor();
  const passages = hit.locator('.hit-text');
  expect(await passages.count()).toBe(2);
  expect(await passages.nth(1).textContent()).toBe('四是退休党员补缴了所欠党费。');
  expect(await passages.nth(1).locator('mark').textContent()).toBe('党费');
  await page.close();
});

it('offers 党费 for 党废 under the empty result, with its count, and searches it on a click', async () => {
  const page = await sample.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${sample.portal.url}/?q=${encodeURIComponent('党废')}`);
  const offer = page.locator('.did-you-mean');
  await offer.waitFor();
  expect(await total(page)).toBeLessThan(3);
  const first = offer.locator('li').first();
  const count = Number(/（(\d+) 个段落）/.exec((await first.textContent()) ?? '')?.[1]);
  expect(await first.getByRole('button').textContent()).toBe('党费');
  expect(count).toBeGreaterThan(0);
  await first.getByRole('button').click();
  await page.waitForURL((u) => u.searchParams.get('q') === '党费');
  await expect.poll(() => total(page)).toBe(count);
  await page.close();
});
