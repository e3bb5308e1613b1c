/**
 * The citation a journalist pastes, on a real sample notice: as written when the notice is
 * clean, and with a direction control (U+202E) in its unit isolated so that it cannot reverse
 * the title, the date and the permalink after it in the pasted text.
 */
import { describe, expect, it } from 'vitest';
import { buildRecord } from '../../../indexer/build-record.ts';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import { citationText } from '../../../web/src/lib/citation.ts';
import { isolatedText } from '../../../web/src/lib/isolate.tsx';
import { SEED_000 } from '../../support/corpus.ts';

const record = buildRecord({ parsed: parseNotice(SEED_000), text: SEED_000, textHash: 'test', sources: [] });
const dues = record.paragraphs.find((p) => p.items.some((i) => i.text.includes('2369元')))!;
const item = dues.items.find((i) => i.text.includes('2369元'))!;
const ORIGIN = 'https://archive.example';
const TODAY = new Date(2026, 0, 5);
const RLO = '\u202e';

describe('citation', () => {
  it('pastes a clean notice without invisible characters', () => {
    const c = citationText(record, dues, item.id, ORIGIN, TODAY);
    expect(c).toMatch(/^“四是.*2369元/);
    expect(c).toContain(`${record.unit}：《${record.title}》`);
    expect(c).not.toMatch(/[\u2066-\u2069\u202a-\u202e]/);
  });

  it('isolates a unit holding U+202E, so that it ends before the title', () => {
    const c = citationText({ ...record, unit: `${record.unit}${RLO}`, unitAsWritten: undefined }, dues, item.id, ORIGIN, TODAY);
    expect(c).toContain(`\u2068${record.unit}${RLO}\u2069：《${record.title}》`);
  });
});

describe('isolatedText', () => {
  it('returns text without direction controls as it is', () => {
    expect(isolatedText('宽甸满族自治县融媒体中心')).toBe('宽甸满族自治县融媒体中心');
  });

  it('wraps text with a control in FSI … PDI, leaving out isolate controls that would close it early', () => {
    expect(isolatedText(`abc${RLO}`)).toBe(`\u2068abc${RLO}\u2069`);
    expect(isolatedText('a\u2069b\u202e')).toBe('\u2068ab\u202e\u2069');
  });
});
