import { ConflictError, NotFoundError, InputError } from '../errors.js';
import { MAX_PACKAGE_ID, MAX_PACKAGE_NAME, preview, requireMaxLength } from '../input-limits.js';
import { log } from '../log/logger.js';
import type { Gateway } from '../neo4j/gateway.js';
import { toBytes } from '../neo4j/values.js';
import type { RfmService, SummaryChange } from '../rfm/rfm-service.js';
import { tagsOf } from '../rfm/tags.js';
import { decodeBitmap, encodeBitmap } from './bitmap-codec.js';
import { countExpression, evaluate } from './evaluate.js';
import { parseExpression } from './expression/parser.js';
import { RoaringBitmap32 } from './roaring.js';
import { TagCatalog } from './tag-catalog.js';

const PACKAGE_ID = new RegExp(`^[A-Za-z0-9_.-]{1,${MAX_PACKAGE_ID}}$`);

export interface TagInfo {
  readonly tag: string;
  readonly count: number;
  readonly updatedAt: string;
}

export interface AudiencePackage {
  readonly id: string;
  readonly name: string;
  readonly expression: string;
  readonly asOf: string;
  readonly createdAt: string;
  readonly count: number;
}

interface StoredTag {
  bitmap: RoaringBitmap32;
  version: number;
  updatedAt: string;
}

/**
 * One Roaring bitmap of person ids per tag, for the reference as-of date: kept current as
 * summaries change (a retired person leaves every bitmap), stored in the graph, and loaded,
 * not rebuilt, at start when the stored state is current. Other dates are computed from
 * the RFM view on demand. There is exactly one bitmap per tag by construction (a map).
 */
export class SegmentService {
  private readonly tags = new Map<string, StoredTag>();
  private asOf: string | undefined;
  private generation = 0;
  private ready: Promise<{ rebuilt: boolean; reason: string }> | undefined;
  /** Tags changed since they were last stored; see `flush`. */
  private readonly dirty = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** How the last start or check obtained the bitmaps. */
  lastLoad: { rebuilt: boolean; reason: string } | undefined;

  constructor(
    private readonly db: Gateway,
    private readonly rfm: RfmService,
  ) {
    rfm.onSummariesChanged((change) => this.apply(change));
  }

  /** Loads the stored bitmaps, or rebuilds them when they are missing or stale. Idempotent. */
  init(): Promise<{ rebuilt: boolean; reason: string }> {
    this.ready ??= this.load().then((r) => (this.lastLoad = r));
    return this.ready;
  }

  /**
   * Rebuilds when another process changed summaries (a CLI load) or the reference date
   * moved on. Cheap when nothing changed: one read.
   */
  async checkCurrent(): Promise<boolean> {
    await this.init();
    const [row] = await this.db.readQuery<{ generation: number }>('segments/summary-generation');
    const stale =
      (row?.generation ?? 0) !== this.generation || this.asOf !== this.rfm.referenceDate();
    if (stale) {
      this.rfm.reset();
      await this.rebuild();
      this.lastLoad = {
        rebuilt: true,
        reason: 'summaries changed elsewhere or the reference date moved',
      };
    }
    return stale;
  }

  private async load(): Promise<{ rebuilt: boolean; reason: string }> {
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
    const [gen] = await this.db.readQuery<{ generation: number }>('segments/summary-generation');
    const state = rows[0];
    let reason = '';
    if (!state || state.asOf === null) reason = 'no stored bitmaps';
    else if (state.asOf !== this.rfm.referenceDate())
      reason = `stored for ${state.asOf}, reference date is ${this.rfm.referenceDate()}`;
    else if (state.generation !== (gen?.generation ?? 0))
      reason = 'summaries changed after the bitmaps were stored';
    else if (state.settings !== this.settingsKey()) reason = 'segment settings changed';
    if (reason === '') {
      try {
        this.tags.clear();
        for (const r of rows) {
          if (r.tag === null || r.data === null) continue;
          const { bitmap, version } = decodeBitmap(r.data);
          if (version !== r.version)
            throw new Error(`bitmap ${r.tag}: header version ${version}, stored ${r.version}`);
          this.tags.set(r.tag, { bitmap, version, updatedAt: r.updatedAt ?? '' });
        }
        this.asOf = state?.asOf ?? undefined;
        this.generation = state?.generation ?? 0;
        return { rebuilt: false, reason: 'loaded stored bitmaps' };
      } catch (error) {
        reason = `stored bitmaps unreadable: ${(error as Error).message}`;
      }
    }
    await this.rebuild();
    return { rebuilt: true, reason };
  }

  /** Recomputes every bitmap from the purchase summaries and stores them all. */
  async rebuild(): Promise<void> {
    const [gen] = await this.db.readQuery<{ generation: number }>('segments/summary-generation');
    const asOf = this.rfm.referenceDate();
    const members = new Map<string, number[]>();
    for (const s of (await this.rfm.store.summaries()).values()) {
      for (const tag of tagsOf(s, asOf, this.rfm.settings)?.tags ?? []) {
        const list = members.get(tag);
        if (list) list.push(s.pid);
        else members.set(tag, [s.pid]);
      }
    }
    const now = new Date().toISOString();
    const previous = this.tags;
    const rebuilt = new Map<string, StoredTag>();
    for (const [tag, pids] of members) {
      rebuilt.set(tag, {
        bitmap: new RoaringBitmap32(pids),
        version: (previous.get(tag)?.version ?? 0) + 1,
        updatedAt: now,
      });
    }
    this.tags.clear();
    for (const [tag, t] of rebuilt) this.tags.set(tag, t);
    this.asOf = asOf;
    this.generation = gen?.generation ?? 0;
    this.dirty.clear();
    await this.persist([...this.tags.keys()], true);
  }

