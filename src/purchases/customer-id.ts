/**
 * The customer id of a line: trimmed, a whole number written as a float (`13085.0`, the
 * Kaggle layout) loses its zero fraction, other ids (`CUS013085`) are kept as written.
 * Empty means a guest checkout: null.
 */
export function normalizeCustomerId(text: string): string | null {
  if (text === '') return null;
  const float = /^(\d+)\.0*$/.exec(text);
  return float === null ? text : (float[1] ?? text);
}
