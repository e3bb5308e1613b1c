/**
 * Problem classification over lexicon/taxonomy.yaml (rules documented at the top of
 * that file):
 *   classifyTopics   level-2 topics of a paragraph or 一是-item, each with its cues;
 *   classifyProblem  the level-1 category (四个落实 / 四个聚焦) of a problem, from the
 *                    nearest problem heading of its heading path, else from its text;
 *   classifySegment  both, as the contract's Classification.
 * Deterministic, no model: an Aho–Corasick pass for the cue words, precompiled regexes
 * for the patterns, and jieba to check that a two-character cue is a word of its own and
 * not the seam of two words (确保|密切 ≠ 保密) — run only when such a cue was found, and
 * only on the punctuation-delimited block around it.
 *
 * Determinism assumes jieba's dictionary is not changed at run time: jieba-wasm has one
 * global dictionary, so an `add_word` elsewhere in the process would change word
 * boundaries here too (and the block cache below would keep the old ones).
 */
import { cut } from 'jieba-wasm';
import type { CategoryAssignment, Classification } from '../../contract/notice.ts';
import { defaultTaxonomy, type CueOwner, type Taxonomy } from './taxonomy.ts';
import { normalizeForPatterns } from '../../text/normalize.ts';

export type { Taxonomy } from './taxonomy.ts';

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

type Hit = {
  start: number;
  end: number;
  /** The cue as written in the taxonomy, or the pattern source. */
  evidence: string;
  owner: CueOwner;
  /** Weight for level-1 scoring (level-1 cues and patterns). */
  weight: number;
  /** A regex pattern rather than a cue word. */
  pattern: boolean;
};

const ownerKey = (o: CueOwner): string => (o.kind === 'neutral' ? 'n' : `${o.kind === 'lvl1' ? 'l' : 't'}${o.index}`);

/**
 * jieba cuts text in blocks of Han characters and ASCII letters and digits, split at
 * punctuation; a cue's word boundaries depend only on the block it sits in. Cutting only
 * that block (typically 5–30 characters) instead of the whole segment gives the same
 * words and is an order of magnitude faster. Blocks are cached: they repeat a lot.
 */
const JIEBA_BLOCK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-zA-Z0-9+#&._%-]/u;
const blockCache = new Map<string, { starts: number[]; ends: number[] }>();
const BLOCK_CACHE_LIMIT = 50_000;

function blockWords(block: string): { starts: number[]; ends: number[] } {
  let words = blockCache.get(block);
  if (words) return words;
  const starts: number[] = [];
  const ends: number[] = [];
  let pos = 0;
  for (const tok of cut(block, false)) {
    starts.push(pos);
    pos += tok.length;
    ends.push(pos);
  }
  words = { starts, ends };
  // jieba gives back every character; if it ever does not, accept rather than misjudge.
  if (pos !== block.length) words = { starts: [0], ends: [block.length] };
  if (blockCache.size >= BLOCK_CACHE_LIMIT) blockCache.clear();
  blockCache.set(block, words);
  return words;
}

/**
 * A two-character cue counts when it starts and ends on jieba word boundaries, or is the
 * start or end of a single longer word (保密 in 保密员, 作风 in 工作作风). It does not
 * count when it straddles a boundary (确保|密切 for 保密) or sits inside a word.
 */
function isWord(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && JIEBA_BLOCK.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && JIEBA_BLOCK.test(text[to]!)) to++;
  const { starts, ends } = blockWords(text.slice(from, to));
  const s = start - from;
  const e = end - from;
  // Words containing the first and the last character of the cue.
  let ks = 0;
  while (ks + 1 < starts.length && starts[ks + 1]! <= s) ks++;
  let ke = ks;
  while (ke + 1 < starts.length && starts[ke + 1]! <= e - 1) ke++;
  const alignedStart = starts[ks] === s;
  const alignedEnd = ends[ke] === e;
  if (alignedStart && alignedEnd) return true;
  return ks === ke && (alignedStart || alignedEnd);
}

