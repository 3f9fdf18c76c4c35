/** Union-find over 0..n-1 in a typed array (path halving, union by size). */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      const up = p[p[i] as number] as number;
      p[i] = up;
      i = up;
    }
    return i;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
  }
}

/**
 * Groups 0..n-1 by `groupOf` (a number below n) in one pass: `start[g]..start[g+1]` of
 * `members` are group g's items, in increasing order.
 */
export function bucket(
  count: number,
  groups: number,
  groupOf: (i: number) => number,
): { start: Int32Array; members: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < count; i++) {
    const g = groupOf(i) + 1;
    start[g] = (start[g] as number) + 1;
  }
  for (let g = 0; g < groups; g++) start[g + 1] = (start[g + 1] as number) + (start[g] as number);
  const at = start.slice(0, groups);
  const members = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const g = groupOf(i);
    members[at[g] as number] = i;
    at[g] = (at[g] as number) + 1;
  }
  return { start, members };
}
