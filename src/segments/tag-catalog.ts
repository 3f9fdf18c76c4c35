/**
 * Bitmaps by tag name, looked up by tagKey() so that any spelling of a tag finds it:
 * `catalog.lookup('AtRisk')` and `catalog.lookup('at_risk')` both return the "At Risk" bitmap.
 * The catalog holds the caller's bitmaps by reference and never modifies them.
 */
import type { ReadonlyRoaringBitmap32 } from './roaring.js';
import { tagKey } from './tag-key.js';

export class TagCatalog {
  private readonly byKey = new Map<string, { readonly name: string; readonly bitmap: ReadonlyRoaringBitmap32 }>();

  /** Throws an Error if two names have the same tagKey(): such tags could not be told apart. */
  constructor(entries: Iterable<readonly [name: string, bitmap: ReadonlyRoaringBitmap32]>) {
    for (const [name, bitmap] of entries) {
      const key = tagKey(name);
      const clash = this.byKey.get(key);
      if (clash) throw new Error(`Tags ${JSON.stringify(clash.name)} and ${JSON.stringify(name)} have the same key "${key}".`);
      this.byKey.set(key, { name, bitmap });
    }
  }

  /** The bitmap of the tag that `name` spells, or undefined. Bound: safe to pass as a callback. */
  readonly lookup = (name: string): ReadonlyRoaringBitmap32 | undefined => this.byKey.get(tagKey(name))?.bitmap;

  /** The tag names as registered, in registration order. */
  get names(): string[] {
    return [...this.byKey.values()].map((entry) => entry.name);
  }
}
