import { describe, expect, it } from 'vitest';
import { highlight, matchRanges, snippet } from '../../../server/search/highlight.ts';

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
});
