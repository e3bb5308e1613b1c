/** The lexicon as Meilisearch settings: the user dictionary's words and the synonym map. */
import { loadLexicon } from '../text/lexicon.ts';

export function meiliLexicon(): { dictionary: string[]; synonyms: Record<string, string[]> } {
  const { dict, synonyms } = loadLexicon();
  return { dictionary: dict.map((d) => d.word), synonyms };
}
