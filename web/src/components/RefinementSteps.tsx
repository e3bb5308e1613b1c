/**
 * 结果中检索: a stack of clauses that narrow the current results (AND), each with its own
 * mode and scope, shown as removable steps. They live in the URL as repeated q.
 */
import { useState } from 'react';
import type { SearchMode, SearchScope } from '../../../contract/api.ts';
import type { QueryClause } from '../api/client.ts';
import { MODE_LABEL, SCOPE_LABEL } from '../lib/labels.ts';
import { MAX_CLAUSES, MAX_QUERY_LENGTH, SEARCH_MODES } from '../../../contract/constants.ts';
import { isImeKey, useComposition } from '../hooks/useComposition.ts';

type Props = {
  clauses: QueryClause[];
  onAdd(clause: QueryClause): void;
  onRemove(index: number): void;
};

function describe(c: QueryClause): string {
  const extra = [c.mode !== 'words' && MODE_LABEL[c.mode], c.scope !== 'all' && SCOPE_LABEL[c.scope]].filter(Boolean);
  return extra.length ? `（${extra.join('·')}）` : '';
}

export function RefinementSteps({ clauses, onAdd, onRemove }: Props) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [mode, setMode] = useState<SearchMode>('words');
  const [scope, setScope] = useState<SearchScope>('all');
  const { composing, handlers } = useComposition();
  const canAdd = clauses.length < MAX_CLAUSES && clauses[0]!.q.trim() !== '';
  const refining = clauses.length > 1;

  return (
    <div className="refine">
      {refining && (
        <ol className="steps" aria-label="检索步骤">
          {clauses.map((c, i) => (
            <li key={i} className="step">
              <span className="step-no" aria-hidden="true">
                {i + 1}
              </span>
              <span>
                {i === 0 ? '' : '结果中含 '}
                <strong>
                  <bdi>{c.q || '（全部）'}</bdi>
                </strong>
                {describe(c)}
              </span>
              <button type="button" className="chip-x" onClick={() => onRemove(i)} aria-label={`去掉检索步骤 ${i + 1}：${c.q}`}>
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      {canAdd && !open && (
        <button type="button" className="linklike" onClick={() => setOpen(true)} aria-expanded={false}>
          结果中检索…
        </button>
      )}
      {canAdd && open && (
        <form
          className="refine-form"
          onSubmit={(e) => {
            e.preventDefault();
            // The input method still holds the keys (dang'fei): Enter picks its candidate, it does not search.
            if (composing || !q.trim()) return;
            onAdd({ q: q.trim(), mode, scope });
            setQ('');
          }}
        >
          <label htmlFor="refine-q" className="visually-hidden">
            在结果中检索
          </label>
          <input
            id="refine-q"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            {...handlers}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && isImeKey(e)) e.preventDefault();
            }}
            placeholder="在当前结果中再检索"
            maxLength={MAX_QUERY_LENGTH}
            // biome-ignore lint/a11y/noAutofocus: the box appears because the reader just asked for it (结果中检索…)
            autoFocus
          />
          <select value={mode} onChange={(e) => setMode(e.target.value as SearchMode)} aria-label="结果中检索的匹配方式">
            {SEARCH_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABEL[m]}
              </option>
            ))}
          </select>
          <select value={scope} onChange={(e) => setScope(e.target.value as SearchScope)} aria-label="结果中检索的范围">
            {(Object.keys(SCOPE_LABEL) as SearchScope[]).map((s) => (
              <option key={s} value={s}>
                {SCOPE_LABEL[s]}
              </option>
            ))}
          </select>
          <button type="submit" className="btn">
            在结果中检索
          </button>
          <button type="button" className="linklike" onClick={() => setOpen(false)}>
            取消
          </button>
        </form>
      )}
    </div>
  );
}
