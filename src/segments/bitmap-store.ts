import { log } from '../log/logger.js';
import type { Gateway } from '../neo4j/gateway.js';
import { toBytes } from '../neo4j/values.js';
import { decodeBitmap, encodeBitmap } from './bitmap-codec.js';
import { RoaringBitmap32 } from './roaring.js';
import { TagCatalog } from './tag-catalog.js';

export interface TagInfo {
  readonly tag: string;
  readonly count: number;
  readonly updatedAt: string;
}

/** What the bitmaps reflect; a stored copy built on another basis is stale. */
export interface BitmapBasis {
  /** The reference as-of date, "YYYY-MM-DD". */
  readonly asOf: string;
  /** The summary generation. */
  readonly generation: number;
  /** The segment settings as JSON. */
  readonly settings: string;
}

interface StoredTag {
  bitmap: RoaringBitmap32;
  version: number;
  updatedAt: string;
}

/**
 * One Roaring bitmap of person ids per tag (a map: exactly one per tag), each with a version
 * that goes up with every change, and their copy in the graph (`SegmentBitmap` nodes and the
 * `SegmentState` they reflect).
 */
export class BitmapStore {
  private readonly tags = new Map<string, StoredTag>();
  private basis: BitmapBasis | undefined;
  /** Tags changed since the last `commit`. */
  private readonly touched = new Set<string>();
  /** Tags changed since they were last stored; see `flush`. */
  private readonly dirty = new Set<string>();
  /** Tags removed since the last flush, whose stored copy is deleted with it. */
  private readonly dropped = new Set<string>();
  /** The definitions changed since the state was last stored (with or without a tag). */
  private settingsChanged = false;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Gateway) {}

  /** The reference date of the bitmaps; undefined before they are loaded or built. */
  get asOf(): string | undefined {
    return this.basis?.asOf;
  }

  get generation(): number {
    return this.basis?.generation ?? 0;
  }

  /**
   * Loads the stored bitmaps when they were stored on `basis` or at an earlier feed sequence
   * (the caller replays the feed from `generation`). Returns why they were not loaded, or
   * undefined when they were.
   */
  async load(basis: BitmapBasis): Promise<string | undefined> {
    const rows = await this.db.readQuery<{
      tag: string | null;
      data: Uint8Array | null;
      version: number | null;
      count: number | null;
      updatedAt: string | null;
      asOf: string | null;
      generation: number | null;
      settings: string | null;
    }>('segments/load-bitmaps');
    const state = rows[0];
    if (!state || state.asOf === null) return 'no stored bitmaps';
    if (state.asOf !== basis.asOf)
      return `stored for ${state.asOf}, reference date is ${basis.asOf}`;
    if (state.generation === null || state.generation > basis.generation)
      return `stored at sequence ${state.generation}, the graph is at ${basis.generation}`;
    if (state.settings !== basis.settings) return 'segment settings changed';
    try {
      this.tags.clear();
      for (const r of rows) {
        if (r.tag === null || r.data === null) continue;
        const { bitmap, version } = decodeBitmap(r.data);
        if (version !== r.version)
          throw new Error(`bitmap ${r.tag}: header version ${version}, stored ${r.version}`);
        this.tags.set(r.tag, { bitmap, version, updatedAt: r.updatedAt ?? '' });
      }
    } catch (error) {
      return `stored bitmaps unreadable: ${(error as Error).message}`;
    }
    this.basis = { ...basis, generation: state.generation };
    return undefined;
  }

  /** Replaces every bitmap by `members` (pids by tag), each a version up, and stores them all. */
  async replace(members: ReadonlyMap<string, number[]>, basis: BitmapBasis): Promise<void> {
    const now = new Date().toISOString();
    const rebuilt = new Map<string, StoredTag>();
    for (const [tag, pids] of members) {
      rebuilt.set(tag, {
        bitmap: new RoaringBitmap32(pids),
        version: (this.tags.get(tag)?.version ?? 0) + 1,
        updatedAt: now,
      });
    }
    this.tags.clear();
    for (const [tag, t] of rebuilt) this.tags.set(tag, t);
    this.basis = basis;
    this.touched.clear();
    this.dirty.clear();
    this.dropped.clear();
    this.settingsChanged = false;
    await this.persist([...this.tags.keys()], true);
  }

  /** Replaces one tag's bitmap (a segment evaluated again over everyone); see `commit`. */
  set(tag: string, bitmap: RoaringBitmap32): void {
    const t = this.tags.get(tag);
    if (t && t.bitmap.isEqual(bitmap)) return;
    this.tags.set(tag, { bitmap, version: t?.version ?? 0, updatedAt: t?.updatedAt ?? '' });
    this.dropped.delete(tag);
    this.touched.add(tag);
  }

  /** Removes a tag (a deleted segment); stored with the next flush. */
  drop(tag: string): void {
    if (!this.tags.delete(tag)) return;
    this.touched.delete(tag);
    this.dirty.delete(tag);
    this.dropped.add(tag);
    this.scheduleFlush();
  }

  /** The bitmap of a tag, by reference (undefined: none). */
  bitmap(tag: string): RoaringBitmap32 | undefined {
    return this.tags.get(tag)?.bitmap;
  }

  /** Version and update time of a tag's bitmap. */
  info(tag: string): { version: number; updatedAt: string; count: number } | undefined {
    const t = this.tags.get(tag);
    return t && { version: t.version, updatedAt: t.updatedAt, count: t.bitmap.size };
  }

  /** Takes `pid` out of every bitmap. */
  remove(pid: number): void {
    for (const [tag, t] of this.tags) if (t.bitmap.delete(pid)) this.touched.add(tag);
  }

  add(tag: string, pid: number): void {
    let t = this.tags.get(tag);
    if (!t) this.tags.set(tag, (t = { bitmap: new RoaringBitmap32(), version: 0, updatedAt: '' }));
    if (t.bitmap.tryAdd(pid)) this.touched.add(tag);
  }

  /**
   * Ends a change (after `load` or `replace`) that brought the bitmaps to summary `generation`:
   * each tag it touched goes a version up, and is stored within a second. `settings`: the
   * definitions changed with it (what a later start compares the stored copy with).
   */
  commit(generation: number, settings?: string): void {
    const now = new Date().toISOString();
    for (const tag of this.touched) {
      const t = this.tags.get(tag) as StoredTag;
      t.version++;
      t.updatedAt = now;
      this.dirty.add(tag);
    }
    this.touched.clear();
    if (settings !== undefined && settings !== this.basis?.settings) this.settingsChanged = true;
    this.basis = { ...(this.basis as BitmapBasis), generation, ...(settings && { settings }) };
    this.scheduleFlush();
  }

  /**
   * Stores the changed bitmaps. Runs at most once a second after changes, and at shutdown:
   * a copy that lags behind (a crash in between) carries an older summary generation, so
   * the next start sees that it is stale and rebuilds.
   */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const tags = [...this.dirty];
    const dropped = [...this.dropped];
    const settingsChanged = this.settingsChanged;
    this.dirty.clear();
    this.dropped.clear();
    this.settingsChanged = false;
    if (tags.length === 0 && dropped.length === 0 && !settingsChanged) return;
    // another replica stored a later sequence: these tags are stored with a later flush
    if (!(await this.persist(tags, false, dropped))) {
      // a tag dropped while the write was in flight is not stored again
      for (const tag of tags) if (this.tags.has(tag)) this.dirty.add(tag);
      for (const tag of dropped) if (!this.tags.has(tag)) this.dropped.add(tag);
      if (settingsChanged) this.settingsChanged = true;
    }
  }

  /** The bitmaps by tag, by reference. */
  catalog(): TagCatalog {
    return new TagCatalog([...this.tags].map(([tag, t]) => [tag, t.bitmap] as const));
  }

  list(): TagInfo[] {
    return [...this.tags]
      .map(([tag, t]) => ({ tag, count: t.bitmap.size, updatedAt: t.updatedAt }))
      .sort((a, b) => a.tag.localeCompare(b.tag));
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush().catch((err: unknown) => log.error({ err }, 'Storing segment bitmaps failed'));
    }, 1000);
    this.flushTimer.unref();
  }

  /** Stores `tags`; false when the stored copy is of a later sequence (nothing written). */
  private async persist(
    tags: readonly string[],
    replaceAll: boolean,
    dropped: readonly string[] = [],
  ): Promise<boolean> {
    const [row] = await this.db.writeQuery<{ saved: boolean }>('segments/save-bitmaps', {
      tags: tags.map((tag) => {
        const t = this.tags.get(tag) as StoredTag;
        return {
          tag,
          data: toBytes(encodeBitmap(t.bitmap, t.version)),
          version: t.version,
          count: t.bitmap.size,
        };
      }),
      asOf: this.basis?.asOf,
      generation: this.generation,
      settings: this.basis?.settings,
      now: new Date().toISOString(),
      replaceAll,
      dropped,
    });
    return row?.saved === true;
  }
}
