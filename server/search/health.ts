/** What GET /api/health counts: notices and paragraphs in the index. */
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import type { SearchContext } from './context.ts';

/** Not queued behind searches, so a busy portal still reports itself alive. */
export async function indexCounts(ctx: SearchContext): Promise<{ notices: number; paragraphs: number }> {
  const [n, s] = await ctx.multi(
    [NOTICES_INDEX, PARAGRAPHS_INDEX].map((indexUid) => ({ indexUid, q: '', hitsPerPage: 0, page: 1 })),
    false,
  );
  return { notices: n!.totalHits, paragraphs: s!.totalHits };
}
