/**
 * Units listed in a search's unit facet by default, most frequent first: the list grows with
 * the archive (thousands of units) while a page shows a few dozen and finds the rest through
 * GET /api/facets/unit. The other facets are short (category, year, level) or a tree listed
 * whole (region). In a file of its own so the web app can import it without zod (it imports
 * only types from api.ts).
 */
export const DEFAULT_UNIT_FACET_LIMIT = 50;
