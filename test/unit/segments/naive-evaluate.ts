import type { Expr } from '../../../src/segments/expression/ast.js';

/** The reference semantics: the same expression over plain Sets, written for obviousness, not speed. */
export function naiveEvaluate(
  ast: Expr,
  sets: ReadonlyMap<string, ReadonlySet<number>>,
): Set<number> {
  switch (ast.kind) {
    case 'tag': {
      const set = sets.get(ast.name);
      if (!set) throw new Error(`no set ${ast.name}`);
      return new Set(set);
    }
    case 'binary': {
      const left = naiveEvaluate(ast.left, sets);
      const right = naiveEvaluate(ast.right, sets);
      const all = new Set([...left, ...right]);
      const keep = {
        AND: (x: number) => left.has(x) && right.has(x),
        OR: () => true,
        ANDNOT: (x: number) => left.has(x) && !right.has(x),
        XOR: (x: number) => left.has(x) !== right.has(x),
      }[ast.op];
      return new Set([...all].filter(keep));
    }
    case 'group': {
      const args = ast.args.map((arg) => naiveEvaluate(arg, sets));
      const all = new Set(args.flatMap((set) => [...set]));
      return ast.op === 'ANY'
        ? all
        : new Set([...all].filter((x) => args.every((set) => set.has(x))));
    }
  }
}
