/**
 * Text ranges as [start, end) offsets: sorted, with overlapping and touching ones merged, so a
 * highlight marks each stretch once. Shared by the server's highlighting and the web app's
 * client-side fallback; free of dependencies so it costs the web bundle nothing.
 */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
