/**
 * Aho–Corasick automaton: finds every occurrence (overlapping ones included) of a fixed
 * set of strings in one pass over the text. Built once per taxonomy; matching a segment
 * is linear in its length plus the number of hits.
 */
export type RawHit = { start: number; end: number; id: number };

export class StringMatcher {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Ids of the strings ending at each node, failure-chain outputs included. */
  private readonly out: number[][] = [[]];
  private readonly lengths: number[] = [];

  constructor(strings: readonly string[]) {
    strings.forEach((s, id) => {
      this.lengths[id] = s.length;
      if (s.length === 0) return;
      let node = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        let child = this.next[node]!.get(c);
        if (child === undefined) {
          child = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[node]!.set(c, child);
        }
        node = child;
      }
      this.out[node]!.push(id);
    });
    // Breadth-first failure links.
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [c, child] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        this.out[child]!.push(...this.out[this.fail[child]!]!);
        queue.push(child);
      }
    }
  }

  /** Every occurrence of every string, in order of end position. */
  scan(text: string): RawHit[] {
    const hits: RawHit[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (node !== 0 && !this.next[node]!.has(c)) node = this.fail[node]!;
      node = this.next[node]!.get(c) ?? 0;
      const ids = this.out[node]!;
      for (const id of ids) {
        const len = this.lengths[id]!;
        hits.push({ start: i + 1 - len, end: i + 1, id });
      }
    }
    return hits;
  }
}
