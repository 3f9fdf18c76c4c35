/** The public surface of the segments domain: the expression language, evaluation and the bitmap codec. */
export type { BinaryOp, BinaryNode, Expr, GroupNode, GroupOp, TagNode } from './expression/ast.js';
export { formatExpression } from './expression/format.js';
export { MAX_EXPRESSION_LENGTH, MAX_NESTING, parseExpression } from './expression/parser.js';
export { referencedTags } from './expression/referenced-tags.js';
export { countExpression, evaluate, type TagLookup } from './evaluate.js';
export { TagCatalog } from './tag-catalog.js';
export { tagKey } from './tag-key.js';
export { CorruptBitmapError, decodeBitmap, encodeBitmap } from './bitmap-codec.js';
export { RoaringBitmap32, type ReadonlyRoaringBitmap32 } from './roaring.js';
