/**
 * Looks up every tag of an expression before any set operation runs, so that an unknown tag
 * fails fast and cheaply. The first unknown tag in source order is reported.
 */
import type { Expr, TagNode } from './expression/ast.js';
import { unknownTagError } from './expression/expression-error.js';
import type { ReadonlyRoaringBitmap32 } from './roaring.js';

/** Returns the bitmap of a tag name, or undefined if there is no such tag. */
export type TagLookup = (name: string) => ReadonlyRoaringBitmap32 | undefined;

export type ResolvedTags = ReadonlyMap<TagNode, ReadonlyRoaringBitmap32>;

/**
 * Maps each tag node of `ast` to its bitmap. Throws InputError (unknownTagError) naming the tag,
 * its position and `knownTags` if the lookup returns undefined.
 */
export function resolveTags(
  ast: Expr,
  lookup: TagLookup,
  knownTags: Iterable<string> = [],
): ResolvedTags {
  const resolved = new Map<TagNode, ReadonlyRoaringBitmap32>();
  const visit = (node: Expr): void => {
    if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    } else if (node.kind === 'group') {
      for (const arg of node.args) visit(arg);
    } else {
      const bitmap = lookup(node.name);
      if (bitmap === undefined) throw unknownTagError(node.name, node.pos, knownTags);
      resolved.set(node, bitmap);
    }
  };
  visit(ast);
  return resolved;
}
