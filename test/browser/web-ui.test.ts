/**
 * The web app in Debian's Chromium, against a real portal holding the browser-test corpus
 * (corpus.ts: the two samples and six variants). Search, facets and chips, URL state,
 * 结果中检索, the notice page (marked paragraph, match navigation, citation, 同类问题,
 * related notices), the 统计 view, keyboard use, 360 px, error and empty states, and axe-core.
 * Takes the README screenshots: into docs/screenshots/ with `npm run screenshots`, else into .tmp/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Portal } from '../support/portal.ts';
import { launchBrowser, SCREENSHOTS, seriousAxeViolations, startCorpusPortal } from './browser.ts';

let portal: Portal;
let cleanup: () => Promise<void>;
let browser: Browser;

const Q = encodeURIComponent('党费');
const KUANDIAN = '宽甸满族自治县融媒体中心';

beforeAll(async () => {
  [{ portal, cleanup }, browser] = await Promise.all([startCorpusPortal(), launchBrowser()]);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await cleanup?.();
});

async function newPage(
  width = 1280,
  height = 900,
  ctxOpts: Parameters<Browser['newContext']>[0] = {},
): Promise<{ page: Page; ctx: BrowserContext }> {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', ...ctxOpts });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { page, ctx };
}

/** The results shown are those of the current URL, and nothing is loading. */
async function settled(page: Page) {
  await page.waitForFunction(() => {
    const m = document.querySelector<HTMLElement>('main.results');
    return !!m && m.getAttribute('aria-busy') === 'false' && m.dataset.key === new URLSearchParams(location.search).toString();
  });
}

async function total(page: Page): Promise<number> {
  await settled(page);
  return Number((await page.getByTestId('total').textContent())!.replace(/[^\d]/g, ''));
}

async function chips(page: Page): Promise<string[]> {
  return (await page.getByTestId('chip').allTextContents()).map((t) => t.replace(/×$/, '').trim());
}

/** Label → count of every value in one facet panel. */
async function facetCounts(page: Page, title: string): Promise<Record<string, number>> {
  const panel = page.locator('section.facet', { has: page.getByRole('heading', { name: title }) });
  const rows = await panel
    .locator('.facet-value')
    .evaluateAll((els) => els.map((e) => [e.querySelector('.facet-label')!.textContent!, e.querySelector('.facet-count')!.textContent!]));
  return Object.fromEntries(rows.map(([l, c]) => [l, Number(c!.replace(/[^\d]/g, ''))]));
}

