/**
 * A validated search as the API hands it on: the contract's own defaults (nothing asked,
 * first page) with 100 hits a page, and what a test sets on top. Built by the contract's
 * schema so that a parameter added there needs no edit here.
 */
import { SearchParams } from '../../contract/api.ts';
import type { SearchInput } from '../../server/search/plan.ts';

export function searchInput(overrides: Partial<SearchInput> = {}): SearchInput {
  return { ...SearchParams.parse({}), perPage: 100, ...overrides };
}
