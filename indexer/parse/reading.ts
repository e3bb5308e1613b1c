/**
 * The reading form of a notice: its lines with traditional characters in simplified script,
 * as the one normalisation (text/normalize.ts) folds them, but otherwise as published and
 * character for character (same length, same offsets). The parser and the metadata
 * extractors read this form, so a notice in traditional script (巡視整改進展情況的通報)
 * gets its parts, unit, dates and level like any other; what they return is then mapped
 * back to the published characters by position.
 */
import { normalize } from '../../text/normalize.ts';

const HAN = /^\p{Script=Han}$/u;
const isHan = (c: string | undefined): c is string => c !== undefined && HAN.test(c);

/** One line in reading form: only Han characters change, each into one Han character. */
export function readingForm(line: string): string {
  return line.replace(/\S+/g, (run) => {
    // A whole run converts phrase by phrase (乾隆 stays, 乾淨 → 干净); when that changes its
    // length, each character converts alone.
    const folded = normalize(run);
    const sameLength = folded.length === run.length;
    let out = '';
    for (let i = 0; i < run.length; i++) {
      const c = run[i]!;
      const f = sameLength ? folded[i] : normalize(c);
      out += isHan(c) && isHan(f) && f.length === 1 ? f : c;
    }
    return out;
  });
}

/**
 * Maps strings found in the reading form back to the published characters. Lines keep their
 * lengths, so a string found at an offset of the reading form is the published text at the
 * same offset; strings joined across lines without their blanks (titles) are found in both
 * texts with blanks removed, which keeps them aligned too.
 */
export function makeRestorer(published: string[], reading: string[]): ((s: string, line?: number) => string) | undefined {
  if (published.every((l, i) => l === reading[i])) return undefined;
  const read = reading.join('\n');
  const pub = published.join('\n');
  const readBare = read.replace(/\s+/g, '');
  const pubBare = pub.replace(/\s+/g, '');
  return (s, line) => {
    if (!s) return s;
    if (line !== undefined) {
      const i = reading[line]?.indexOf(s) ?? -1;
      if (i >= 0) return published[line]!.slice(i, i + s.length);
    }
    let at = read.indexOf(s);
    if (at >= 0) return pub.slice(at, at + s.length);
    at = readBare.indexOf(s);
    return at >= 0 ? pubBare.slice(at, at + s.length) : s;
  };
}
