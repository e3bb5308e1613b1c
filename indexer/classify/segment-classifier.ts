/**
 * The classifier as the indexer applies it to every paragraph and item: a level-1 category
 * only inside the problems part (the introduction, the leadership part and the next steps
 * are not problems), level-2 topics everywhere.
 */
import type { Classifier } from '../build-record.ts';
import { classifySegment, classifyTopics } from './classify.ts';
import { loadTaxonomy, type Taxonomy } from './taxonomy.ts';

export function defaultClassifier(taxonomy: Taxonomy = loadTaxonomy()): Classifier {
  return ({ headingPath, text, part }) =>
    part === 'problems' ? classifySegment(headingPath, text, taxonomy) : { topics: classifyTopics(text, taxonomy) };
}
