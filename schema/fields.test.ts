import { describe, expect, it } from 'vitest';
import { exactPhrase, gramTokens, searchFields, spell, synonymGroupOf } from './fields.ts';

describe('search fields', () => {
  it('spells characters so that no two grams share a token', () => {
    const chars = ['一', '龥', '，', 'a', '𠮷', '\u{10FFFD}', '〇', '1'];
    const spelled = chars.map(spell);
    expect(new Set(spelled).size).toBe(chars.length);
    for (const s of spelled) expect(s).toMatch(/^[a-z]+$/);
    // No spelling is a prefix of another, so concatenations decode one way only.
    for (const a of spelled) for (const b of spelled) if (a !== b) expect(b.startsWith(a)).toBe(false);
    const bigrams = new Set<string>();
    for (const a of chars) for (const b of chars) bigrams.add(gramTokens(a + b, 2)[0]!);
    expect(bigrams.size).toBe(chars.length ** 2);
  });

  it('keeps characters, spells punctuation and bigrams, one token per position', () => {
    const f = searchFields('党费，2369元');
    const c1 = f.c1.split(' ');
    expect(c1.slice(0, 2)).toEqual(['党', '费']);
    expect(c1[2]).toMatch(/^q[a-z]+$/);
    expect(c1.slice(3, 8)).toEqual(['2', '3', '6', '9', '元']);
    expect(f.c2.split(' ')).toHaveLength(7);
    for (const t of f.c2.split(' ')) expect(t).toMatch(/^x[a-z]+$/);
  });

  it('builds exact phrases: one token up to two characters, bigrams after that', () => {
    expect(exactPhrase('员')).toBe('"员"');
    expect(exactPhrase('党费')).toBe(`"${gramTokens('党费', 2)[0]}"`);
    expect(exactPhrase('党费收')).toBe(`"${gramTokens('党费收', 2).join(' ')}"`);
  });

  it('gives a text the token of every synonym group it holds a member of, anywhere in it', () => {
    const token = synonymGroupOf('津补贴')!.token;
    expect(synonymGroupOf('津贴补贴')!.token).toBe(token);
    expect(searchFields('违规发放津贴补贴12万元').c1.split(' ')).toContain(token);
    expect(searchFields('违规发放津补贴').c1.split(' ')).toContain(token);
    expect(searchFields('违规发放奖金').c1.split(' ')).not.toContain(token);
  });
});
