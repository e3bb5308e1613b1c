/**
 * The classifier as the indexer applies it to every paragraph and item. Categories are
 * given only inside the problems part (problem statements, their measures and
 * sub-headings): the title, the introduction, the leadership account, the next steps
 * and the closing speak of 巡视整改 and 党的建设 in general and are not problems of any
 * kind (on real notices they carried a category in 87 of 93 paragraphs, and the topic
 * 巡视巡察整改 tagged half of all paragraphs). Level 1 comes from the problem a segment
 * belongs to; of the level-2 topics its text mentions, it keeps those that refine that
 * category, so that in every facet and statistic a topic never counts more than its
 * parent (measures of any problem mention 巡察整改, and 巡视巡察整改 is a topic of
 * 落实巡视巡察整改 only).
 */
import type { Classifier } from '../build-record.ts';
import { classifySegment } from './classify.ts';
import { loadTaxonomy, type Taxonomy } from './taxonomy.ts';

export function defaultClassifier(taxonomy: Taxonomy = loadTaxonomy()): Classifier {
  const parentOf = new Map(taxonomy.topics.map((t) => [t.code, t.parent]));
  return ({ headingPath, text, part }) => {
    if (part !== 'problems') return undefined;
    const c = classifySegment(headingPath, text, taxonomy);
    return { ...c, topics: c.topics.filter((t) => parentOf.get(t.code) === c.lvl1?.code) };
  };
}
