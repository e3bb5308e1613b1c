/**
 * The Meilisearch indexes and their settings (pure data; meili/indexes.ts applies them): the single place that says which fields are
 * searchable, filterable and sortable. SCHEMA_VERSION changes whenever documents or settings
 * change shape, or what the indexer reads from a text changes, so data written by an older
 * version is rebuilt (re-parsed) from the archive. 8: the fields of 7; the normalisation keeps
 * 乾安/乾县 (lexicon/kept-names.txt), so notices indexed as 干安县 are read again.
 */
import { CONTENT_FIELDS, META_FIELDS } from './fields.ts';

export const SCHEMA_VERSION = 8;
export const PARAGRAPHS_INDEX = 'paragraphs';
export const NOTICES_INDEX = 'notices';
/** Indexes of older schema versions (4: one document per lead and item), deleted by the rebuild that upgrades. */
export const LEGACY_INDEXES = ['segments', 'segments_next'];

/** The uids of one pair of paragraph and notice indexes. */
export type IndexUids = { paragraphs: string; notices: string };
/** The pair the portal searches. */
export const LIVE_INDEXES: IndexUids = { paragraphs: PARAGRAPHS_INDEX, notices: NOTICES_INDEX };
/** Where a rebuild builds before it swaps them in (indexer/rebuild.ts), so search stays up meanwhile. */
export const NEXT_INDEXES: IndexUids = { paragraphs: `${PARAGRAPHS_INDEX}_next`, notices: `${NOTICES_INDEX}_next` };

/** Facets users filter on, in both indexes. */
export const FACET_FIELDS = [
  'unit',
  'region.lvl0',
  'region.lvl1',
  'region.lvl2',
  'year',
  'level',
  'category.lvl1',
  'category.lvl2',
] as const;

/**
 * Filters test equality only, except where a range is asked for (year from–to); none has a
 * facet-search box in Meilisearch (the unit search goes through the notices index's gram
 * fields): each feature left out is a database Meilisearch does not build.
 */
const equalityOnly = (attributePatterns: string[]) => ({
  attributePatterns,
  features: { facetSearch: false, filter: { equality: true, comparison: false } },
});
const withRanges = (attributePatterns: string[]) => ({
  attributePatterns,
  features: { facetSearch: false, filter: { equality: true, comparison: true } },
});

export function paragraphSettings() {
  return {
    // Order matters for the attribute ranking rule: other text before measure text.
    searchableAttributes: [...CONTENT_FIELDS, ...META_FIELDS],
    filterableAttributes: [
      equalityOnly([...FACET_FIELDS.filter((f) => f !== 'year'), 'noticeId', 'part', 'role', 'segmentIds', 'formerIds', 'id']),
      withRanges(['year']),
    ],
    sortableAttributes: ['date', 'order', 'year', 'roleRank'],
    displayedAttributes: ['*'],
    // Sort first: with a sort, results follow it strictly; without one this rule does nothing.
    // Then every query word matched (always, matchingStrategy all), the words close together,
    // problem statements before other text and measures (roleRank), and the field.
    rankingRules: ['sort', 'words', 'proximity', 'roleRank:asc', 'attribute', 'exactness'],
    // Every token is a gram: a typo or a prefix would match another text.
    typoTolerance: { enabled: false },
    prefixSearch: 'disabled',
    facetSearch: false,
    // Totals must be exact far beyond the default 1000 (the API limits page depth itself).
    pagination: { maxTotalHits: 10_000_000 },
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
    proximityPrecision: 'byWord',
  };
}

export function noticeSettings() {
  return {
    searchableAttributes: ['title', 'unit', 'unitAsWritten', ...META_FIELDS],
    typoTolerance: { disableOnAttributes: [...META_FIELDS] },
    facetSearch: false,
    filterableAttributes: [
      'unit',
      'region.lvl0',
      'region.lvl1',
      'region.lvl2',
      'year',
      'level',
      'categories',
      'id',
      'textHash',
      'inspectionGroup',
      'periodFrom',
      'date',
    ],
    sortableAttributes: ['date', 'year'],
    pagination: { maxTotalHits: 10_000_000 },
    faceting: { maxValuesPerFacet: 1000 },
  };
}
