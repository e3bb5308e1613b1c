/**
 * The search terms that brought the reader to a notice, highlighted in its text.
 * The server's highlighting is authoritative (it matches across full-width/half-width and
 * traditional/simplified forms): the same clauses are searched again, restricted to this
 * notice (`notice=`, one hit per paragraph lead and item), and the hits give each segment's
 * highlighted HTML. If the request fails, the clauses' analysed terms are marked literally in
 * the browser.
 */
import { useEffect, useState } from 'react';
import type { NoticeRecord } from '../../../contract/notice.ts';
import { analyze, ApiRequestError, EMPTY_FILTERS, search, type QueryClause } from '../api/client.ts';
import { chineseMessage } from '../lib/error-messages.ts';

export type Highlights =
  | { kind: 'none' }
  | { kind: 'loading' }
  /** segment id (paragraph lead or item) → escaped HTML with <mark> */
  | { kind: 'server'; html: Map<string, string> }
  | { kind: 'client'; terms: string[] }
  /** The server refused the query itself (too long, too many clauses): nothing to mark. */
  | { kind: 'invalid'; message: string };

const PER_PAGE = 100;
const MAX_PAGES = 5;

async function fromServer(notice: NoticeRecord, clauses: QueryClause[], signal: AbortSignal): Promise<Map<string, string> | undefined> {
  const html = new Map<string, string>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const r = await search({ clauses, filters: EMPTY_FILTERS, notice: notice.id, page, perPage: PER_PAGE }, signal);
    for (const h of r.hits) html.set(h.id, h.highlighted);
    if (page >= r.totalPages) return html;
  }
  return html;
}

async function terms(clauses: QueryClause[], signal: AbortSignal): Promise<string[]> {
  const out = new Set<string>();
  for (const c of clauses) {
    if (!c.q.trim()) continue;
    try {
      for (const t of (await analyze(c, signal)).terms) out.add(t.text);
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      for (const w of c.q.split(/[\s"“”「」『』]+/)) if (w) out.add(w);
    }
  }
  return [...out];
}

export function useNoticeHighlights(notice: NoticeRecord | undefined, clauses: QueryClause[], key: string): Highlights {
  const [h, setH] = useState<Highlights>({ kind: 'none' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: clauses are a new array each render; key describes them (and the notice) as a string
  useEffect(() => {
    if (!notice || !clauses.some((c) => c.q.trim())) {
      setH({ kind: 'none' });
      return;
    }
    const ctrl = new AbortController();
    setH({ kind: 'loading' });
    fromServer(notice, clauses, ctrl.signal)
      .catch((e: Error) => {
        if (e.name === 'AbortError') throw e;
        // Asked again in the browser, a refused query would only be refused again.
        if (e instanceof ApiRequestError && e.status === 400) return e;
        return undefined;
      })
      .then(async (html) => {
        if (html instanceof ApiRequestError) setH({ kind: 'invalid', message: chineseMessage(html) });
        else if (html) setH({ kind: 'server', html });
        else setH({ kind: 'client', terms: await terms(clauses, ctrl.signal) });
      })
      .catch(() => {
        /* aborted */
      });
    return () => ctrl.abort();
  }, [notice, key]);
  return h;
}
