/**
 * News stories about a feedback meeting (and other reports found beside the notices) are
 * refused with a reason; every full-style notice of the real corpus is accepted.
 */
import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../../../indexer/classify/segment-classifier.ts';
import { isNewsStory } from '../../../indexer/parse/genre.ts';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import { readNotice } from '../../../indexer/read/read-file.ts';
import { prepareNotice } from '../../../indexer/workers/prepare.ts';
import { newsPages, realPages } from '../metadata/real-corpus.ts';

describe('news stories among the real pages', () => {
  const pages = realPages();
  const news = new Set(newsPages());

  it('refuses every page the corpus names as news about a feedback meeting', () => {
    expect(news.size).toBeGreaterThanOrEqual(8);
    const accepted = pages.filter((p) => news.has(p.file) && !isNewsStory(parseNotice(p.text))).map((p) => p.file);
    expect(accepted).toEqual([]);
  });

  it('accepts every full-style notice, with or without its title', () => {
    const refused = pages.filter((p) => p.genre === 'a' && isNewsStory(parseNotice(p.text))).map((p) => p.file);
    expect(refused).toEqual([]);
  });

  it('says why when the indexer is given one', async () => {
    const page = pages.find((p) => p.file === '115.txt')!;
    const bytes = new TextEncoder().encode(page.text);
    const source = { fileName: page.file, sha256: 'x', bytes: bytes.length, addedAt: '2026-01-01T00:00:00Z' };
    const prepared = await prepareNotice({ fileName: page.file, bytes, source }, defaultClassifier(), readNotice);
    expect(prepared).toMatchObject({ ok: false, reason: 'news-story' });
    expect(!prepared.ok && prepared.message).toMatch(/新闻报道.*不是.*整改通报/);
  });
});