  private async apply(change: SummaryChange): Promise<void> {
    if (!this.ready) return; // not started: init() will compare generations
    await this.ready;
    if (
      change.full ||
      change.generation !== this.generation + 1 ||
      this.asOf !== this.rfm.referenceDate()
    ) {
      this.rfm.reset();
      await this.rebuild();
      return;
    }
    const touched = new Set<string>();
    for (const pid of [...change.changed, ...change.retired]) {
      for (const [tag, t] of this.tags) if (t.bitmap.delete(pid)) touched.add(tag);
    }
    const now = new Date().toISOString();
    for (const [pid, s] of change.fresh) {
      for (const tag of tagsOf(s, this.asOf, this.rfm.settings)?.tags ?? []) {
        let t = this.tags.get(tag);
        if (!t)
          this.tags.set(tag, (t = { bitmap: new RoaringBitmap32(), version: 0, updatedAt: now }));
        if (t.bitmap.tryAdd(pid)) touched.add(tag);
      }
    }
    for (const tag of touched) {
      const t = this.tags.get(tag) as StoredTag;
      t.version++;
      t.updatedAt = now;
    }
    this.generation = change.generation;
    for (const tag of touched) this.dirty.add(tag);
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
    this.dirty.clear();
    if (tags.length > 0) await this.persist(tags, false);
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush().catch((err: unknown) => log.error({ err }, 'Storing segment bitmaps failed'));
    }, 1000);
    this.flushTimer.unref();
  }

  private async persist(tags: readonly string[], replaceAll: boolean): Promise<void> {
    await this.db.writeQuery('segments/save-bitmaps', {
      tags: tags.map((tag) => {
        const t = this.tags.get(tag) as StoredTag;
        return {
          tag,
          data: toBytes(encodeBitmap(t.bitmap, t.version)),
          version: t.version,
          count: t.bitmap.size,
        };
      }),
      asOf: this.asOf,
      generation: this.generation,
      settings: this.settingsKey(),
      now: new Date().toISOString(),
      replaceAll,
    });
  }

  private settingsKey(): string {
    return JSON.stringify(this.rfm.settings);
  }

  /** The tag bitmaps as of a date: the stored ones for the reference date. */
  async catalog(asOf: string): Promise<TagCatalog> {
    await this.init();
    if (asOf === this.asOf)
      return new TagCatalog([...this.tags].map(([tag, t]) => [tag, t.bitmap] as const));
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

  async list(asOf: string): Promise<TagInfo[]> {
    await this.init();
    if (asOf === this.asOf) {
      return [...this.tags]
        .map(([tag, t]) => ({ tag, count: t.bitmap.size, updatedAt: t.updatedAt }))
        .sort((a, b) => a.tag.localeCompare(b.tag));
    }
    const catalog = await this.catalog(asOf);
    const now = new Date().toISOString();
    return catalog.names
      .map((tag) => ({ tag, count: catalog.lookup(tag)?.size ?? 0, updatedAt: now }))
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

  /** Freezes the members of `expression` now, with the rule and the time. */
  async createPackage(input: {
    id: string;
    name: string;
    expression: string;
    asOf: string;
    replace: boolean;
  }): Promise<AudiencePackage> {
    if (!PACKAGE_ID.test(input.id))
      throw new InputError(`id: 1 to ${MAX_PACKAGE_ID} letters, digits, "_", "-" or ".".`, 'id');
    requireMaxLength(input.name, MAX_PACKAGE_NAME, 'name');
    const members = await this.members(input.expression, input.asOf);
    const rows = await this.db.writeQuery<AudiencePackage & { existed: boolean }>(
      'segments/create-package',
      {
        pkg: {
          id: input.id,
          name: input.name,
          expression: input.expression,
          asOf: input.asOf,
          count: members.size,
          data: toBytes(encodeBitmap(members, 1)),
        },
        replace: input.replace,
        now: new Date().toISOString(),
      },
    );
    const row = rows[0];
    if (!row)
      throw new ConflictError(
        `Audience package "${input.id}" exists; pass replace: true to replace it.`,
        { id: input.id },
      );
    return row;
  }

  /** The package, or null when there is none (an id no package can have included). */
  async getPackage(id: string): Promise<(AudiencePackage & { members: RoaringBitmap32 }) | null> {
    if (!PACKAGE_ID.test(id)) return null;
    const [row] = await this.db.readQuery<AudiencePackage & { data: Uint8Array }>(
      'segments/get-package',
      { id },
    );
    if (!row) return null;
    const { data, ...pkg } = row;
    return { ...pkg, members: decodeBitmap(data).bitmap };
  }

  async requirePackage(id: string) {
    const pkg = await this.getPackage(id);
    if (!pkg) throw new NotFoundError(`No audience package ${preview(id)}.`, { id: preview(id) });
    return pkg;
  }

  async listPackages(): Promise<AudiencePackage[]> {
    return this.db.readQuery<AudiencePackage>('segments/list-packages');
  }
}
