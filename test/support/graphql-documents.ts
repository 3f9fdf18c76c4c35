/**
 * The fragment fan-out of issue 12: each fragment spreads the previous one twice, so the
 * operation expands to 2^levels `__typename` fields from a document of about 40 bytes a level.
 */
export function fragmentBomb(levels: number): string {
  const fragments = ['fragment F0 on Query { __typename }'];
  for (let i = 1; i <= levels; i++)
    fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  return `query { ...F${levels} }\n${fragments.join('\n')}`;
}

/** `{ a0: __typename a1: __typename ... }` with `count` aliases. */
export function aliasFlood(count: number, field = '__typename'): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`a${i}: ${field}`);
  return `{ ${parts.join(' ')} }`;
}
