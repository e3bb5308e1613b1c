/**
 * Keyboard use of the search page: `/` focuses the search box; ↓/↑ move from the box through
 * the result links and back; Enter opens the focused result (a link does that by itself).
 */
import { useEffect, type RefObject } from 'react';
import { isEditable } from '../lib/dom.ts';
import { isImeKey } from './useComposition.ts';

const RESULT = '[data-result-link]';

export function useResultKeyboard(input: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Keys an input method is using (arrows through its candidates) are not the page's.
      if (e.altKey || e.ctrlKey || e.metaKey || isImeKey(e)) return;
      const active = document.activeElement;
      if (e.key === '/' && !isEditable(active)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
        return;
      }
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const links = [...document.querySelectorAll<HTMLElement>(RESULT)];
      const inBox = active === input.current;
      const at = active instanceof HTMLElement ? links.indexOf(active) : -1;
      if (!inBox && at < 0) return;
      e.preventDefault();
      if (e.key === 'ArrowDown') {
        const next = inBox ? links[0] : links[at + 1];
        next?.focus();
      } else if (at === 0) {
        input.current?.focus();
      } else if (at > 0) {
        links[at - 1]!.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}
