import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { SearchResponse, StatsResponse } from '../../contract/api.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import { settled, samplePortalForFile } from './browser.ts';

const sample = samplePortalForFile();
const KUANDIAN = '宽甸满族自治县融媒体中心';
const RLO = '\u202e';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function open(opts: Parameters<Browser['newContext']>[0]): Promise<{ page: Page; ctx: BrowserContext }> {
  const ctx = await sample.browser.newContext({ locale: 'zh-CN', ...opts });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { page, ctx };
}

async function api<T>(path: string): Promise<T> {
  const r = await fetch(`${sample.portal.url}${path}`);
  expect(r.status).toBe(200);
  return (await r.json()) as T;
}

/** The permalink (path and anchor) of the 一是-item 补缴…党费共计2369元, and its notice. */
async function duesItem(): Promise<{ url: string; notice: NoticeRecord }> {
  const r = await api<SearchResponse>(`/api/search?q=${encodeURIComponent('补缴2023年1月')}&mode=exact`);
  const hit = r.hits.find((h) => h.text.includes('党费共计2369元'))!;
  expect(hit.itemLabel).toBeDefined();
  return { url: hit.url, notice: await api<NoticeRecord>(`/api/notices/${hit.noticeId}`) };
}

/** Top and bottom of an element on screen (the viewport's coordinates). */
async function box(l: Locator): Promise<{ top: number; bottom: number }> {
  return l.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });
}

/**
 * Where the first and last characters of `needle` are drawn, left to right: in text read
 * left to right the first is left of the last; reversed by a direction control, right of it.
 */
async function drawnOrder(container: Locator, needle: string): Promise<{ first: number; last: number }> {
  return container.evaluate((root, needle) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(needle);
      if (at < 0) continue;
      const x = (i: number) => {
        const r = document.createRange();
        r.setStart(n!, i);
        r.setEnd(n!, i + 1);
        return r.getBoundingClientRect().left;
      };
      return { first: x(at), last: x(at + needle.length - 1) };
    }
    throw new Error(`${needle} is not in ${root.textContent}`);
  }, needle);
}

