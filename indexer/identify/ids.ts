/**
 * Stable addresses. A notice id derives from what identifies the publication (unit, title,
 * dates), not from its full text, so fixing a typo keeps the notice id. A paragraph or item
 * id derives from the notice id, its heading path and its own normalised text, never from
 * file or indexing order: re-indexing in any order changes no id, and editing one paragraph
 * changes that paragraph's id only. Ids that disappear are kept as `formerIds` of their
 * closest successor so old links still resolve.
 */
import crypto from 'node:crypto';
import { normalize } from '../../text/normalize.ts';

function shortHash(parts: string[], length = 12): string {
  return crypto.createHash('sha256').update(parts.join('\u0001')).digest('base64url').replace(/[-_]/g, 'x').slice(0, length);
}

export function sha256Hex(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export type NoticeIdentity = { unit?: string; title?: string; publishedDate?: string; feedbackDate?: string; normalizedText: string };

export function noticeId(n: NoticeIdentity): string {
  const anchor = [n.unit ?? '', normalize(n.title ?? ''), n.publishedDate ?? '', n.feedbackDate ?? ''];
  // Without unit and title nothing identifies the publication but its text.
  if (!n.unit && !n.title) anchor.push(n.normalizedText.slice(0, 400));
  return 'n' + shortHash(anchor, 11);
}

/** Assigns ids to segments in order; a repeated (path, text) pair gets an occurrence number. */
export function makeSegmentIdAssigner(noticeIdValue: string): (headingPath: string[], text: string) => string {
  const seen = new Map<string, number>();
  return (headingPath, text) => {
    const key = headingPath.map(normalize).join('/') + '\u0002' + normalize(text);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return 'p' + shortHash([noticeIdValue, key, n ? String(n) : ''], 11);
  };
}

export type Addressed = { id: string; text: string; headingPath: string[]; order: number; formerIds: string[] };

function bigrams(s: string): Set<string> {
  const n = normalize(s);
  const out = new Set<string>();
  for (let i = 0; i < n.length - 1; i++) out.add(n.slice(i, i + 2));
  if (n.length === 1) out.add(n);
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * For every old segment whose id no longer exists, record its id (and its own former ids)
 * on the most similar new segment under the same heading path, else the most similar
 * overall, else the new segment at the nearest position. Mutates `next[].formerIds`.
 */
export function carryFormerIds(previous: Addressed[], next: Addressed[]): void {
  if (!next.length) return;
  const nextIds = new Set(next.map((s) => s.id));
  const grams = new Map(next.map((s) => [s.id, bigrams(s.text)]));
  for (const old of previous) {
    const inherited = [...old.formerIds, old.id].filter((id) => !nextIds.has(id));
    if (!inherited.length) continue;
    const oldGrams = bigrams(old.text);
    const samePath = next.filter((s) => s.headingPath.join('/') === old.headingPath.join('/'));
    let best: Addressed | undefined;
    let bestScore = 0;
    for (const candidate of samePath.length ? samePath : next) {
      const score = similarity(oldGrams, grams.get(candidate.id)!);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    if (!best) best = next.reduce((a, b) => (Math.abs(b.order - old.order) < Math.abs(a.order - old.order) ? b : a));
    best.formerIds = [...new Set([...best.formerIds, ...inherited])];
  }
}
