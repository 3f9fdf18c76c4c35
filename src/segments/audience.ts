import type { RfmService } from '../rfm/rfm-service.js';
import type { BitmapStore, TagInfo } from './bitmap-store.js';
import { countExpression, evaluate } from './evaluate.js';
import { parseExpression } from './expression/parser.js';
import { RoaringBitmap32 } from './roaring.js';
import type { SegmentMaintenance } from './segment-maintenance.js';
import { TagCatalog } from './tag-catalog.js';

/**
 * Tags and the audiences that expressions over them select, as of a date: the maintained
 * bitmaps for the reference date, bitmaps computed from the RFM view on demand for others.
 */
export class Audiences {
  constructor(
    private readonly rfm: RfmService,
    private readonly store: BitmapStore,
    private readonly maintenance: SegmentMaintenance,
  ) {}

  /** The tag bitmaps as of a date: the stored ones for the reference date. */
  async catalog(asOf: string): Promise<TagCatalog> {
    await this.maintenance.init();
    if (asOf === this.store.asOf) return this.store.catalog();
    const view = await this.rfm.view(asOf);
    const members = new Map<string, RoaringBitmap32>();
    for (const e of view.entries.values()) {
      for (const tag of e.tags) {
        let b = members.get(tag);
        if (!b) members.set(tag, (b = new RoaringBitmap32()));
        b.add(e.pid);
      }
    }
    return new TagCatalog(members);
  }

  /**
   * The tags that have persons, with their counts. A saved segment without members has an
   * empty bitmap in every process (so expressions may name it) and is left out here, alike in
   * a process that defined it and one that rebuilt; `savedSegments` lists it with 0.
   */
  async list(asOf: string): Promise<TagInfo[]> {
    await this.maintenance.init();
    if (asOf === this.store.asOf) return this.store.list().filter((t) => t.count > 0);
    const catalog = await this.catalog(asOf);
    const now = new Date().toISOString();
    return catalog.names
      .map((tag) => ({ tag, count: catalog.lookup(tag)?.size ?? 0, updatedAt: now }))
      .filter((t) => t.count > 0)
      .sort((a, b) => a.tag.localeCompare(b.tag));
  }

  async count(expression: string, asOf: string): Promise<number> {
    const ast = parseExpression(expression);
    const catalog = await this.catalog(asOf);
    return countExpression(ast, catalog.lookup, catalog.names);
  }

  async members(expression: string, asOf: string): Promise<RoaringBitmap32> {
    const ast = parseExpression(expression);
    const catalog = await this.catalog(asOf);
    return evaluate(ast, catalog.lookup, catalog.names);
  }
}
