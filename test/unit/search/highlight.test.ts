import { describe, expect, it } from 'vitest';
import { highlight, highlightAndSnippet, matchRanges, snippet } from '../../../server/search/highlight.ts';

describe('highlighting', () => {
  it('marks every occurrence in the published text across width and script differences', () => {
    const text = '黨費共計２３６９元；党费收缴';
    const ranges = matchRanges(text, ['党费']);
    expect(highlight(text, ranges)).toBe('<mark>黨費</mark>共計２３６９元；<mark>党费</mark>收缴');
    expect(highlight(text, matchRanges(text, ['2369元']))).toBe('黨費共計<mark>２３６９元</mark>；党费收缴');
  });

  it('escapes everything from the document, and marks only with <mark>', () => {
    const text = '<script>alert("党费")</script> & <mark>';
    const out = highlight(text, matchRanges(text, ['党费']));
    expect(out).toBe('&lt;script&gt;alert(&quot;<mark>党费</mark>&quot;)&lt;/script&gt; &amp; &lt;mark&gt;');
  });

  it('merges overlapping and touching matches and never splits a character', () => {
    const text = '融媒体中心，媒体中心😀党费';
    expect(highlight(text, matchRanges(text, ['媒体', '体中心']))).toBe('融<mark>媒体中心</mark>，<mark>媒体中心</mark>😀党费');
    const long = '😀'.repeat(100) + '党费' + '😀'.repeat(100);
    const s = snippet(long, matchRanges(long, ['党费']), 21);
    expect(s).toContain('<mark>党费</mark>');
    expect(s).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('shows a short text whole in the result list, and a long one as a window around its first match', () => {
    const short = '党费收缴管理不够严肃。';
    const s = highlightAndSnippet(short, matchRanges(short, ['党费']));
    expect(s.snippet).toBe('<mark>党费</mark>收缴管理不够严肃。');
    expect(s.highlighted).toBe(s.snippet);
    const long = '一'.repeat(300) + '党费' + '二'.repeat(300);
    const l = highlightAndSnippet(long, matchRanges(long, ['党费']));
    expect(l.highlighted).toBe('一'.repeat(300) + '<mark>党费</mark>' + '二'.repeat(300));
    expect(l.snippet).toMatch(/^…一+<mark>党费<\/mark>二+…$/);
    expect(l.snippet.length).toBeLessThan(140);
  });
});
