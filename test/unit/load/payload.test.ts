/** Request bodies for Meilisearch: bounded in bytes, in order, every document exactly once. */
import { describe, expect, it } from 'vitest';
import { jsonArrayBodies, type Body } from '../../../indexer/load/payload.ts';

const doc = (i: number, text = '整改'.repeat(20)) => JSON.stringify({ id: `p${i}`, text });
const all = (bodies: Body[]) => bodies.flatMap((b) => JSON.parse(b.body) as { id: string }[]).map((d) => d.id);

describe('request bodies', () => {
  it('packs values into as few bodies as fit, each within the limit, in order', () => {
    const values = Array.from({ length: 50 }, (_, i) => doc(i));
    const max = 1000;
    const bodies = jsonArrayBodies(values, max);
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) {
      expect(Buffer.byteLength(b.body)).toBeLessThanOrEqual(max);
      expect(b.bytes).toBe(Buffer.byteLength(b.body));
    }
    expect(all(bodies)).toEqual(values.map((_, i) => `p${i}`));
    // Everything in one body when it fits.
    expect(jsonArrayBodies(values, 1 << 20)).toHaveLength(1);
  });

  it("splits one notice's paragraphs (comma-joined) when they do not fit in a body of their own", () => {
    const notice = Array.from({ length: 30 }, (_, i) => doc(i)).join(',');
    const bodies = jsonArrayBodies([doc(100), notice, doc(101)], 800);
    for (const b of bodies) {
      expect(Buffer.byteLength(b.body)).toBeLessThanOrEqual(800);
      expect(b.bytes).toBe(Buffer.byteLength(b.body));
    }
    expect(all(bodies)).toEqual(['p100', ...Array.from({ length: 30 }, (_, i) => `p${i}`), 'p101']);
  });

  it('sends a single document larger than the limit alone, and skips empty values', () => {
    const big = doc(1, '大'.repeat(500));
    const bodies = jsonArrayBodies([doc(0), '', big, doc(2)], 400);
    expect(bodies.map((b) => all([b]))).toEqual([['p0'], ['p1'], ['p2']]);
    expect(jsonArrayBodies(['', ''], 400)).toEqual([]);
  });
});
