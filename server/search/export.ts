/** GET /api/export: every hit of a search, page by page, streamed by the route. */
import type { SearchHit } from '../../contract/api.ts';
import type { ParagraphDoc } from '../../schema/documents.ts';
import type { SearchContext } from './context.ts';
import { toHit } from './hits.ts';
import { mainQuery, planSearch, type SearchInput } from './plan.ts';

export async function* allHits(ctx: SearchContext, p: SearchInput, limit: number): AsyncGenerator<SearchHit> {
  const planned = planSearch(p, 'paragraphs');
  let sent = 0;
  for (let page = 1; sent < limit; page++) {
    const [r] = await ctx.multi<ParagraphDoc>([mainQuery({ ...p, view: 'paragraphs', page, perPage: 1000 }, planned)]);
    for (const d of r!.hits) {
      if (sent++ >= limit) return;
      yield toHit(d, planned.plan);
    }
    if (page >= r!.totalPages) return;
  }
}
