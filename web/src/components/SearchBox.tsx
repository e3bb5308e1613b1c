/**
 * The main query: search-as-you-type (debounced), 词语/精确 and the scope. The URL is the
 * source of truth; the box keeps a draft while the user types. One typing session adds one
 * history entry (later keystrokes replace it), so Back returns to the previous search.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { SearchScope } from '../../../contract/api.ts';
import type { QueryClause } from '../api/client.ts';
import { MAX_QUERY_LENGTH, SEARCH_MODES } from '../../../contract/constants.ts';
import { MODE_HINT, MODE_LABEL, SCOPE_LABEL } from '../lib/labels.ts';

export const DEBOUNCE_MS = 250;

type Props = {
  clause: QueryClause;
  onChange(changes: Partial<QueryClause>, opts?: { replace?: boolean }): void;
  inputRef: RefObject<HTMLInputElement | null>;
};

export function SearchBox({ clause, onChange, inputRef }: Props) {
  const [draft, setDraft] = useState(clause.q);
  const typing = useRef(false);

  // Back/Forward (or a link) change the URL: the box follows.
  useEffect(() => {
    setDraft(clause.q);
    typing.current = false;
  }, [clause.q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fires on typing only; a URL change (clause.q) resets the draft in the effect above, and onChange is a new function each render
  useEffect(() => {
    if (draft === clause.q) return;
    const t = setTimeout(() => {
      onChange({ q: draft }, { replace: typing.current });
      typing.current = true;
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft]);

  return (
    <form
      role="search"
      className="searchbox"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft !== clause.q) onChange({ q: draft }, { replace: typing.current });
        typing.current = false;
      }}
    >
      <div className="searchbox-row">
        <label htmlFor="q" className="visually-hidden">
          检索词
        </label>
        <input
          id="q"
          ref={inputRef}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => {
            typing.current = false;
          }}
          placeholder="输入检索词，如：党费、三重一大、公务用车"
          autoComplete="off"
          maxLength={MAX_QUERY_LENGTH}
          aria-describedby="search-help"
          enterKeyHint="search"
        />
        <button type="submit" className="btn primary">
          检索
        </button>
      </div>
      {/* The box takes no more (a long pasted passage is cut): say so, or it looks searched whole. */}
      {draft.length >= MAX_QUERY_LENGTH && (
        <p className="hint warn" role="status">
          检索词最多 {MAX_QUERY_LENGTH} 个字，超出的部分没有输入；可以只检索其中的一句。
        </p>
      )}
      <div className="searchbox-options">
        <fieldset className="segmented">
          <legend>匹配</legend>
          {SEARCH_MODES.map((m) => (
            <label key={m} title={MODE_HINT[m]}>
              <input type="radio" name="mode" value={m} checked={clause.mode === m} onChange={() => onChange({ mode: m })} />
              <span>{MODE_LABEL[m]}</span>
            </label>
          ))}
        </fieldset>
        <label className="inline-select">
          <span>范围</span>
          <select value={clause.scope} onChange={(e) => onChange({ scope: e.target.value as SearchScope })}>
            {(Object.keys(SCOPE_LABEL) as SearchScope[]).map((s) => (
              <option key={s} value={s}>
                {SCOPE_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <p id="search-help" className="hint">
          按 <kbd>/</kbd> 输入检索词，<kbd>↓</kbd> 进入结果，<kbd>Enter</kbd> 打开
        </p>
      </div>
    </form>
  );
}
