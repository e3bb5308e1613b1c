/**
 * Parsed notice → NoticeRecord: assigns stable ids, carries former ids over from the
 * previous version of the same notice, classifies every paragraph and item, and derives
 * the outline. Pure: the caller does the I/O.
 */
import type { Classification, Item, NoticeRecord, OutlineNode, Paragraph, Source } from '../contract/notice.ts';
import { carryFormerIds, makeSegmentIdAssigner, noticeId, type Addressed } from './identify/ids.ts';
import { normalize } from '../text/normalize.ts';
import type { ParsedNotice } from './parse/notice.ts';

export type Classifier = (segment: {
  headingPath: string[];
  text: string;
  role: Paragraph['role'];
  part: Paragraph['part'];
}) => Classification | undefined;

export function buildRecord(input: {
  parsed: ParsedNotice;
  text: string;
  textHash: string;
  sources: Source[];
  previous?: NoticeRecord;
  classify?: Classifier;
  now?: string;
  /** Keep this notice id (rebuilds from the archive: a link must not move). */
  id?: string;
}): NoticeRecord {
  const { parsed } = input;
  const id =
    input.id ??
    noticeId({
      unit: parsed.unit,
      // A derived title is not the notice's own: ids stay what they were without it.
      title: parsed.titleDerived ? undefined : parsed.title,
      publishedDate: parsed.publishedDate,
      feedbackDate: parsed.inspection?.feedbackDate,
      normalizedText: normalize(input.text),
    });
  const assign = makeSegmentIdAssigner(id);
  const classify = input.classify ?? (() => undefined);
  const paragraphs: Paragraph[] = parsed.paragraphs.map((p) => {
    const items: Item[] = p.items.map((it) => ({
      id: assign(p.headingPath, it.text),
      label: it.label,
      text: it.text,
      formerIds: [],
      facts: it.facts ?? [],
      classification: classify({ headingPath: p.headingPath, text: it.text, role: 'measure', part: p.part }),
    }));
    return {
      ...p,
      id: assign(p.headingPath, p.items.length ? (p.lead ?? '') + '\u0003' + p.text : p.text),
      items,
      formerIds: [],
      classification: classify({
        headingPath: p.headingPath,
        text: p.items.length ? (p.lead ?? p.text) : p.text,
        role: p.role,
        part: p.part,
      }),
    };
  });

  if (input.previous) {
    const flatten = (ps: Paragraph[]): Addressed[] =>
      ps.flatMap((p) => [
        { id: p.id, text: p.lead ?? p.text, headingPath: p.headingPath, order: p.seq * 1000, formerIds: p.formerIds },
        ...p.items.map((it, i) => ({
          id: it.id,
          text: it.text,
          headingPath: p.headingPath,
          order: p.seq * 1000 + i + 1,
          formerIds: it.formerIds,
        })),
      ]);
    const next = flatten(paragraphs);
    carryFormerIds(flatten(input.previous.paragraphs), next);
    const byId = new Map(next.map((a) => [a.id, a.formerIds]));
    for (const p of paragraphs) {
      p.formerIds = byId.get(p.id) ?? [];
      for (const it of p.items) it.formerIds = byId.get(it.id) ?? [];
    }
  }

  return {
    id,
    title: parsed.title,
    ...(parsed.titleDerived ? { titleDerived: true } : {}),
    unit: parsed.unit,
    unitAsWritten: parsed.unitAsWritten,
    region: parsed.region ?? [],
    inspection: parsed.inspection ?? {},
    publishedDate: parsed.publishedDate,
    publicWindow: parsed.publicWindow,
    year: parsed.year,
    contacts: parsed.contacts ?? { phones: [] },
    sources: input.sources,
    textHash: input.textHash,
    paragraphs,
    outline: outlineOf(paragraphs),
    indexedAt: input.now ?? new Date().toISOString(),
  };
}

/** Headings nested by the length of their heading path. */
export function outlineOf(paragraphs: Paragraph[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: { depth: number; node: OutlineNode }[] = [];
  for (const p of paragraphs) {
    if (p.role !== 'heading' && p.role !== 'problem') continue;
    const heading = p.headingPath[p.headingPath.length - 1];
    if (!heading) continue;
    const depth = p.headingPath.length;
    const node: OutlineNode = {
      paragraphId: p.id,
      heading,
      numbering: p.numbering,
      part: p.part,
      classification: p.classification,
      children: [],
    };
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    (stack.length ? stack[stack.length - 1]!.node.children : roots).push(node);
    stack.push({ depth, node });
  }
  return roots;
}