function spansOf(re: RegExp, text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

const overlaps = (spans: Array<[number, number]>, start: number, end: number) => spans.some(([s, e]) => start < e && s < end);

/** Every cue and pattern hit in a folded text, after masks, token checks and exclusions. */
function findHits(text: string, tax: Taxonomy): Hit[] {
  if (text.length === 0) return [];
  const masked: Array<[number, number]> = [];
  for (const re of tax.masks) masked.push(...spansOf(re, text));

  const hits: Hit[] = [];
  for (const raw of tax.matcher.scan(text)) {
    const cue = tax.cues[raw.id]!;
    if (masked.length > 0 && overlaps(masked, raw.start, raw.end)) continue;
    if (cue.tokenCheck && !isWord(text, raw.start, raw.end)) continue;
    for (const owner of cue.owners) {
      hits.push({
        start: raw.start,
        end: raw.end,
        evidence: cue.text,
        owner,
        weight: owner.kind === 'lvl1' ? owner.weight : 0,
        pattern: false,
      });
    }
  }
  for (const c of tax.lvl1) {
    for (const p of c.patterns) {
      for (const [s, e] of spansOf(p.regex, text)) {
        if (masked.length > 0 && overlaps(masked, s, e)) continue;
        const owner: CueOwner = { kind: 'lvl1', index: c.index, weight: p.weight };
        hits.push({ start: s, end: e, evidence: p.source, owner, weight: p.weight, pattern: true });
      }
    }
  }
  for (const t of tax.topics) {
    for (const p of t.patterns) {
      for (const [s, e] of spansOf(p.regex, text)) {
        if (masked.length > 0 && overlaps(masked, s, e)) continue;
        const owner: CueOwner = { kind: 'topic', index: t.index, support: false };
        hits.push({ start: s, end: e, evidence: p.source, owner, weight: 0, pattern: true });
      }
    }
  }

  // Topic exclusions (劳动合同 for 合同管理 …), computed only for topics that were hit.
  const excluded = new Map<number, Array<[number, number]>>();
  return hits.filter((h) => {
    if (h.owner.kind !== 'topic') return true;
    const topic = tax.topics[h.owner.index]!;
    if (topic.exclude.length === 0) return true;
    let spans = excluded.get(topic.index);
    if (!spans) {
      spans = topic.exclude.flatMap((re) => spansOf(re, text));
      excluded.set(topic.index, spans);
    }
    return !overlaps(spans, h.start, h.end);
  });
}

/**
 * Drop every hit that lies strictly inside a longer cue-word hit of another owner
 * (发展 inside 发展党员, 组织生活 inside 组织生活会, anything inside a neutral phrase),
 * then the neutral hits themselves. Pattern hits never swallow others: a pattern with
 * a gap (落实…部署) spans words that must still count (全面从严治党).
 */
function suppressContained(hits: Hit[], key: (o: CueOwner) => string = ownerKey): Hit[] {
  return hits.filter(
    (h) =>
      h.owner.kind !== 'neutral' &&
      !hits.some(
        (g) =>
          g !== h &&
          !g.pattern &&
          g.end - g.start > h.end - h.start &&
          g.start <= h.start &&
          h.end <= g.end &&
          key(g.owner) !== key(h.owner),
      ),
  );
}

// ---------------------------------------------------------------------------
// Level 2
// ---------------------------------------------------------------------------

type TopicResult = { index: number; firstPos: number; because: string[]; hits: Hit[] };

/** Cue words in order of first occurrence, then pattern sources. */
function evidenceInOrder(hits: Hit[]): string[] {
  const sorted = [...hits].sort((a, b) => Number(a.pattern) - Number(b.pattern) || a.start - b.start || b.end - a.end);
  return [...new Set(sorted.map((h) => h.evidence))];
}

function topicsFromHits(allHits: Hit[], tax: Taxonomy): TopicResult[] {
  const hits = suppressContained(allHits.filter((h) => h.owner.kind !== 'lvl1'));
  const byTopic = new Map<number, Hit[]>();
  for (const h of hits) {
    if (h.owner.kind !== 'topic') continue;
    const list = byTopic.get(h.owner.index);
    if (list) list.push(h);
    else byTopic.set(h.owner.index, [h]);
  }
  const out: TopicResult[] = [];
  for (const [index, list] of byTopic) {
    const topic = tax.topics[index]!;
    const main = list.filter((h) => h.owner.kind === 'topic' && !h.owner.support);
    const support = new Set(list.filter((h) => h.owner.kind === 'topic' && h.owner.support).map((h) => h.evidence));
    const fires = main.length > 0 || (topic.minSupport !== undefined && support.size >= topic.minSupport);
    if (!fires) continue;
    out.push({ index, firstPos: Math.min(...list.map((h) => h.start)), because: evidenceInOrder(list), hits: list });
  }
  return out.sort((a, b) => a.firstPos - b.firstPos || a.index - b.index);
}

// ---------------------------------------------------------------------------
// Level 1
// ---------------------------------------------------------------------------

type Lvl1Score = { index: number; score: number; firstPos: number; because: string[] };

type Analysis = { text: string; hits: Hit[]; topics: TopicResult[]; lvl1: Lvl1Score[] };

function scoreLvl1(allHits: Hit[], topics: TopicResult[], tax: Taxonomy): Lvl1Score[] {
  // For level 1 a topic hit speaks for its parent category: 党风廉政 (a level-1 cue)
  // inside 党风廉政建设 (a topic cue of the same category) still counts, while 发展
  // inside 发展党员 (a topic of another category) does not.
  const categoryKey = (o: CueOwner) => (o.kind === 'topic' ? `l${tax.topics[o.index]!.parentIndex}` : ownerKey(o));
  const hits = suppressContained(allHits, categoryKey);
  const scores = new Map<number, { score: number; firstPos: number; hits: Hit[]; topicHits: Hit[] }>();
  const entry = (index: number) => {
    let e = scores.get(index);
    if (!e) {
      e = { score: 0, firstPos: Infinity, hits: [], topicHits: [] };
      scores.set(index, e);
    }
    return e;
  };
  for (const h of hits) if (h.owner.kind === 'lvl1') entry(h.owner.index).hits.push(h);
  for (const [, e] of scores) {
    // Each distinct cue counts once; a cue inside a longer cue word of the same
    // category (从严治党 inside 全面从严治党) counts neither in the score nor in `because`.
    const best = new Map<string, number>();
    const scored: Hit[] = [];
    for (const h of e.hits) {
      const inner = e.hits.some((g) => g !== h && !g.pattern && g.end - g.start > h.end - h.start && g.start <= h.start && h.end <= g.end);
      if (inner) continue;
      best.set(h.evidence, Math.max(best.get(h.evidence) ?? 0, h.weight));
      e.firstPos = Math.min(e.firstPos, h.start);
      scored.push(h);
    }
    e.hits = scored;
    for (const w of best.values()) e.score += w;
  }
  for (const t of topics) {
    const parent = tax.topics[t.index]!.parentIndex;
    const e = entry(parent);
    e.score += tax.scoring.topicParentWeight;
    e.firstPos = Math.min(e.firstPos, t.firstPos);
    e.topicHits.push(...t.hits);
  }
  const out: Lvl1Score[] = [];
  for (const [index, e] of scores) {
    if (e.score <= 0) continue;
    out.push({ index, score: e.score, firstPos: e.firstPos, because: evidenceInOrder([...e.hits, ...e.topicHits]) });
  }
  return out.sort((a, b) => b.score - a.score || a.firstPos - b.firstPos || a.index - b.index);
}

// ---------------------------------------------------------------------------
// Analysis with a per-taxonomy cache (headings repeat for every item under them)
// ---------------------------------------------------------------------------

const CACHE_LIMIT = 20_000;
const caches = new WeakMap<Taxonomy, Map<string, Analysis>>();

function analyzeFolded(text: string, tax: Taxonomy, cache: boolean): Analysis {
  let map = caches.get(tax);
  if (cache) {
    if (!map) {
      map = new Map();
      caches.set(tax, map);
    }
    const hit = map.get(text);
    if (hit) return hit;
  }
  const hits = findHits(text, tax);
  const topics = topicsFromHits(hits, tax);
  const analysis: Analysis = { text, hits, topics, lvl1: scoreLvl1(hits, topics, tax) };
  if (cache && map) {
    if (map.size >= CACHE_LIMIT) map.clear();
    map.set(text, analysis);
  }
  return analysis;
}

// ---------------------------------------------------------------------------
// Problem statements
// ---------------------------------------------------------------------------

const NUMBERING =
  /^(?:[（(][一二三四五六七八九十百零〇两\d]{1,4}[)）][、.，]?|[一二三四五六七八九十百零〇两]{1,4}[、.，]|\d{1,3}(?:\.\d{1,3})*(?:[.、，]|(?![\da-z]))|[一二三四五六七八九十]是|第[一二三四五六七八九十\d]{1,3}(?:部分|条|项|个方面)?[、，：]?|问题[一二三四五六七八九十\d]{1,3}[：、.，]?|聚焦)/u;
const CUT = /[。；]|[一二三四五六七八九十]是/u;
const TRAILING = /(?:方面存在的问题|方面存在问题|方面的问题|方面问题|方面|存在的问题)?[，、。；：！？…]*$/u;

/**
 * The problem statement of a heading, folded: numbering removed, cut at the first
 * 。/；/一是, 关于“X”问题的整改情况 → X, trailing 方面 dropped. Undefined for section
 * titles (巡察整改落实情况, 下一步工作打算 …) and empty headings.
 */
export function problemStatement(heading: string, taxonomy: Taxonomy = defaultTaxonomy()): string | undefined {
  let s = normalizeForPatterns(heading).replace(/^\[bookmark：[^\]]*\]/u, '');
  for (let i = 0; i < 3; i++) {
    const next = s.replace(NUMBERING, '');
    if (next === s) break;
    s = next;
  }
  const cut = CUT.exec(s);
  if (cut && cut.index > 0) s = s.slice(0, cut.index);
  for (const re of taxonomy.problemExtract) {
    const m = re.exec(s);
    const p = m?.groups?.p;
    if (p) {
      s = p;
      break;
    }
  }
  s = s.replace(TRAILING, '');
  if (s.length === 0) return undefined;
  if (taxonomy.structuralHeadings.some((re) => re.test(s))) return undefined;
  return s;
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

function assignmentOfTopic(t: TopicResult, tax: Taxonomy): CategoryAssignment {
  const topic = tax.topics[t.index]!;
  return { code: topic.code, label: topic.label, because: t.because };
}

function unclassified(tax: Taxonomy): CategoryAssignment {
  return { code: tax.unclassified.code, label: tax.unclassified.label, because: [] };
}

/**
 * Level-2 topics of a paragraph or item, in order of first mention, each with the cues
 * and pattern sources that gave it. Empty when nothing matches (the paragraph's level 1
 * is where 未分类 shows).
 */
export function classifyTopics(text: string, taxonomy: Taxonomy = defaultTaxonomy()): CategoryAssignment[] {
  return analyzeFolded(normalizeForPatterns(text), taxonomy, false).topics.map((t) => assignmentOfTopic(t, taxonomy));
}

export type ProblemExplanation = {
  assignment: CategoryAssignment;
  /** What decided: the nearest problem heading, an enclosing one, the text, or nothing. */
  decidedBy: 'heading' | 'ancestor' | 'text' | 'none';
  /** Index in headingPath of the heading that decided, when one did. */
  headingIndex?: number;
  /** The folded problem statement that was scored. */
  statement?: string;
  /** Level-1 scores of that statement, best first. */
  scores: Array<{ code: string; score: number; because: string[] }>;
};

/**
 * Pick among the best-scoring categories. Ties go to the category the enclosing
 * headings favour (nearest first), then to the one mentioned first, then taxonomy order.
 */
function decide(scores: Lvl1Score[], ancestors: Analysis[]): Lvl1Score {
  const top = scores[0]!;
  let tied = scores.filter((s) => s.score === top.score);
  for (const a of ancestors) {
    if (tied.length < 2) break;
    const scoreIn = (index: number) => a.lvl1.find((s) => s.index === index)?.score ?? 0;
    const best = Math.max(...tied.map((s) => scoreIn(s.index)));
    if (best > 0) tied = tied.filter((s) => scoreIn(s.index) === best);
  }
  // `scores` is already sorted by firstPos then index within equal scores.
  return tied[0]!;
}

/**
 * Level 1 of a problem, with the reasons. headingPath is outermost first and may end
 * with the problem's own heading; text is the problem's paragraph (statement or
 * measures), used only when no heading says anything.
 */
export function explainProblem(headingPath: readonly string[], text: string, taxonomy: Taxonomy = defaultTaxonomy()): ProblemExplanation {
  const statements = headingPath.map((h) => problemStatement(h, taxonomy));
  const analyses = statements.map((s) => (s === undefined ? undefined : analyzeFolded(s, taxonomy, true)));
  const toScores = (a: Analysis) => a.lvl1.map((s) => ({ code: taxonomy.lvl1[s.index]!.code, score: s.score, because: s.because }));
  const assignment = (s: Lvl1Score): CategoryAssignment => {
    const c = taxonomy.lvl1[s.index]!;
    return { code: c.code, label: c.label, because: s.because };
  };

  const ancestorsOf = (i: number) =>
    analyses
      .slice(0, i)
      .reverse()
      .filter((x): x is Analysis => x !== undefined);
  const confident = taxonomy.scoring.confidentScore;
  for (let i = analyses.length - 1; i >= 0; i--) {
    const a = analyses[i];
    if (!a || a.lvl1.length === 0) continue;
    let at = i;
    // Weak cues only (技术, 平台 …): the nearest enclosing heading that is confident decides.
    if (a.lvl1[0]!.score < confident) {
      for (let j = i - 1; j >= 0; j--) {
        const up = analyses[j];
        if (up && up.lvl1.length > 0 && up.lvl1[0]!.score >= confident) {
          at = j;
          break;
        }
      }
    }
    const chosen = analyses[at]!;
    return {
      assignment: assignment(decide(chosen.lvl1, ancestorsOf(at))),
      decidedBy: at === analyses.length - 1 ? 'heading' : 'ancestor',
      headingIndex: at,
      statement: chosen.text,
      scores: toScores(chosen),
    };
  }

  // No heading says anything: the text's own lead sentence, then the whole text.
  const lead = problemStatement(text, taxonomy);
  const candidates = [lead, normalizeForPatterns(text)].filter((s): s is string => s !== undefined && s.length > 0);
  for (const s of candidates) {
    const a = analyzeFolded(s, taxonomy, s === lead);
    if (a.lvl1.length === 0) continue;
    return { assignment: assignment(decide(a.lvl1, [])), decidedBy: 'text', statement: s, scores: toScores(a) };
  }
  return { assignment: unclassified(taxonomy), decidedBy: 'none', scores: [] };
}

/** Level-1 category (四个落实 / 四个聚焦) of a problem; 未分类 when nothing matches. */
export function classifyProblem(headingPath: readonly string[], text: string, taxonomy: Taxonomy = defaultTaxonomy()): CategoryAssignment {
  return explainProblem(headingPath, text, taxonomy).assignment;
}

/**
 * Classification of one searchable segment (paragraph, lead or 一是-item): level 1 from
 * the nearest problem heading of headingPath (or the text itself), level-2 topics from
 * the segment's own text only.
 */
export function classifySegment(headingPath: readonly string[], text: string, taxonomy: Taxonomy = defaultTaxonomy()): Classification {
  return {
    lvl1: classifyProblem(headingPath, text, taxonomy),
    topics: classifyTopics(text, taxonomy),
  };
}
