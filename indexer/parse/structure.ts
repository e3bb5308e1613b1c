/**
 * A notice's paragraphs → their place in the document: part (front, leadership, problems,
 * nextSteps, closing), role (title, heading, problem, measure, text), numbering with its
 * outline depth, the path of enclosing headings, 一是 items, facts, and the heading outline.
 *
 * Depth works like a Word outline: within a section (opened by a top-level heading), each
 * numbering style gets the next depth the first time it appears, because notices mix
 * styles freely ((一) › 1. in one notice, 1. › (1) in another).
 */
import type { Fact, Numbering, Paragraph, Part, Role } from '../../contract/notice.ts';
import type { z } from 'zod';
import { extractFacts, lastYear } from '../metadata/facts.ts';
import { dateOnlyLine } from '../metadata/dates.ts';
import { findTitle } from '../metadata/title.ts';
import { looksLikeUnit } from '../metadata/unit.ts';
import { parseHeadingNumber, TOP_LEVEL_STYLES, type HeadingNumber } from './headings.ts';
import { splitItems, type ItemSplit } from './items.ts';
import { matchesAny, SECTIONS, type HeadingRule } from './lexicon.ts';

export type ParsedItem = { label: string; text: string; facts: Fact[] };

/** The contract's Paragraph before ids and classification are assigned (indexer/build-record.ts). */
export type ParsedParagraph = Omit<Paragraph, 'id' | 'formerIds' | 'classification' | 'items'> & { items: ParsedItem[] };

/** An outline node; `seq` is the paragraph holding the heading (its id is assigned later). */
export type ParsedOutlineNode = {
  seq: number;
  heading: string;
  numbering?: z.output<typeof Numbering>;
  part: Part;
  children: ParsedOutlineNode[];
};

export type ParsedBody = {
  paragraphs: ParsedParagraph[];
  outline: ParsedOutlineNode[];
  /** The title as found (lines joined), when there is one. */
  title?: string;
};

/** Unnumbered lines longer than this are sentences, not headings. */
const MAX_HEADING_LINE = 40;
/** The introduction (…予以公布) is looked for among this many paragraphs after the title. */
const INTRO_SEARCH = 6;
/** The closing is looked for among the last paragraphs only. */
const CLOSING_SEARCH = 8;
/** Pseudo numbering styles: an unnumbered section heading, an unnumbered problem heading. */
const UNNUMBERED_SECTION = '§';
const UNNUMBERED_PROBLEM = '¶';

/** A heading that names the next steps whatever its numbering (巩固整改成效 may be a leadership sub-heading). */
const NEXT_STEPS_HEADING = /^(?:下一步|下阶段|今后)/u;
/** An unnumbered paragraph that opens the next steps. */
const NEXT_STEPS_TEXT = /^(?:下一步|下阶段|下一阶段|今后)[，,：:]?(?:工作中)?[，,]?\s*\S{0,12}?(?:将|要|继续|持续|坚持|进一步)/u;
const SENTENCE_END = /[。！？!?]/;
/** How a signature line names the issuing party organ. */
const SIGNATURE_ORGAN = /^(中共|中国共产党)|(委员会|党委|党组|党工委|党总支|党支部|党组性质党委)$/;

/** The first rule whose pattern matches the heading text. */
function headingRule(text: string): HeadingRule | undefined {
  return SECTIONS.headings.find((r) => matchesAny(r.patterns, text));
}

/**
 * States a problem: matches a problem rule, or a problems-section phrase that speaks of a
 * problem (关于…问题的整改情况, but not a bare 整改落实情况), or, in the problems part,
 * starts with 关于 (关于…工作 introduces what was found).
 */
function statesProblem(text: string): boolean {
  if (/^关于/.test(text)) return true;
  return SECTIONS.headings.some(
    (r) => r.part === 'problems' && matchesAny(r.patterns, text) && (r.as === 'problem' || /问题|方面/.test(text)),
  );
}

/**
 * The heading of a paragraph that starts with one: its first sentence, or the lead before
 * 一是 — "学习贯彻…不到位方面。一是…" → "学习贯彻…不到位方面". No trailing punctuation.
 */
