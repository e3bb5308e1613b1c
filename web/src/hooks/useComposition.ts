/**
 * Input-method composition (拼音, 五笔, 注音…). While a Chinese input method composes, the box
 * holds the keys typed so far (`dang'fei`), not the words meant (党费): nothing may be searched,
 * filtered or put in the history until the characters are committed. Browsers disagree on the
 * order of the last `input` and `compositionend`, so the state is React state: whatever the
 * order, the render after both sees the committed text with `composing` false.
 */
import { useCallback, useState } from 'react';

export type Composition = {
  composing: boolean;
  /** Spread onto the <input>. */
  handlers: { onCompositionStart(): void; onCompositionEnd(): void };
};

export function useComposition(): Composition {
  const [composing, setComposing] = useState(false);
  const onCompositionStart = useCallback(() => setComposing(true), []);
  const onCompositionEnd = useCallback(() => setComposing(false), []);
  return { composing, handlers: { onCompositionStart, onCompositionEnd } };
}

/** The value as last committed: while composing, the text before the composition began. */
export function useCommittedValue(value: string, composing: boolean): string {
  const [committed, setCommitted] = useState(value);
  // Derived from the previous render's value (React's pattern for state that follows a prop).
  if (!composing && committed !== value) setCommitted(value);
  return composing ? committed : value;
}

/**
 * Whether a key event belongs to the input method (Enter choosing a candidate, arrows moving
 * through the candidates): 229 is what browsers report while the method holds the key.
 */
export function isImeKey(e: { isComposing?: boolean; keyCode?: number; nativeEvent?: { isComposing?: boolean } }): boolean {
  return !!(e.isComposing || e.nativeEvent?.isComposing || e.keyCode === 229);
}
