/**
 * The main query: search-as-you-type (debounced), 词语/精确 and the scope. The URL is the
 * source of truth; the box keeps a draft while the user types. One typing session adds one
 * history entry (later keystrokes replace it), so Back returns to the previous search.
 * Nothing is searched while an input method composes (hooks/useComposition.ts).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { SearchScope } from '../../../contract/api.ts';
import type { QueryClause } from '../api/client.ts';
import { MAX_QUERY_LENGTH, SEARCH_MODES } from '../../../contract/constants.ts';
import { MODE_HINT, MODE_LABEL, SCOPE_LABEL } from '../lib/labels.ts';
import { isImeKey, useComposition } from '../hooks/useComposition.ts';

export const DEBOUNCE_MS = 250;

type Props = {
  clause: QueryClause;
  onChange(changes: Partial<QueryClause>, opts?: { replace?: boolean }): void;
  inputRef: RefObject<HTMLInputElement | null>;
};

export function SearchBox({ clause, onChange, inputRef }: Props) {
  // A query from a URL can be longer than the box takes: the box holds what it can take, and says so.
  const [draft, setDraft] = useState(clause.q.slice(0, MAX_QUERY_LENGTH));
  const typing = useRef(false);
  // The draft is the URL's, not yet changed by the reader.
  const [fromUrl, setFromUrl] = useState(true);
  const { composing, handlers } = useComposition();

  // Back/Forward (or a link) change the URL: the box follows.
  useEffect(() => {
    setDraft(clause.q.slice(0, MAX_QUERY_LENGTH));
    setFromUrl(true);
    typing.current = false;
  }, [clause.q]);
  // Searched only when the reader asks (检索): what the URL asked for was refused, not changed behind its back.
  const cutFromUrl = fromUrl && clause.q.length > MAX_QUERY_LENGTH;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fires on typing and on the end of a composition; a URL change (clause.q) resets the draft in the effect above, and onChange is a new function each render
  useEffect(() => {
    if (composing || draft === clause.q || cutFromUrl) return;
    const t = setTimeout(() => {
      onChange({ q: draft }, { replace: typing.current });
      typing.current = true;
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft, composing]);

  return (
    <form
      role="search"
      className="searchbox"
      onSubmit={(e) => {
        e.preventDefault();
        if (composing) return;
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
          onChange={(e) => {
            setDraft(e.target.value);
            setFromUrl(false);
          }}
          {...handlers}
          onKeyDown={(e) => {
            // Enter that picks an input method's candidate is not a search.
            if (e.key === 'Enter' && isImeKey(e)) e.preventDefault();
          }}
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
      {cutFromUrl ? (
        <p className="hint warn" role="status">
          {`链接中的检索词有 ${clause.q.length} 个字，超过 ${MAX_QUERY_LENGTH} 个字的上限，没有检索；框中是它的前 ${MAX_QUERY_LENGTH} 个字，按“检索”即检索这些，也可以只检索其中的一句。`}
        </p>
      ) : (
        draft.length >= MAX_QUERY_LENGTH && (
          <p className="hint warn" role="status">
            检索词最多 {MAX_QUERY_LENGTH} 个字，超出的部分没有输入；可以只检索其中的一句。
          </p>
        )
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
