/**
 * The searchable representations of a text: one token per position of the normalised text,
 * - c1: the character there (letters and digits as themselves, punctuation spelled),
 * - c2: the bigram starting there, spelled in letters.
 * Both exact and words mode are answered from these (server/search/query-plan.ts): a string
 * of one character is one c1 token, of two one c2 token, a longer one a phrase over its
 * bigrams. Meilisearch resolves a phrase from word-pair proximities in windows of three
 * words; adjacent bigram tokens prove a 3-character substring, so queries of up to 3
 * characters are exact by construction. Longer ones are exact unless a paragraph holds each
 * of their 4-character pieces at different places: on the real notices 好巡视整改是 also
 * finds 抓好巡视整改的 … 巡视整改是 (1 of `npm run eval`'s 647 queries, 2026-12-06); only
 * checking the text itself would rule that out. A phrase over single characters would
 * prove only that every character pair occurs somewhere ("111" matched "11"), which is why
 * c2 exists.
 *
 * Why no trigram and no jieba word field: each positional field costs Meilisearch 30–50
 * bytes per character of text (its word-pair proximity database), and with them the index
 * was 15 times the size of a plain index of the same texts (docs/benchmarks.md, Index size).
 *
 * Bigrams and punctuation are spelled in lowercase letters (schema/fields.ts `spell`), so
 * Meilisearch neither re-segments CJK grams with its own jieba nor treats punctuation as a
 * separator; the first letter says the field family and gram length, so no spelled token
 * collides with another kind or with a character.
 *
 * Synonym groups (lexicon/synonyms.yaml) are resolved when indexing: a text that contains
 * any member of a group also gets the group's token in c1, and a words-mode query for any
 * member asks for that token — "the word or one of its listed synonyms", without a query
 * that Meilisearch could not express (it has no OR of phrases).
 */
import { normalize } from '../text/normalize.ts';
import { loadLexicon } from '../text/lexicon.ts';

export const GRAM_FIELDS = ['c1', 'c2'] as const;
/** The same fields of measure text (schema/documents.ts ParagraphDoc): scope=measures searches only these. */
export const MEASURE_GRAM_FIELDS = ['xc1', 'xc2'] as const;
/** The measure field of a content field (c1 → xc1). */
export const measureField = <F extends (typeof GRAM_FIELDS)[number]>(field: F) => `x${field}` as const;
/** Every content field, in ranking order: text of other roles before measure text. */
export const CONTENT_FIELDS = [...GRAM_FIELDS, ...MEASURE_GRAM_FIELDS] as const;
/** Gram fields of the notice's title and unit, for scope=meta and the unit facet's search box. */
export const META_FIELDS = ['m1', 'm2'] as const;
export type GramFamily = 'content' | 'meta';
const MAX_GRAM = 2;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** First letter of a token, by family: punctuation and bigrams of content, characters and bigrams of meta, synonym groups. */
const PREFIX = { content: ['q', 'x'], meta: ['r', 's'], synonym: 'v' } as const;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Spelled characters, kept: texts use a few thousand distinct characters. */
const SPELLED = new Map<string, string>();

/**
 * A character as lowercase letters: its code point in base 26, four letters below
 * 25·26³ (every CJK character), otherwise `z` and five. No spelling is a prefix of another,
 * so a spelled gram decodes one way only and two grams never share a token.
 */
export function spell(ch: string): string {
  let out = SPELLED.get(ch);
  if (out === undefined) {
    let n = ch.codePointAt(0)!;
    const width = n < 25 * 26 ** 3 ? 4 : 5;
    out = '';
    for (let i = 0; i < width; i++) {
      out = LETTERS[n % 26] + out;
      n = Math.floor(n / 26);
    }
    if (width === 5) out = `z${out}`;
    SPELLED.set(ch, out);
  }
  return out;
}

/** Tokens of the k-grams (k = 1 or 2) of already-normalised text, one per starting position. */
export function gramTokens(normalizedText: string, k: 1 | 2, family: GramFamily = 'content'): string[] {
  const prefix = PREFIX[family][k - 1];
  const chars = Array.from(normalizedText);
  // Characters stay as they are in content, so that a one-character query (员, 于) finds every occurrence.
  if (k === 1 && family === 'content') return chars.map((ch) => (LETTER_OR_DIGIT.test(ch) ? ch : prefix + spell(ch)));
  if (k === 1) return chars.map((ch) => prefix + spell(ch));
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(prefix + spell(chars[i]!) + spell(chars[i + 1]!));
  return out;
}

/** The Meilisearch query part that matches exactly the texts containing `normalizedQuery`. */
export function exactPhrase(normalizedQuery: string, family: GramFamily = 'content'): string {
  const length = Array.from(normalizedQuery).length;
  // Quoted even when it is one token: phrases get neither typos nor prefix matching.
  if (length <= MAX_GRAM) return `"${gramTokens(normalizedQuery, length as 1 | 2, family)[0]}"`;
  return `"${gramTokens(normalizedQuery, MAX_GRAM, family).join(' ')}"`;
}

/** The token that stands for a synonym group in c1 (its first member, normalised, spelled). */
export function synonymToken(group: readonly string[]): string {
  return PREFIX.synonym + Array.from(normalize(group[0]!), spell).join('');
}

export type SynonymGroup = { members: string[]; token: string };
let groups: SynonymGroup[] | undefined;

/** The synonym groups, normalised, with their tokens. */
export function synonymGroups(): SynonymGroup[] {
  groups ??= loadLexicon().synonyms.map((g) => ({ members: [...new Set(g.map((m) => normalize(m)))], token: synonymToken(g) }));
  return groups;
}

/** The group of a normalised word, if it is a member of one. */
export function synonymGroupOf(normalizedWord: string): SynonymGroup | undefined {
  return synonymGroups().find((g) => g.members.includes(normalizedWord));
}

/** The group tokens of the synonym groups that have a member in already-normalised text. */
export function synonymTokens(normalizedText: string): string[] {
  return synonymGroups()
    .filter((g) => g.members.some((m) => normalizedText.includes(m)))
    .map((g) => g.token);
}

export function searchFields(text: string): { c1: string; c2: string } {
  const n = normalize(text);
  return { c1: [...gramTokens(n, 1), ...synonymTokens(n)].join(' '), c2: gramTokens(n, 2).join(' ') };
}

/** Title and unit fields joined by a separator no query contains by accident. */
export function metaFields(parts: (string | undefined)[]): { m1: string; m2: string } {
  const n = parts
    .filter(Boolean)
    .map((p) => normalize(p!))
    .join('|');
  return { m1: gramTokens(n, 1, 'meta').join(' '), m2: gramTokens(n, 2, 'meta').join(' ') };
}
