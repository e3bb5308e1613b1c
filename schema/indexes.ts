/**
 * The Meilisearch indexes and their settings (pure data; meili/indexes.ts applies them): the single place that says which fields are
 * searchable, filterable and sortable. SCHEMA_VERSION changes whenever documents or settings
 * change shape, so data written by an older version is rebuilt from the archive.
 */
import { CONTENT_FIELDS, GRAM_FIELDS, MEASURE_GRAM_FIELDS, META_FIELDS } from './fields.ts';

export const SCHEMA_VERSION = 6;
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

export function paragraphSettings(dictionary: string[] = [], synonyms: Record<string, string[]> = {}) {
  return {
    // Order matters for the attribute ranking rule: a word match outranks a gram match.
    searchableAttributes: [...CONTENT_FIELDS, ...META_FIELDS],
    filterableAttributes: [
      ...FACET_FIELDS,
      'ncategory.lvl1',
      'ncategory.lvl2',
      'noticeId',
      'part',
      'role',
      'segmentIds',
      'formerIds',
      'id',
    ],
    sortableAttributes: ['date', 'order', 'year'],
    displayedAttributes: ['*'],
    // Sort first: with a sort, results follow it strictly; without one this rule does nothing.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    localizedAttributes: [{ attributePatterns: ['words', 'xwords'], locales: ['cmn'] }],
    // Grams must match letter for letter; typos on numbers would make 2369 find 2359.
    typoTolerance: { disableOnAttributes: [...GRAM_FIELDS, ...MEASURE_GRAM_FIELDS, ...META_FIELDS], disableOnNumbers: true },
    // Totals must be exact far beyond the default 1000 (the API limits page depth itself).
    pagination: { maxTotalHits: 10_000_000 },
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
    dictionary,
    synonyms,
    proximityPrecision: 'byWord',
  };
}

export function noticeSettings() {
  return {
    searchableAttributes: ['title', 'unit', 'unitAsWritten', ...META_FIELDS],
    typoTolerance: { disableOnAttributes: [...META_FIELDS] },
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
