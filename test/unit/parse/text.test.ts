import { describe, expect, it } from 'vitest';
import { tidyText, splitParagraphs } from '../../../indexer/parse/text.ts';

describe('tidyText', () => {
  it('removes BOM, Word bookmarks and zero-width characters', () => {
    expect(tidyText('\uFEFF标题\n[bookmark: _GoBack]根据县委\u200B部署')).toBe('标题\n根据县委部署');
    expect(tidyText('a[bookmark: OLE_LINK1]b[BOOKMARK:x]c')).toBe('abc');
  });

  it('normalises line endings and trims trailing spaces, keeping the wording', () => {
    expect(tidyText('一、总体情况  \r\n　　正文。　\r第二行\u00A0\n\n')).toBe('一、总体情况\n　　正文。\n第二行');
  });
});

describe('splitParagraphs', () => {
  it('gives non-empty trimmed lines, including full-width indentation', () => {
    expect(splitParagraphs('标题\n\n　　第一段。\n   \n第二段。')).toEqual(['标题', '第一段。', '第二段。']);
  });
});
