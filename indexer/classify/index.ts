/** Problem classification: taxonomy loading and the classifiers. See lexicon/taxonomy.yaml. */
export {
  classifyProblem,
  classifySegment,
  classifyTopics,
  explainProblem,
  problemStatement,
  type ProblemExplanation,
} from './classify.ts';
export {
  DEFAULT_TAXONOMY_PATH,
  TaxonomyError,
  defaultTaxonomy,
  loadTaxonomy,
  parseTaxonomy,
  type Lvl1Category,
  type Taxonomy,
  type Topic,
} from './taxonomy.ts';
export { fold } from './text.ts';
