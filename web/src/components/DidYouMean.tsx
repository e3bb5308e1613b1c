/**
 * 您是不是要找: under a result of nothing or almost nothing, the archive's own words close to
 * what was typed (the same pinyin, or one character away), each with the number of paragraphs
 * it finds; one click searches it instead.
 */
import type { SuggestResponse } from '../../../contract/api.ts';
import { suggest } from '../api/client.ts';
import { useApi } from '../hooks/useApi.ts';
import { toRequest, type SearchStateApi } from '../state/useSearchState.ts';

/** Fewer results than this, and the page asks for suggestions. */
export const SUGGEST_BELOW = 3;

export function DidYouMean({ api }: { api: SearchStateApi }) {
  const { state } = api;
  const searched = state.clauses.some((c) => c.q.trim());
  const result = useApi<SuggestResponse>(searched ? `suggest\n${api.key}` : null, (signal) => suggest(toRequest(state), signal));
  const suggestions = result.data && !result.loading ? result.data.suggestions : [];
  if (!suggestions.length) return null;
  return (
    <div className="did-you-mean" role="status">
      <span>您是不是要找：</span>
      <ul>
        {suggestions.map((s) => (
          <li key={`${s.clause}:${s.q}`}>
            <button
              type="button"
              className="linklike"
              onClick={() => api.setClause(s.clause, { q: s.q })}
              aria-label={`改为检索“${s.q}”，${s.count} 个段落`}
            >
              {s.q}
            </button>
            <span className="did-you-mean-count">（{s.count.toLocaleString('zh-CN')} 个段落）</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
