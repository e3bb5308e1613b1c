/**
 * Text from notices (units, titles, headings, paragraphs) is shown beside the page's own words
 * and numbers. A direction control inside it (U+202E RIGHT-TO-LEFT OVERRIDE in a unit, from a
 * pasted web page or a hostile file) would otherwise run on past its own text and reverse
 * what follows on the line, turning the year beside it from 2025年 into 年5202. Each such
 * piece is isolated: in the page by <bdi> (unicode-bidi: isolate), in plain text (a citation
 * on the clipboard) by U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE.
 */
import { Fragment, type ReactNode } from 'react';

/** The parts given (empty ones left out), each isolated, separated by `sep`. */
export function joinIsolated(parts: (string | number | false | null | undefined)[], sep = ' · '): ReactNode {
  const shown = parts.filter((p): p is string | number => p !== undefined && p !== null && p !== false && p !== '');
  return shown.map((p, i) => (
    <Fragment key={i}>
      {i > 0 && sep}
      <bdi>{p}</bdi>
    </Fragment>
  ));
}

const DIRECTION_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Plain text that cannot reverse what follows it: text holding a direction control is
 * wrapped in an isolate; any other text (nearly all) is returned as it is, so that a
 * citation pastes without invisible characters.
 */
export function isolatedText(s: string): string {
  // An isolate control inside would close ours early: they are invisible, and left out.
  return DIRECTION_CONTROL.test(s) ? `\u2068${s.replace(/[\u2066-\u2069]/g, '')}\u2069` : s;
}
