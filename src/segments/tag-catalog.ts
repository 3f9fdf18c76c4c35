/**
 * Bitmaps by tag name, looked up by tagKey() so that any spelling of a tag finds it:
 * `catalog.lookup('AtRisk')` and `catalog.lookup('at_risk')` both return the "At Risk" bitmap.
 * The catalog holds the caller's bitmaps by reference and never modifies them.
 */
import type { ReadonlyRoaringBitmap32 } from './roaring.js';
import { tagKey } from './tag-key.js';

export class TagCatalog {
  /** Exact names, so that a tag written as registered skips tagKey(). */
  private readonly byName = new Map<string, ReadonlyRoaringBitmap32>();
  private readonly byKey = new Map<
    string,
    { readonly name: string; readonly bitmap: ReadonlyRoaringBitmap32 }
  >();

  /** Throws an Error if two names have the same tagKey(): such tags could not be told apart. */
  constructor(entries: Iterable<readonly [name: string, bitmap: ReadonlyRoaringBitmap32]>) {
    for (const [name, bitmap] of entries) {
      const key = tagKey(name);
      const clash = this.byKey.get(key)?.name;
      if (clash !== undefined) {
        const names = `${JSON.stringify(clash)} and ${JSON.stringify(name)}`;
        throw new Error(`Tags ${names} have the same key "${key}".`);
      }
      this.byKey.set(key, { name, bitmap });
      this.byName.set(name, bitmap);
    }
  }

  /** The bitmap of the tag that `name` spells, or undefined. Bound: safe to pass as a callback. */
  readonly lookup = (name: string): ReadonlyRoaringBitmap32 | undefined =>
    this.byName.get(name) ?? this.byKey.get(tagKey(name))?.bitmap;

  /** The tag names as registered, in registration order. */
  get names(): string[] {
    return [...this.byName.keys()];
  }
}