describe('a permalink', () => {
  for (const [device, opts] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`names the notice (title, unit, date) just above the marked item, on screen (${device})`, async () => {
      const { url, notice } = await duesItem();
      const { page, ctx } = await open(opts);
      await page.goto(`${sample.portal.url}${url.replace('#', `?q=${encodeURIComponent('党费')}#`)}`);
      const target = page.locator('.target');
      await target.waitFor();
      await page.getByTestId('match-position').waitFor();
      const source = page.getByTestId('permalink-source');
      const text = (await source.textContent())!;
      expect(text).toContain(`《${notice.title}》`);
      expect(text).toContain(KUANDIAN);
      // The publication date, or the year when the notice gives no date (as this one).
      expect(text).toContain(notice.publishedDate ? '日发布' : ` · ${notice.year}年 · `);
      expect(text).toMatch(/第 \d+ 段“[一二三四五六七八九十]+是”项/);
      // Right above the marked item, below the sticky match navigator, inside the screen;
      // the notice's own header is far above by now.
      const s = await box(source);
      const t = await box(target);
      const nav = await box(page.locator('.match-nav'));
      const height = await page.evaluate(() => window.innerHeight);
      expect(Math.abs(t.top - s.bottom)).toBeLessThan(2);
      expect(s.top).toBeGreaterThanOrEqual(nav.bottom);
      expect(s.bottom).toBeLessThan(height);
      expect((await box(page.locator('h1'))).bottom).toBeLessThan(0);
      // Only the marked item has one.
      expect(await page.getByTestId('permalink-source').count()).toBe(1);
      await ctx.close();
    });
  }

  it('says so when the notice does not hold the anchor, instead of opening at the top as if it did', async () => {
    const { url, notice } = await duesItem();
    const path = url.split('#')[0]!;
    const other = (await api<SearchResponse>(`/api/search?q=${encodeURIComponent('整改')}&perPage=50`)).hits.find(
      (h) => h.noticeId !== notice.id,
    )!;
    const { page, ctx } = await open(DESKTOP);
    const alert = page.getByRole('alert');

    // An id of the right shape that no paragraph has.
    await page.goto(`${sample.portal.url}${path}#p0000DoesNotExist`);
    await alert.waitFor();
    expect(await alert.textContent()).toContain('这份通报中没有链接所指的段落');
    expect(await alert.textContent()).toContain('p0000DoesNotExist');
    expect(await page.locator('.target').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe(notice.title);

    // Not the shape of an id, and a broken escape: the same message, and the page still there.
    for (const [hash, shown] of [
      [`#${encodeURIComponent('第3段')}`, '第3段'],
      ['#%E5%85', '%E5%85'],
    ] as const) {
      await page.goto(`${sample.portal.url}/`);
      await page.goto(`${sample.portal.url}${path}${hash}`);
      await alert.waitFor();
      expect(await alert.textContent()).toContain('这份通报中没有链接所指的段落');
      expect(await alert.textContent()).toContain(shown);
      expect(await page.locator('.fulltext .para').count()).toBe(notice.paragraphs.length);
    }

    // Another notice's paragraph: said to be elsewhere, one click away, not opened in its place.
    await page.goto(`${sample.portal.url}/`);
    await page.goto(`${sample.portal.url}${path}#${other.id}`);
    await alert.waitFor();
    expect(await alert.textContent()).toContain('链接所指的段落不在这份通报中');
    expect(new URL(page.url()).pathname).toBe(path);
    await alert.getByRole('link', { name: '打开那一段' }).click();
    await page.waitForURL((u) => u.pathname === `/notices/${other.noticeId}` && u.hash === `#${other.id}`);
    await page.locator('.target').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await ctx.close();
  });
});

describe('on a 360 px phone', () => {
  it('keeps each button of the match navigator on one line, the query giving way', async () => {
    const { url } = await duesItem();
    const { page, ctx } = await open(PHONE);
    const q = `q=${encodeURIComponent('党费')}&q=${encodeURIComponent('补缴')}`;
    await page.goto(`${sample.portal.url}${url.replace('#', `?${q}#`)}`);
    await page.getByTestId('match-position').waitFor();
    const nav = page.locator('.match-nav');
    const lines = await nav.evaluate((n) =>
      [...n.querySelectorAll('button, [data-testid="match-position"]')].map((el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        return [el.textContent, new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size] as const;
      }),
    );
    expect(lines).toEqual([
      ['↑ 上一处', 1],
      [expect.stringMatching(/^第 \d+ \/ \d+ 处$/), 1],
      ['↓ 下一处', 1],
    ]);
    expect((await nav.boundingBox())!.x + (await nav.boundingBox())!.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await ctx.close();
  });
});

describe('search page', () => {
  it('统计 shows one count, of problems, not a paragraph count beside it', async () => {
    const { page, ctx } = await open(DESKTOP);
    await page.goto(`${sample.portal.url}/?q=${encodeURIComponent('建设')}&view=stats`);
    await page.locator('[data-testid="chart-units"] canvas').waitFor();
    await settled(page);
    const counts = await page.locator('main.results').evaluate((m) => (m.textContent ?? '').match(/共 [\d,]+ 个[^（，\s]*/g));
    expect(counts).toEqual([`共 ${await page.getByTestId('total-problems').textContent()} 个问题`]);
    await ctx.close();
  });

  it('cuts an over-long query from a URL in the box, says it was not searched, and searches the cut text on 检索', async () => {
    const { page, ctx } = await open(DESKTOP);
    const long = '党费'.repeat(301);
    await page.goto(`${sample.portal.url}/?q=${encodeURIComponent(long)}`);
    const hint = page.locator('.searchbox .hint.warn');
    await hint.waitFor();
    expect(await page.locator('#q').inputValue()).toBe(long.slice(0, 200));
    expect(await hint.textContent()).toContain('链接中的检索词有 602 个字，超过 200 个字的上限，没有检索');
    expect(await page.getByRole('alert').textContent()).toContain('检索词不能超过 200 个字符');
    // Nothing is searched until asked: the URL keeps the query as given.
    await page.waitForTimeout(800);
    expect(new URL(page.url()).searchParams.get('q')).toBe(long);

    await page.getByRole('button', { name: '检索', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === long.slice(0, 200));
    await settled(page);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await hint.count()).toBe(1);
    expect(await hint.textContent()).toContain('检索词最多 200 个字');
    await ctx.close();
  });
});

describe('a direction control in a notice', () => {
  it('stays inside the unit or group: the year and round beside them read left to right', async () => {
    const { url, notice } = await duesItem();
    const { page, ctx } = await open(DESKTOP);
    // The archive as a hostile or careless source would fill it: U+202E at the end of a unit and a group.
    await page.route(
      (u) => u.pathname === '/api/search',
      async (route) => {
        const res = await route.fetch();
        const body = (await res.json()) as SearchResponse;
        for (const h of body.hits) h.unit = `${h.unit}${RLO}`;
        await route.fulfill({ response: res, json: body });
      },
    );
    await page.route(
      (u) => u.pathname === `/api/notices/${notice.id}`,
      async (route) => {
        const res = await route.fetch();
        const body = (await res.json()) as NoticeRecord;
        body.unit = `${body.unit}${RLO}`;
        body.inspection = { ...body.inspection, level: '省', kind: '常规', group: `省委第三巡视组${RLO}`, round: 12 };
        await route.fulfill({ response: res, json: body });
      },
    );

    await page.goto(`${sample.portal.url}/?q=${encodeURIComponent('党费')}`);
    await settled(page);
    const meta = page.locator('.hit-meta').first();
    const year = /(\d{4})年/.exec((await meta.textContent())!)![1]!;
    const drawn = await drawnOrder(meta, year);
    expect(drawn.first).toBeLessThan(drawn.last);

    await page.goto(`${sample.portal.url}${url}`);
    const source = page.getByTestId('permalink-source');
    await source.waitFor();
    const date = /(\d{4})年/.exec((await source.locator('.permalink-meta').textContent())!)![1]!;
    const inSource = await drawnOrder(source.locator('.permalink-meta'), date);
    expect(inSource.first).toBeLessThan(inSource.last);

    // The inspection line: one word throughout (巡视, as the level is 省), and 第12轮 not reversed.
    const inspection = page.locator('.meta dt', { hasText: '巡视巡察' }).locator('xpath=following-sibling::dd[1]');
    expect((await inspection.textContent())!.replace(RLO, '')).toBe('省级常规巡视 · 省委第三巡视组 · 第12轮');
    const round = await drawnOrder(inspection, '12');
    expect(round.first).toBeLessThan(round.last);
    await ctx.close();
  });

  it('stays inside a unit in the statistics: its chart label and data table', async () => {
    const { page, ctx } = await open(DESKTOP);
    let unit = '';
    await page.route(
      (u) => u.pathname === '/api/stats',
      async (route) => {
        const res = await route.fetch();
        const body = (await res.json()) as StatsResponse;
        unit = body.byUnit[0]!.unit;
        body.byUnit[0]!.unit = `${unit}${RLO}`;
        await route.fulfill({ response: res, json: body });
      },
    );
    await page.goto(`${sample.portal.url}/?q=${encodeURIComponent('党费')}&view=stats`);
    const chart = page.getByTestId('chart-units');
    await chart.waitFor();
    // Read aloud, the count after the unit is not pulled into it.
    expect(await chart.getAttribute('aria-label')).toContain(`\u2068${unit}${RLO}\u2069 `);
    const row = page.locator('.data-table th[scope="row"]', { hasText: unit });
    expect(await row.locator('bdi').count()).toBe(1);
    await ctx.close();
  });
});
