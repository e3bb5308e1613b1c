/**
 * Compares what the real parser reads from a generated notice with what the generator
 * wrote: title, unit, region, inspection level, year, problem headings, item count and
 * the segment texts. Used by the unit test and by `bench/verify-corpus.ts`.
 */
import type { ParsedNotice } from '../../indexer/parse/notice.ts';
import type { NoticeTruth } from './notice.ts';

/** The search segments of a parsed notice, as indexer/load/documents.ts cuts them. */
export function parsedSegments(parsed: ParsedNotice): string[] {
  const out: string[] = [];
  for (const p of parsed.paragraphs) {
    const lead = p.items.length ? (p.lead ?? '') : p.text;
    if (lead.trim()) out.push(lead);
    for (const it of p.items) out.push(it.label + it.text);
  }
  return out;
}

export function parsedProblems(parsed: ParsedNotice): string[] {
  return parsed.paragraphs.filter((p) => p.role === 'problem').map((p) => p.headingPath[p.headingPath.length - 1] ?? '');
}

export function compareWithTruth(truth: NoticeTruth, parsed: ParsedNotice): string[] {
  const out: string[] = [];
  const eq = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  eq('title', parsed.title, truth.title);
  eq('unitAsWritten', parsed.unitAsWritten, truth.unitAsWritten);
  eq('unit', parsed.unit, truth.unit);
  eq('region', parsed.region, truth.region);
  eq('level', parsed.inspection?.level, truth.level);
  eq('year', parsed.year, truth.year);
  eq('publishedDate', parsed.publishedDate, truth.publishedDate);
  eq('feedbackDate', parsed.inspection?.feedbackDate, truth.feedbackDate);
  eq('problems', parsedProblems(parsed), truth.problems);
  eq(
    'items',
    parsed.paragraphs.reduce((n, p) => n + p.items.length, 0),
    truth.items,
  );
  const segs = parsedSegments(parsed);
  if (JSON.stringify(segs) !== JSON.stringify(truth.segments)) {
    const k = segs.findIndex((s, i) => s !== truth.segments[i]);
    out.push(
      `segments: ${segs.length} vs ${truth.segments.length}; first difference at ${k}: got ${JSON.stringify(segs[k]?.slice(0, 80))}, want ${JSON.stringify(truth.segments[k]?.slice(0, 80))}`,
    );
  }
  const phones = parsed.contacts?.phones ?? [];
  for (const p of truth.phones) if (!phones.includes(p)) out.push(`phone ${p} not among ${JSON.stringify(phones)}`);
  return out;
}