describe('search page', () => {
  it('searches, picks two facets (counts and chips change), keeps the state in the URL across reload and Back', async () => {
    const { page, ctx } = await newPage();
    await page.goto(`${portal.url}/?q=${Q}`);
    await page.locator('.hit').first().waitFor();
    expect(await page.locator('.analysis').textContent()).toContain('党费');
    const all = await total(page);
    const levelsBefore = await facetCounts(page, '巡视巡察层级');
    expect(all).toBeGreaterThan(0);

    // Facet 1: 单位.
    await page.getByRole('checkbox', { name: new RegExp(KUANDIAN) }).click();
    await page.waitForURL(/unit=/);
    const byUnit = await total(page);
    expect(byUnit).toBeLessThan(all);
    expect(await chips(page)).toEqual([`单位：${KUANDIAN}`]);
    const levelsAfter = await facetCounts(page, '巡视巡察层级');
    expect(levelsAfter).not.toEqual(levelsBefore);
    for (const h of await page.locator('.hit-meta').allTextContents()) expect(h).toContain(KUANDIAN);

    // Facet 2: 年份, by clicking its bar in the histogram.
    const bar2025 = page.locator('.bar[data-year="2025"]');
    await bar2025.click();
    await page.waitForURL(/year=2025/);
    const byUnitYear = await total(page);
    expect(byUnitYear).toBeGreaterThan(0);
    expect(byUnitYear).toBeLessThan(byUnit);
    expect(await chips(page)).toEqual([`单位：${KUANDIAN}`, '年份：2025']);
    expect(await bar2025.getAttribute('aria-pressed')).toBe('true');

    // Reload: the same state from the URL alone.
    const url = page.url();
    await page.reload();
    expect(await total(page)).toBe(byUnitYear);
    expect(await chips(page)).toEqual([`单位：${KUANDIAN}`, '年份：2025']);
    expect(await page.locator('#q').inputValue()).toBe('党费');
    expect(await page.getByRole('checkbox', { name: new RegExp(KUANDIAN) }).isChecked()).toBe(true);
    expect(page.url()).toBe(url);

    // Remove one chip, then 清除全部; Back brings them back.
    await page.getByRole('button', { name: '去掉筛选 年份：2025' }).click();
    expect(await total(page)).toBe(byUnit);
    await page.getByRole('button', { name: '清除全部' }).click();
    expect(await total(page)).toBe(all);
    expect(await chips(page)).toEqual([]);
    await page.goBack();
    expect(await total(page)).toBe(byUnit);
    expect(await chips(page)).toEqual([`单位：${KUANDIAN}`]);
    await page.goForward();
    expect(await total(page)).toBe(all);

    // Brushing the histogram from the first year to the last picks a range.
    const bars = page.locator('.bar');
    await bars.last().scrollIntoViewIfNeeded();
    const first = (await bars.first().boundingBox())!;
    const last = (await bars.last().boundingBox())!;
    await page.mouse.move(first.x + first.width / 2, first.y + first.height - 2);
    await page.mouse.down();
    await page.mouse.move(last.x + last.width / 2, last.y + last.height - 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/yearFrom=\d{4}.*yearTo=\d{4}/);
    expect(await total(page)).toBe(all);
    expect((await chips(page))[0]).toMatch(/^年份：\d{4}–\d{4}$/);

    // The search box inside the unit list (for thousands of units) finds values not shown.
    await page.goto(`${portal.url}/?q=${Q}`);
    await settled(page);
    const unitSearch = page.getByRole('searchbox', { name: '在单位中查找' });
    await unitSearch.fill('凤城');
    const unitPanel = page.locator('section.facet', { has: page.getByRole('heading', { name: '单位' }) });
    await expect.poll(() => unitPanel.locator('.facet-label').allTextContents()).toEqual(['凤城市融媒体中心']);
    await unitSearch.fill('');

    // Two filters from the region tree and the level list.
    await page.goto(`${portal.url}/?q=${Q}&region=${encodeURIComponent('辽宁省 > 丹东市')}&level=${encodeURIComponent('县')}`);
    await settled(page);
    expect(await chips(page)).toEqual(['地区：辽宁省 › 丹东市', '巡视巡察层级：县级巡察']);
    // The region tree learns a region's children when it is opened: the selected city is
    // there, checked, under its open province; its counties come when it is opened.
    const regionPanel = page.locator('section.facet', { has: page.getByRole('heading', { name: '地区' }) });
    await expect.poll(() => regionPanel.getByRole('checkbox', { name: /丹东市/ }).isChecked()).toBe(true);
    await regionPanel.getByRole('button', { name: '展开丹东市' }).click();
    await expect
      .poll(() => regionPanel.locator('.facet-label').allTextContents())
      .toEqual(expect.arrayContaining(['宽甸满族自治县', '凤城市', '东港市']));

    // The README screenshot: 基层党组织, then 党费 within the results, a region and a level; each
    // hit shows its lead and the item that holds 党费, with the words marked.
    await page.goto(
      `${portal.url}/?q=${encodeURIComponent('基层党组织')}&q=${Q}&region=${encodeURIComponent('辽宁省')}&level=${encodeURIComponent('市')}`,
    );
    await settled(page);
    expect(await chips(page)).toEqual(['地区：辽宁省', '巡视巡察层级：市级巡察']);
    expect(await total(page)).toBe(3);
    const passages = page.locator('.hit').first().locator('.hit-text');
    expect(await passages.count()).toBe(2);
    expect(await passages.nth(1).textContent()).toMatch(/^四是.*党费/);
    expect(await passages.nth(1).locator('mark').first().textContent()).toBe('党费');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search.png') });
    await ctx.close();
  });

  it('switches mode, scope, view and sort through the URL; 结果中检索 adds removable steps', async () => {
    const { page, ctx } = await newPage();
    await page.goto(`${portal.url}/?q=${Q}`);
    const words = await total(page);

    await page.getByRole('radio', { name: '精确' }).click();
    await page.waitForURL(/mode=exact/);
    expect(await total(page)).toBeGreaterThanOrEqual(words);

    await page.getByRole('combobox', { name: '范围', exact: true }).selectOption('measures');
    await page.waitForURL(/scope=measures/);
    const measures = await total(page);
    expect(measures).toBeGreaterThan(0);
    for (const role of await page.locator('.hit .role').allTextContents()) expect(role).toBe('措施');

    await page.getByRole('radio', { name: '通报' }).click();
    await page.waitForURL(/view=notices/);
    expect(await total(page)).toBe(await page.locator('.notice-hit').count());
    expect(await page.getByTestId('total').evaluate((e) => e.parentElement!.textContent)).toContain('份通报');

    await page.getByRole('combobox', { name: '排序' }).selectOption('-date');
    await page.waitForURL(/sort=-date/);
    await settled(page);
    const dates = await page.locator('.notice-hit .hit-meta').allTextContents();
    const years = dates.map((d) => Number(/(\d{4})年/.exec(d)![1]));
    expect([...years].sort((a, b) => b - a)).toEqual(years);

    // 结果中检索: 党费 then 补缴 within the results.
    await page.goto(`${portal.url}/?q=${Q}`);
    const before = await total(page);
    await page.getByRole('button', { name: '结果中检索…' }).click();
    await page.getByRole('searchbox', { name: '在结果中检索' }).fill('2369');
    await page.getByRole('button', { name: '在结果中检索', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.getAll('q').join('|') === '党费|2369');
    const refined = await total(page);
    expect(refined).toBeGreaterThan(0);
    expect(refined).toBeLessThan(before);
    await expect.poll(() => page.locator('.steps .step').count()).toBe(2);
    expect(await page.locator('.analysis').textContent()).toContain('条件 2 分词：“2369”');
    await page.reload();
    expect(await total(page)).toBe(refined);
    // A second refinement, then the first one removed: the URL and counts follow, and survive a reload.
    await page.getByRole('button', { name: '结果中检索…' }).click();
    await page.getByRole('searchbox', { name: '在结果中检索' }).fill('补缴');
    await page.getByRole('button', { name: '在结果中检索', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.getAll('q').join('|') === '党费|2369|补缴');
    await expect.poll(() => page.locator('.steps .step').count()).toBe(3);
    await page.getByRole('button', { name: /去掉检索步骤 2/ }).click();
    await page.waitForURL((u) => u.searchParams.getAll('q').join('|') === '党费|补缴');
    const withoutFirst = await total(page);
    expect(withoutFirst).toBeGreaterThan(0);
    expect(withoutFirst).toBeLessThanOrEqual(before);
    await expect.poll(() => page.locator('.steps .step').count()).toBe(2);
    await page.reload();
    expect(await total(page)).toBe(withoutFirst);
    await expect.poll(() => page.locator('.steps .step').count()).toBe(2);
    expect(await page.locator('.steps').textContent()).toContain('补缴');
    await ctx.close();
  });

  it('is keyboard-usable: / focuses the box, arrows move through results, Enter opens', async () => {
    const { page, ctx } = await newPage();
    await page.goto(`${portal.url}/?q=${Q}`);
    await settled(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(first).toMatch(/^\/notices\//);
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(second).toMatch(/^\/notices\//);
    expect(second).not.toBe(first);
    // Focus is visible.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => `${u.pathname}${u.search}${u.hash}` === first);
    await page.locator('.target').waitFor();
    await ctx.close();
  });

  it('goes Back from a notice to the same place in a long list, and a new notice starts at its paragraph', async () => {
    const { page, ctx } = await newPage(1280, 600);
    await page.goto(`${portal.url}/?q=${encodeURIComponent('整改')}`);
    await settled(page);
    const hit = page.locator('.hit').nth(7);
    await hit.scrollIntoViewIfNeeded();
    const left = await page.evaluate(() => window.scrollY);
    expect(left).toBeGreaterThan(300);
    await hit.locator('a.hit-link').click();
    await page.locator('.target').waitFor();
    await expect
      .poll(() =>
        page.locator('.target').evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.top < innerHeight;
        }),
      )
      .toBe(true);
    await page.goBack();
    await settled(page);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(left - 5);
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(left + 5);
    await ctx.close();
  });

  it('shows loading, error with retry when the API is down, and what to relax when nothing matches', async () => {
    const { page, ctx } = await newPage();
    const isSearch = (u: URL) => u.pathname === '/api/search';
    await page.route(isSearch, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unavailable', message: '检索服务暂时不可用' } }),
      }),
    );
    await page.goto(`${portal.url}/?q=${Q}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('检索服务暂时不可用');
    await page.unroute(isSearch);
    await alert.getByRole('button', { name: '重试' }).click();
    await page.locator('.hit').first().waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);

    // The network itself failing.
    await page.route(isSearch, (route) => route.abort('connectionrefused'));
    await page.getByRole('radio', { name: '通报' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('无法连接服务器');
    await page.unroute(isSearch);

    // Nothing matches: suggestions that relax the search, one click each.
    await page.goto(`${portal.url}/?q=${encodeURIComponent('党费补缴')}&mode=exact&unit=${encodeURIComponent(KUANDIAN)}`);
    expect(await total(page)).toBe(0);
    const empty = page.locator('.empty');
    expect(await empty.textContent()).toContain('没有找到匹配的段落');
    await empty.getByRole('button', { name: '改用“词语”匹配' }).click();
    await page.waitForURL((u) => !u.searchParams.has('mode'));
    expect(await total(page)).toBeGreaterThan(0);
    await ctx.close();
  });

  it('says what is wrong with a URL: a page past the last, a refused query, a query with nothing to search', async () => {
    const { page, ctx } = await newPage();
    await page.goto(`${portal.url}/?q=${Q}&page=60`);
    const past = page.locator('.empty', { hasText: '没有第 60 页' });
    await past.waitFor();
    expect(await page.locator('.range').count()).toBe(0);
    await past.getByRole('button', { name: /^转到第 \d+ 页$/ }).click();
    await page.locator('.hit').first().waitFor();
    expect(Number(new URL(page.url()).searchParams.get('page') ?? 1)).toBeLessThan(60);

    // Longer than the API takes (only a typed URL can be: the box stops at 200 and says so).
    await page.goto(`${portal.url}/?q=${encodeURIComponent('党'.repeat(201))}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('检索词无效：检索词不能超过 200 个字符');
    expect(await alert.textContent()).not.toMatch(/[A-Za-z]{3}/);
    expect(await alert.getByRole('button', { name: '重试' }).count()).toBe(0);
    // The box holds what it takes of it, and says the rest was not searched (reading.test.ts says more).
    expect(await page.locator('#q').inputValue()).toBe('党'.repeat(200));
    await page.getByText('链接中的检索词有 201 个字，超过 200 个字的上限，没有检索').waitFor();
    await page.locator('#q').fill('费'.repeat(300));
    expect((await page.locator('#q').inputValue()).length).toBe(200);
    await page.getByText('检索词最多 200 个字').waitFor();

    // Punctuation only: nothing searched, and the page says the results are everything.
    await page.goto(`${portal.url}/?q=${encodeURIComponent('，。！？')}`);
    await page.getByText('中没有可检索的字词').waitFor();
    await settled(page);
    expect(await page.locator('.count').textContent()).toContain('（全部）');
    await ctx.close();
  });
});

describe('notice page', () => {
  it('opens a result on its marked paragraph, navigates the matches, copies a link and a citation', async () => {
    const { page, ctx } = await newPage(1280, 900, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${portal.url}/?q=${Q}&unit=${encodeURIComponent(KUANDIAN)}&year=2025`);
    const hit = page.locator('.hit', { hasText: '补缴2023年1月' });
    await hit.locator('a.hit-link').click();
    await page.waitForURL(/\/notices\/n[A-Za-z0-9]+\?q=.*#p/);
    const target = page.locator('.target');
    await target.waitFor();
    const hash = new URL(page.url()).hash.slice(1);
    expect(await target.getAttribute('id')).toBe(hash);
    expect(await target.textContent()).toContain('补缴2023年1月—2025年6月党费共计2369元');
    expect(await target.locator('mark').first().textContent()).toBe('党费');
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(900);

    // 第 n / N 处: the current match is inside the target; next moves on.
    const position = page.getByTestId('match-position');
    const [, n, count] = /第 (\d+) \/ (\d+) 处/.exec((await position.textContent())!)!.map(Number) as [number, number, number];
    expect(count).toBe(await page.locator('.fulltext mark').count());
    expect(await target.locator('mark.mark-current').count()).toBe(1);
    await page.getByRole('button', { name: '下一处匹配' }).click();
    expect(await position.textContent()).toBe(`第 ${(n % count) + 1} / ${count} 处`);
    await page.getByRole('button', { name: '上一处匹配' }).click();
    expect(await position.textContent()).toBe(`第 ${n} / ${count} 处`);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'notice.png') });

    // 复制链接 of the marked item: the absolute permalink.
    await target.hover();
    await target.getByRole('button', { name: '复制链接' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${portal.url}/notices/${new URL(page.url()).pathname.split('/').pop()}#${hash}`,
    );

    // 引用: the item's text, then unit, title, date, position and permalink, on the clipboard and on screen.
    await target.getByRole('button', { name: /^引用/ }).click();
    await target.getByText('引用已复制到剪贴板').waitFor();
    const citation = await page.evaluate(() => navigator.clipboard.readText());
    const [quote, source] = citation.split('\n——');
    expect(quote).toBe(`“${(await target.locator('.para-text').first().textContent())!.replace(/^§/, '')}”`);
    expect(quote).toMatch(/^“四是/);
    expect(source).toBeDefined();
    expect(citation).toContain(KUANDIAN);
    expect(citation).toContain('《宽甸满族自治县融媒体中心关于县委巡察整改进展情况的通报》');
    expect(citation).toMatch(/第 \d+ 段“四是”项/);
    expect(citation).toContain('基层党组织建设有偏差');
    expect(citation).toContain(`/notices/`);
    expect(citation).toContain(`#${hash}`);
    expect(await target.getByRole('textbox', { name: '引用文字' }).inputValue()).toBe(citation);
    await page.keyboard.press('Escape');
    expect(await target.getByRole('textbox', { name: '引用文字' }).count()).toBe(0);

    // The original file, from the metadata header.
    const download = await page.getByRole('link', { name: '下载原文件' }).first().getAttribute('href');
    const original = await page.request.get(`${portal.url}${download}`);
    expect(original.status()).toBe(200);
    expect(original.headers()['content-disposition']).toContain('attachment');
    expect(await original.text()).toContain('补缴2023年1月—2025年6月党费共计2369元');

    // 返回检索 goes back to the search it came from.
    await page.getByRole('link', { name: '← 返回检索' }).click();
    await page.waitForURL(/year=2025/);
    await ctx.close();
  });

  it('opens a notice-level result at its first hit, with every hit highlighted', async () => {
    const { page, ctx } = await newPage();
    await page.goto(`${portal.url}/?q=${Q}&view=notices`);
    await settled(page);
    const card = page.locator('.notice-hit').first();
    const matches = Number(/(\d+) 处匹配/.exec((await card.locator('.matches').textContent())!)![1]);
    await card.locator('a.hit-link').click();
    await page.waitForURL((u) => u.pathname.startsWith('/notices/') && !u.hash);
    const position = page.getByTestId('match-position');
    await position.waitFor();
    expect(await position.textContent()).toMatch(/^第 1 \/ \d+ 处$/);
    const marks = page.locator('.fulltext mark');
    expect(await marks.count()).toBeGreaterThanOrEqual(matches);
    const first = (await marks.first().boundingBox())!;
    expect(first.y).toBeGreaterThanOrEqual(0);
    expect(first.y).toBeLessThan(900);
    expect(await marks.first().getAttribute('class')).toContain('mark-current');
    await ctx.close();
  });

  it('shows categories with their reasons, related notices, and opens 同类问题 in other units', async () => {
    const { page, ctx } = await newPage();
    await page.goto(
      `${portal.url}/?q=${encodeURIComponent('基层党组织建设有偏差')}&mode=exact&unit=${encodeURIComponent(KUANDIAN)}&year=2025`,
    );
    await page.locator('.hit a.hit-link').first().click();
    await page.waitForURL(/\/notices\//);
    const heading = page.locator('.para', { hasText: '3.基层党组织建设有偏差' }).first();
    await heading.waitFor();

    // Categories beside the heading as written; a tap shows why.
    const tag = heading.getByRole('button', { name: /^基层党组织建设.*二级类别/ });
    await tag.focus();
    await page.keyboard.press('Enter');
    const reasons = page.locator(`[id="${await tag.getAttribute('aria-controls')}"] .reasons`);
    await reasons.waitFor();
    expect(await reasons.textContent()).toContain('归类依据');
    expect(await reasons.textContent()).toContain('基层党组织');
    await page.keyboard.press('Escape');

    // Related notices: the same unit's earlier notice, and the repeated categories.
    const related = page.locator('section.related');
    await related.getByRole('link', { name: /宽甸满族自治县融媒体中心关于/ }).waitFor();
    expect(await related.textContent()).toContain('上一轮');
    expect(await page.getByTestId('repeated-categories').textContent()).toContain('本轮与上轮重复的问题类别');

    // 同类问题: the same level-2 category in other units' notices, one click away.
    await heading.locator('.para-line').first().hover();
    await heading.getByRole('button', { name: '同类问题' }).click();
    const similar = heading.locator('.similar');
    await similar.locator('.similar-list li').first().waitFor();
    const units = await similar.locator('.similar-link').allTextContents();
    expect(units.length).toBeGreaterThan(0);
    expect(units).toContain('凤城市融媒体中心');
    const here = new URL(page.url()).pathname;
    await similar.getByRole('link', { name: '凤城市融媒体中心' }).click();
    await page.waitForURL((u) => u.pathname !== here && u.pathname.startsWith('/notices/'));
    const target = page.locator('.target');
    await target.waitFor();
    expect(await target.textContent()).toContain('基层党组织建设有偏差');
    expect(await page.locator('h1').textContent()).toContain('凤城市融媒体中心');
    await ctx.close();
  });

  it('resolves an unknown notice to a clear message, and an API failure to a retry', async () => {
    const { page, ctx } = await newPage();
    await page.goto(`${portal.url}/notices/nDoesNotExist`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('未找到这份通报');
    // Not even the shape of an id: the same message, and no retry that could never work.
    await page.goto(`${portal.url}/notices/doesnotexist`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('未找到这份通报');
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);

    let failing = true;
    await page.route(
      (u) => /^\/api\/notices\/[^/]+$/.test(u.pathname),
      (route) => (failing ? route.abort('connectionrefused') : route.continue()),
    );
    await page.goto(`${portal.url}/?q=${Q}`);
    await page.locator('.hit a.hit-link').first().click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('无法连接服务器');
    failing = false;
    await page.getByRole('button', { name: '重试' }).click();
    await page.locator('.target').waitFor();

    // A query the API refuses is said to be one, not shown as a query without matches.
    const refused = new URL(page.url());
    refused.search = `?q=${encodeURIComponent('党'.repeat(201))}`;
    refused.hash = '';
    await page.goto(refused.toString());
    await page.getByText('检索词无法标出：检索词无效').waitFor();
    expect(await page.getByText('本文无匹配').count()).toBe(0);
    await ctx.close();
  });
});

describe('统计 view', () => {
  it('loads ECharts only when asked, draws the charts for the current query and filters, and exports', async () => {
    const { page, ctx } = await newPage(1280, 1000);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    // 统计 counts problems (headings and statements): 建设 is in many of them.
    await page.goto(`${portal.url}/?q=${encodeURIComponent('建设')}`);
    await settled(page);
    expect(scripts.some((s) => /StatsView/.test(s))).toBe(false);

    await page.getByRole('radio', { name: '统计' }).click();
    await page.waitForURL(/view=stats/);
    await page.locator('[data-testid="chart-category-year"] canvas').waitFor();
    await page.locator('[data-testid="chart-units"] canvas').waitFor();
    expect(scripts.some((s) => /StatsView/.test(s))).toBe(true);
    const problems = Number(await page.getByTestId('total-problems').textContent());
    expect(problems).toBeGreaterThan(0);

    // The tables behind the charts.
    const unitTable = page.locator('figure', { hasText: '按单位' }).locator('details');
    await unitTable.locator('summary').click();
    const rows = await unitTable.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stats.png'), fullPage: true });

    // Filters apply to the statistics too.
    await page.getByRole('checkbox', { name: new RegExp(KUANDIAN) }).click();
    await page.waitForURL(/unit=/);
    await expect.poll(async () => Number(await page.getByTestId('total-problems').textContent())).toBeLessThan(problems);
    await expect.poll(() => unitTable.locator('tbody tr').count()).toBe(1);

    // Export of the current results as CSV and JSON.
    const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    expect(csvHref).toMatch(/^\/api\/export\?/);
    const params = new URL(csvHref!, portal.url).searchParams;
    expect(params.get('q')).toBe('建设');
    expect(params.get('unit')).toBe(KUANDIAN);
    expect(params.get('format')).toBe('csv');
    const csv = await page.request.get(`${portal.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).trim().split('\n').length).toBeGreaterThan(1);
    const json = await page.request.get(`${portal.url}${await page.getByRole('link', { name: 'JSON' }).getAttribute('href')}`);
    expect(json.status()).toBe(200);
    const rowsJson = (await json.json()) as unknown[];
    expect(rowsJson.length).toBeGreaterThan(0);

    // The same search as a feed: its notices, newest first, with absolute links.
    const feedHref = await page.getByRole('link', { name: '订阅（Atom）' }).getAttribute('href');
    expect(new URL(feedHref!, portal.url).searchParams.get('unit')).toBe(KUANDIAN);
    const feed = await page.request.get(`${portal.url}${feedHref}`);
    expect(feed.status()).toBe(200);
    const atom = await feed.text();
    expect(atom).toContain(`<name>${KUANDIAN}</name>`);
    expect(atom).toMatch(/<link[^>]+href="http[^"]+\/notices\//);
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/api/feed.atom');
    await ctx.close();
  });
});

describe('360 px wide', () => {
  it('searches, filters and reads a notice without sideways scrolling', async () => {
    const { page, ctx } = await newPage(360, 740, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await page.goto(`${portal.url}/?q=${Q}`);
    await settled(page);
    expect(await noOverflow()).toBe(true);
    expect(await page.locator('#facets').isVisible()).toBe(false);

    await page.getByRole('button', { name: /^筛选/ }).click();
    await page.locator('#facets').waitFor({ state: 'visible' });
    await page.getByRole('checkbox', { name: new RegExp(KUANDIAN) }).click();
    await page.waitForURL(/unit=/);
    // The drawer says what the filters leave before it is closed, once the filtered search has answered.
    await settled(page);
    const done = page.getByRole('button', { name: /^完成（共 \d+ 个段落）$/ });
    await done.waitFor();
    const left = Number((await done.textContent())!.replace(/[^\d]/g, ''));
    await done.click();
    await page.locator('#facets').waitFor({ state: 'hidden' });
    expect(await total(page)).toBe(left);
    expect(await chips(page)).toEqual([`单位：${KUANDIAN}`]);
    expect(await page.getByRole('button', { name: /^筛选（1）/ }).count()).toBe(1);
    expect(await noOverflow()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mobile.png') });

    await page.locator('.hit a.hit-link').first().tap();
    await page.locator('.target').waitFor();
    expect(await noOverflow()).toBe(true);
    // On touch screens the paragraph tools are always there.
    expect(await page.locator('.target').getByRole('button', { name: '复制链接' }).first().isVisible()).toBe(true);

    await page.goto(`${portal.url}/?q=${encodeURIComponent('建设')}&view=stats`);
    await page.locator('[data-testid="chart-units"] canvas').waitFor();
    expect(await noOverflow()).toBe(true);
    await ctx.close();
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe-core violations on the search, notices, 统计 and notice pages', async () => {
    const { page, ctx } = await newPage();
    const check = async (what: string) => {
      const v = await seriousAxeViolations(page);
      expect(v, `${what}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
    };
    await page.goto(`${portal.url}/?q=${Q}&unit=${encodeURIComponent(KUANDIAN)}`);
    await settled(page);
    await check('search page');
    await page.goto(`${portal.url}/?q=${Q}&view=notices`);
    await settled(page);
    await check('notices view');
    await page.goto(`${portal.url}/?q=${encodeURIComponent('不存在的检索词')}&mode=exact`);
    await settled(page);
    await check('empty results');
    await page.goto(`${portal.url}/?view=stats`);
    await page.locator('[data-testid="chart-units"] canvas').waitFor();
    await check('统计 view');
    await page.goto(`${portal.url}/?q=${Q}`);
    await page.locator('.hit a.hit-link').first().click();
    await page.locator('.target').waitFor();
    await page.getByTestId('match-position').waitFor();
    await check('notice page');
    await page.setViewportSize({ width: 360, height: 740 });
    await check('notice page at 360 px');
    await ctx.close();
  });
});
