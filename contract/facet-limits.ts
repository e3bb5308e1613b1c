/**
 * Units the web app lists in the unit facet, most frequent first: the list grows with the
 * archive (thousands of units) while a page shows a few dozen and finds the rest through
 * GET /api/facets/unit?facetQuery=. A search counts no units unless asked
 * (`unitFacetLimit`), and lists regions a level at a time: at 10 000 notices, counting
 * units and counties took Meilisearch three times as long as the rest of a search
 * (docs/benchmarks.md), so the page asks for them beside the search, and for a region's
 * children when it is opened. In a file of its own so the web app can import it without
 * zod (it imports only types from api.ts).
 */
export const DEFAULT_UNIT_FACET_LIMIT = 50;
