/** Did-you-mean for a search that found nothing or almost nothing (server/search/suggest.ts). */
import { createRoute } from '@hono/zod-openapi';
import * as api from '../../contract/api.ts';
import { ArchiveVocabulary, MAX_SUGGESTIONS, suggest } from '../search/suggest.ts';
import { badRequest, json, refusals, router, type ApiDeps } from './router.ts';

const suggestRoute = createRoute({
  method: 'get',
  path: '/suggest',
  tags: ['search'],
  summary: `您是不是要找 (did you mean: up to ${MAX_SUGGESTIONS} words of the archive that sound the same or are one character away, each with its count)`,
  description:
    "For a search that found nothing or little: each clause's parts the archive's vocabulary does not hold (a typo comes apart into " +
    'single characters: 党废) are replaced by words of the archive with the same pinyin (党费; pinyin typed as letters too: dangfei) ' +
    'or one character replaced, added, dropped or swapped. count is the number of paragraphs the search finds with the ' +
    'replacement, with the same filters and other clauses; suggestions that find nothing are left out.',
  request: { query: api.SuggestParams },
  responses: {
    200: { description: '建议 (suggestions, same-sounding first)', content: json(api.SuggestResponse) },
    ...badRequest,
    ...refusals,
  },
});

export function suggestRoutes(deps: ApiDeps) {
  const vocabulary = new ArchiveVocabulary({ notices: () => deps.archive.notices(), stamp: () => deps.archive.noticesStamp() });
  return router().openapi(suggestRoute, async (c) => {
    const p = c.req.valid('query');
    if (!p.q.some((q) => q.trim())) return c.json({ suggestions: [] }, 200);
    return c.json({ suggestions: await suggest(deps.search.forRequest(c.req.raw.signal), p, await vocabulary.get()) }, 200);
  });
}
