import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { settled, samplePortalForFile } from './browser.ts';

const sample = samplePortalForFile();

/** A page that records every API request it makes (decoded, so a test can look for the text searched). */
async function recordingPage(): Promise<{ page: Page; cdp: CDPSession; api: string[] }> {
  const page = await sample.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => {
    throw e;
  });
  const api: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) api.push(decodeURIComponent(`${u.pathname}${u.search}`));
  });
  return { page, cdp: await page.context().newCDPSession(page), api };
}

/** Types pinyin key by key into the focused field, as a composing input method shows it. */
async function compose(page: Page, cdp: CDPSession, keys: string) {
  for (let i = 1; i <= keys.length; i++) {
    const text = keys.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await page.waitForTimeout(40);
  }
}

/**
 * A key pressed while the method composes (Enter picks a candidate, arrows move through them)
 * that reaches the page, as it does in some browsers: Enter with its character, so that
 * unguarded it would submit the form.
 */
async function keyWhileComposing(cdp: CDPSession, key: 'Enter' | 'ArrowDown') {
  const keyCode = key === 'Enter' ? 13 : 40;
  const down = key === 'Enter' ? ({ type: 'keyDown', text: '\r' } as const) : ({ type: 'rawKeyDown' } as const);
  await cdp.send('Input.dispatchKeyEvent', { ...down, key, code: key, windowsVirtualKeyCode: keyCode });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code: key, windowsVirtualKeyCode: keyCode });
}

/**
 * Safari's order: the composition ends, then the Enter that chose the candidate arrives as
 * key 229 (the input method's). It chose characters; it did not ask for a search.
 */
async function candidateEnterAfterCommit(cdp: CDPSession) {
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, text: '\r' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
}

/** Longer than the search box's debounce (250 ms) and the unit list's (200 ms): anything that would be searched has been. */
const LONGER_THAN_DEBOUNCE = 800;

describe('an input method composing', () => {
  it('searches nothing and adds no history in the search box until 党费 is committed', async () => {
    const { page, cdp, api } = await recordingPage();
    await page.goto(`${sample.portal.url}/`);
    await settled(page);
    const entries = await page.evaluate(() => window.history.length);
    await page.locator('#q').focus();

    await compose(page, cdp, "dang'fei");
    // The keys the method uses are its own: ↓ chooses among candidates, Enter commits them.
    await keyWhileComposing(cdp, 'ArrowDown');
    await keyWhileComposing(cdp, 'Enter');
    await page.waitForTimeout(LONGER_THAN_DEBOUNCE);
    expect(await page.locator('#q').inputValue()).toBe("dang'fei");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    expect(api.filter((u) => /dang|fei/.test(u))).toEqual([]);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => window.history.length)).toBe(entries);

    await cdp.send('Input.insertText', { text: '党费' });
    await page.waitForURL((u) => u.searchParams.get('q') === '党费');
    await settled(page);
    expect(await page.locator('.hit mark').first().textContent()).toBe('党费');
    expect(api.some((u) => u.startsWith('/api/search?') && u.includes('q=党费'))).toBe(true);
    expect(await page.evaluate(() => window.history.length)).toBe(entries + 1);
    // Back returns to where the typing began, not to the pinyin.
    await page.goBack();
    await page.waitForURL((u) => u.search === '');
    expect(await page.locator('#q').inputValue()).toBe('');
    await page.close();
  });

  it('adds no 结果中检索 step while composing; the committed 补缴 is added', async () => {
    const { page, cdp, api } = await recordingPage();
    await page.goto(`${sample.portal.url}/?q=${encodeURIComponent('党费')}`);
    await settled(page);
    await page.getByRole('button', { name: '结果中检索…' }).click();
    const box = page.getByRole('searchbox', { name: '在结果中检索' });
    await box.focus();

    await compose(page, cdp, "bu'jiao");
    await keyWhileComposing(cdp, 'Enter');
    await page.waitForTimeout(LONGER_THAN_DEBOUNCE);
    expect(await box.inputValue()).toBe("bu'jiao");
    expect(new URL(page.url()).searchParams.getAll('q')).toEqual(['党费']);
    expect(api.filter((u) => /jiao/.test(u))).toEqual([]);

    await cdp.send('Input.insertText', { text: '补缴' });
    await candidateEnterAfterCommit(cdp);
    await page.waitForTimeout(LONGER_THAN_DEBOUNCE);
    expect(await box.inputValue()).toBe('补缴');
    expect(new URL(page.url()).searchParams.getAll('q')).toEqual(['党费']);
    // Enter pressed for itself adds the step.
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.getAll('q').join('|') === '党费|补缴');
    await settled(page);
    await expect.poll(() => page.locator('.steps .step').count()).toBe(2);
    await page.close();
  });

  it('looks nothing up in the unit list while composing; the committed 宽甸 finds its unit', async () => {
    const { page, cdp, api } = await recordingPage();
    await page.goto(`${sample.portal.url}/`);
    await settled(page);
    const panel = page.locator('section.facet', { has: page.getByRole('heading', { name: '单位' }) });
    const labels = () => panel.locator('.facet-label').allTextContents();
    await expect.poll(async () => (await labels()).length).toBeGreaterThan(1);
    const before = await labels();
    await page.getByRole('searchbox', { name: '在单位中查找' }).focus();

    await compose(page, cdp, "kuan'dian");
    await page.waitForTimeout(LONGER_THAN_DEBOUNCE);
    // The list stays as it was: no 没有匹配的单位 for the pinyin, and nothing asked of the server.
    expect(await labels()).toEqual(before);
    expect(api.filter((u) => /kuan|dian/.test(u))).toEqual([]);

    await cdp.send('Input.insertText', { text: '宽甸' });
    await expect.poll(labels).toEqual(['宽甸满族自治县融媒体中心']);
    await expect.poll(() => api.some((u) => u.startsWith('/api/facets/unit?') && u.includes('facetQuery=宽甸'))).toBe(true);
    await page.close();
  });
});