export function headingOf(rest: string): string {
  const { lead, items } = splitItems(rest);
  let h = items.length && lead.trim() ? lead : rest;
  const end = h.search(SENTENCE_END);
  if (end > 0) h = h.slice(0, end);
  // "问题：…" / "存在问题2：…" only labels the statement that follows.
  return h
    .replace(PROBLEM_LABEL, '')
    .replace(/[\s，,；;：:、.．]+$/u, '')
    .trim();
}

/** Where a problem's own line goes on with what was done: "…不深不透。整改情况：…". */
const MEASURE_LABEL = /(?<=[。；;，,！!？?\s”"）)])(?:整改(?:落实)?(?:情况|措施|进展|结果|成效)|已整改情况|采取措施)\s*[：:]/u;

/**
 * A problem and its measures on one line: the problem statement is the lead and the
 * measures, from their label on, one item (role measure downstream), followed by any
 * 一是 items of the measures, so that scope 问题 finds the statement and scope 措施 the
 * measures. The split stays exact (lead + Σ(label + text) === the paragraph).
 */
export function splitProblemLine(text: string, split: ItemSplit): ItemSplit {
  const m = MEASURE_LABEL.exec(text);
  if (!m || m.index === 0) return split;
  const after = split.items.filter((it) => it.start >= m.index + m[0].length);
  if (after.length !== split.items.length) return split;
  const end = after[0]?.start ?? text.length;
  return {
    lead: text.slice(0, m.index),
    items: [{ label: m[0], text: text.slice(m.index + m[0].length, end), start: m.index }, ...after],
  };
}

const PROBLEM_LABEL = /^(?:存在的?)?问题[一二三四五六七八九十\d]*\s*[：:]\s*(?=\S)/u;

/**
 * A short line that reads as a heading, not a sentence: 领导班子履行主体责任情况,
 * 关于…的问题. At most one comma, no sentence punctuation inside, and a final 。 only
 * without a comma ("收到反馈意见后，局党组高度重视。" is a sentence).
 */
function isHeadingLine(p: string): boolean {
  const endsWithStop = /。$/.test(p);
  const body = p.replace(/。$/, '');
  const commas = body.match(/[，,]/g)?.length ?? 0;
  return (
    body.length <= MAX_HEADING_LINE &&
    !/[。；;！？!?：:]/.test(body) &&
    commas <= (endsWithStop ? 0 : 1) &&
    (body.match(/\p{Script=Han}/gu)?.length ?? 0) >= 4 &&
    !dateOnlyLine(p)
  );
}

function findIntroEnd(paragraphs: string[], from: number): number | undefined {
  for (let i = from; i < Math.min(paragraphs.length, from + INTRO_SEARCH); i++) {
    const p = paragraphs[i]!;
    if (parseHeadingNumber(p)) return undefined;
    if (matchesAny(SECTIONS.introEnd, p)) return i;
  }
  return undefined;
}

/** First paragraph of the closing: the invitation to supervise or contacts, or the trailing signature and date. */
function findClosingStart(paragraphs: string[], bodyStart: number): number {
  let start = paragraphs.length;
  // Trailing signature and date lines, even without any invitation before them. A unit
  // line counts as a signature when a date line follows it or it names a party organ, so a
  // last short line such as 召开专题民主生活会 is not taken for one.
  for (let i = paragraphs.length - 1; i >= Math.max(bodyStart, paragraphs.length - 4); i--) {
    const p = paragraphs[i]!;
    const next = paragraphs[i + 1];
    const signature =
      looksLikeUnit(p) && !parseHeadingNumber(p) && ((next !== undefined && dateOnlyLine(next) !== undefined) || SIGNATURE_ORGAN.test(p));
    if (dateOnlyLine(p) || signature) start = i;
    else break;
  }
  for (let i = Math.max(bodyStart, paragraphs.length - CLOSING_SEARCH); i < start; i++) {
    const p = paragraphs[i]!;
    if (parseHeadingNumber(p)) continue;
    if (matchesAny(SECTIONS.closingStart, p) || matchesAny(SECTIONS.closingAnywhere, p)) return i;
  }
  return start;
}

/** An enclosing heading; numbered measures are enclosing (for depth) but not outline nodes. */
type OpenHeading = { depth: number; text: string; isProblem: boolean; node?: ParsedOutlineNode };

/** Facts of a paragraph (its lead only when it has items) and of each item. */
function withFacts(text: string, split: ItemSplit): { facts: Fact[]; items: ParsedItem[] } {
  if (!split.items.length) return { facts: extractFacts(text), items: [] };
  const items = split.items.map((it) => ({
    label: it.label,
    text: it.text,
    facts: extractFacts(it.text, { year: lastYear(text.slice(0, it.start + it.label.length)) }),
  }));
  return { facts: extractFacts(split.lead), items };
}

class OutlineBuilder {
  readonly roots: ParsedOutlineNode[] = [];
  private stack: OpenHeading[] = [];
  /** Style keys of the current section, in order of first appearance; index + 1 = depth. */
  private styles: string[] = [];

  get topStyle(): string | undefined {
    return this.styles[0];
  }

  path(): string[] {
    return this.stack.map((h) => h.text);
  }

  underProblem(): boolean {
    return this.stack.some((h) => h.isProblem);
  }

  /** Opens a top-level heading: a new section, whose numbering styles start afresh. */
  openSection(styleKey: string, node: ParsedOutlineNode, text: string, isProblem: boolean): number {
    this.styles = [styleKey];
    this.stack = [];
    return this.push(1, node, text, isProblem);
  }

  /** Depth of a nested heading of this style in the current section. */
  depthOf(styleKey: string): number {
    if (!this.styles.includes(styleKey)) this.styles.push(styleKey);
    return this.styles.indexOf(styleKey) + 1;
  }

  push(depth: number, node: ParsedOutlineNode | undefined, text: string, isProblem: boolean): number {
    while (this.stack.length && this.stack[this.stack.length - 1]!.depth >= depth) this.stack.pop();
    if (node) {
      const parent = this.stack.findLast((h) => h.node)?.node;
      (parent ? parent.children : this.roots).push(node);
    }
    this.stack.push({ depth, text, isProblem, node });
    return depth;
  }

  /** Leaves every heading (the closing is under none). */
  close(): void {
    this.stack = [];
  }
}

function nextPartAfterSection(current: Part, rule: HeadingRule | undefined): Part {
  if (rule) return rule.part;
  // A top-level section naming no part after the introduction or the leadership part is,
  // in the usual order of a notice, the problems part.
  return current === 'front' || current === 'leadership' ? 'problems' : current;
}

export function parseStructure(paragraphs: string[]): ParsedBody {
  const title = findTitle(paragraphs);
  const afterTitle = title?.end ?? 0;
  const introEnd = findIntroEnd(paragraphs, afterTitle);
  const bodyStart = introEnd !== undefined ? introEnd + 1 : afterTitle;
  const closingStart = findClosingStart(paragraphs, bodyStart);

  const outline = new OutlineBuilder();
  const out: ParsedParagraph[] = [];
  let part: Part = 'front';

  const emit = (
    seq: number,
    text: string,
    fields: { part: Part; role: Role; numbering?: HeadingNumber & { depth: number }; headingPath: string[]; split?: ItemSplit },
  ) => {
    const split = fields.split ?? splitItems(text);
    const { facts, items } = withFacts(text, split);
    const p: ParsedParagraph = { seq, text, part: fields.part, role: fields.role, headingPath: fields.headingPath, items, facts };
    if (fields.numbering) p.numbering = { style: fields.numbering.style, label: fields.numbering.label, depth: fields.numbering.depth };
    if (items.length && split.lead.trim()) p.lead = split.lead;
    out.push(p);
  };

  for (let seq = 0; seq < paragraphs.length; seq++) {
    const text = paragraphs[seq]!;
    if (title && seq >= title.start && seq < title.end) {
      emit(seq, text, { part: 'front', role: 'title', headingPath: [] });
      continue;
    }
    if (seq < bodyStart) {
      emit(seq, text, { part: 'front', role: 'text', headingPath: [] });
      continue;
    }
    if (seq >= closingStart) {
      outline.close();
      emit(seq, text, { part: 'closing', role: 'text', headingPath: [] });
      continue;
    }

    const num = parseHeadingNumber(text);
    const split = splitItems(text);

    if (num) {
      const heading = headingOf(num.rest) || num.rest.slice(0, MAX_HEADING_LINE);
      const rule = headingRule(heading);
      const isSection =
        outline.topStyle === undefined ||
        outline.topStyle === num.style ||
        (TOP_LEVEL_STYLES.includes(num.style) && rule?.as === 'section') ||
        // （四）下一步工作打算 after the last problem: the next steps are never a problem's measure.
        (rule?.part === 'nextSteps' && part !== 'nextSteps' && NEXT_STEPS_HEADING.test(heading));
      let role: Role;
      let depth: number;
      const node: ParsedOutlineNode = { seq, heading, part, children: [] };
      if (isSection) {
        part = nextPartAfterSection(part, rule);
        // In the problems part a top-level heading is a problem unless it only names the part
        // (巡视反馈问题整改落实情况) or states nothing wrong (聚焦反馈问题，狠抓整改落实).
        const namesPart = rule?.as === 'section' && rule.part === 'problems';
        role = part === 'problems' && !namesPart && statesProblem(heading) ? 'problem' : 'heading';
        node.part = part;
        depth = outline.openSection(num.style, node, heading, role === 'problem');
      } else {
        depth = outline.depthOf(num.style);
        // Under a problem, a numbered line that states no problem is one of its measures.
        // "1.问题1：…" is labelled as a problem whatever its wording.
        const labelled = PROBLEM_LABEL.test(num.rest);
        role = part === 'problems' ? (outline.underProblem() && !labelled && !statesProblem(heading) ? 'measure' : 'problem') : 'heading';
        outline.push(depth, role === 'measure' ? undefined : node, heading, role === 'problem');
      }
      node.numbering = { style: num.style, label: num.label, depth };
      const lineSplit = role === 'problem' ? splitProblemLine(text, split) : split;
      emit(seq, text, { part, role, numbering: { ...num, depth }, headingPath: outline.path(), split: lineSplit });
      continue;
    }

    const headingLine = isHeadingLine(text) && !split.items.length;
    const rule = headingLine ? headingRule(text.replace(/[。]$/, '')) : undefined;
    if (headingLine && rule?.as === 'section') {
      part = rule.part;
      const heading = text.replace(/[。]$/, '');
      outline.openSection(UNNUMBERED_SECTION, { seq, heading, part, children: [] }, heading, false);
      emit(seq, text, { part, role: 'heading', headingPath: outline.path(), split });
      continue;
    }

    // An unnumbered problem statement: a short line (关于…的问题), the lead of a paragraph
    // of items (针对…不到位的问题，一是…), or a first sentence 关于…问题。 before the measures.
    const leadHeading = split.items.length ? headingOf(split.lead) : '';
    const firstSentence = headingOf(text);
    const problemHeading = headingLine
      ? text.replace(/[。]$/, '')
      : leadHeading || (/^关于.{2,60}(问题|方面)$/.test(firstSentence) ? firstSentence : '');
    if (
      problemHeading &&
      (part === 'problems' || (headingLine && rule?.as === 'problem' && part !== 'nextSteps')) &&
      statesProblem(problemHeading)
    ) {
      if (part !== 'problems') part = 'problems';
      const node: ParsedOutlineNode = { seq, heading: problemHeading, part, children: [] };
      if (outline.topStyle === undefined) outline.openSection(UNNUMBERED_PROBLEM, node, problemHeading, true);
      else outline.push(outline.depthOf(UNNUMBERED_PROBLEM), node, problemHeading, true);
      emit(seq, text, { part, role: 'problem', headingPath: outline.path(), split: splitProblemLine(text, split) });
      continue;
    }

    // "下一步，我们将…" after the problems, without a heading of its own: the next steps,
    // under no problem's heading.
    if ((part === 'problems' || part === 'leadership') && NEXT_STEPS_TEXT.test(text)) {
      part = 'nextSteps';
      outline.close();
    }
    // Before any heading, text that tells how the rectification was organised is the
    // leadership part even without a heading of its own.
    if (part === 'front' && matchesAny(SECTIONS.leadershipText, text)) part = 'leadership';
    const role: Role = part === 'problems' ? (outline.underProblem() ? 'measure' : 'text') : 'text';
    emit(seq, text, { part, role, headingPath: outline.path(), split });
  }

  return { paragraphs: out, outline: outline.roots, ...(title ? { title: title.text } : {}) };
}
