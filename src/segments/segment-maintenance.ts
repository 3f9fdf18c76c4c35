import { log } from '../log/logger.js';
import type { SummaryChange } from '../rfm/change-feed.js';
import type { RfmService } from '../rfm/rfm-service.js';
import { rfmAsOf, type PurchaseSummary } from '../rfm/summary.js';
import type { BitmapBasis, BitmapStore } from './bitmap-store.js';
import { evaluate } from './evaluate.js';
import { RFM_GROUP, UNCLASSIFIED } from './definitions/segment-definition.js';
import type { SegmentDefinitions } from './definitions/segment-definitions.js';
import type { SegmentRegistry } from './definitions/segment-registry.js';
import { FactTable } from './facts/fact-table.js';
import type { ScoreScales } from './facts/score-scales.js';
import { RoaringBitmap32 } from './roaring.js';

export interface LoadOutcome {
  readonly rebuilt: boolean;
  readonly reason: string;
}

const EMPTY = new RoaringBitmap32();

/**
 * Keeps one bitmap per saved segment (and per channel and consent tag) for the reference as-of
 * date current from the change feed, person by person: a changed person leaves every bitmap
 * and enters those of its current tags; a retired person just leaves. A changed definition
 * re-evaluates that segment over everyone from the fact table (rules: typed columns, no read
 * of the graph; expressions: bitmap algebra) and then the segments that follow it.
 *
 * At start the stored copy is loaded and the feed replayed from its sequence; they are
 * rebuilt from the summaries, streamed from the graph, only when there is no usable copy,
 * the feed cannot be replayed, the definitions differ, or the reference date moved.
 */
export class SegmentMaintenance {
  private ready: Promise<LoadOutcome> | undefined;
  /** How the last start or check obtained the bitmaps. */
  lastLoad: LoadOutcome | undefined;
  /** What rules read of everyone, as of the bitmaps' date; built with a rebuild or on demand. */
  private table: FactTable | undefined;
  private tableBuild: { changed: Set<number>; table: Promise<FactTable> } | undefined;
  /** The quintile scales score rules read; refreshed by `checkDate` after changes. */
  private scales: ScoreScales | undefined;
  private scalesStale = false;

  constructor(
    private readonly rfm: RfmService,
    private readonly store: BitmapStore,
    readonly registry: SegmentRegistry,
  ) {
    registry.scales = () => this.scales;
    rfm.feed.onChange((change) => this.apply(change));
  }

  /**
   * Loads (or rebuilds) the bitmaps and starts following the feed: polling it when `poll`
   * (a service), else only catching up when asked (a CLI run). Idempotent.
   */
  init(poll = false): Promise<LoadOutcome> {
    this.ready ??= this.load(poll).then((r) => {
      this.lastLoad = r;
      // a service builds the fact table in the background, so that a new or changed rule
      // is evaluated at once rather than after streaming everyone
      if (poll && !this.table)
        this.facts().catch((err: unknown) => log.error({ err }, 'Building the fact table failed'));
      return r;
    });
    return this.ready;
  }

  /**
   * Rebuilds when the reference date moved on (no read otherwise); after changes, refreshes
   * the quintile scales and re-evaluates the segments whose rules read them.
   */
  async checkDate(): Promise<boolean> {
    await this.init();
    if (this.store.asOf !== this.rfm.referenceDate()) {
      await this.rebuild();
      this.lastLoad = { rebuilt: true, reason: 'the reference date moved' };
      return true;
    }
    if (this.scalesStale && this.registry.current.usesScores)
      await this.rfm.feed.exclusive(async () => {
        const table = await this.facts(true);
        this.scalesStale = false;
        this.scales = table.scoreScales();
        this.reevaluate(this.registry.current, this.registry.current.scoreSegments(), table);
        this.store.commit(this.rfm.feed.sequence);
      });
    return false;
  }

  /** Recomputes every bitmap from the summaries, between two changes of the feed. */
  rebuild(): Promise<void> {
    return this.rfm.feed.exclusive(() => this.rebuildAt(this.rfm.feed.sequence));
  }

  /** Stores the bitmaps changed since they were last stored (at shutdown). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /**
   * What rules read of everyone as of the reference date: streamed from the graph beside the
   * feed the first time (a process that loaded stored bitmaps has none), then kept current.
   * `inFeed`: the caller runs between two changes already (a feed listener).
   */
  async facts(inFeed = false): Promise<FactTable> {
    await this.init();
    if (this.table) return this.table;
    if (inFeed) return (this.table = await this.streamTable(this.store.asOf as string));
    if (!this.tableBuild) {
      const changed = new Set<number>();
      const table = this.streamTable(this.store.asOf as string).then((t) =>
        this.rfm.feed.exclusive(async () => {
          const pids = [...changed];
          const fresh = await this.rfm.store.byPid(pids);
          for (const pid of pids) t.delete(pid);
          for (const s of fresh.values()) t.set(s);
          this.tableBuild = undefined;
          this.table ??= t;
          return this.table;
        }),
      );
      table.catch(() => (this.tableBuild = undefined));
      this.tableBuild = { changed, table };
    }
    return this.tableBuild.table;
  }

  /** The quintile scales score rules read now (built with the fact table). */
  async scoreScales(): Promise<ScoreScales> {
    const table = await this.facts();
    this.scales ??= table.scoreScales();
    return this.scales;
  }

  private async streamTable(asOf: string): Promise<FactTable> {
    const table = new FactTable(asOf);
    for await (const page of this.rfm.store.all()) for (const s of page) table.set(s);
    return table;
  }

  private async load(poll: boolean): Promise<LoadOutcome> {
    await this.registry.ready();
    const upgraded = await this.rfm.refreshWithoutFacts();
    if (upgraded > 0)
      log.info(
        { persons: upgraded },
        'Kept the segment facts on persons written by an older version',
      );
    const current = await this.rfm.feed.current();
    const reason = await this.store.load(this.basis(current));
    let outcome: LoadOutcome = {
      rebuilt: false,
      reason:
        this.store.generation === current
          ? 'loaded stored bitmaps'
          : `loaded stored bitmaps, replaying the feed from sequence ${this.store.generation}`,
    };
    if (reason !== undefined) {
      await this.rebuildAt(current);
      outcome = { rebuilt: true, reason };
    } else if (this.registry.current.usesScores) {
      // score rules need the population's scales, which the stored copy does not keep: one
      // pass builds the fact table they come from, and the score segments (and what follows
      // them) are evaluated with them; the rest of the stored copy stands
      const defs = this.registry.current;
      this.table = await this.streamTable(this.store.asOf as string);
      this.scales = this.table.scoreScales();
      this.reevaluate(defs, defs.scoreSegments(), this.table);
    }
    await this.rfm.feed.follow(this.store.generation, poll);
    return outcome;
  }

  /**
   * Streams every summary and replaces the bitmaps (and the fact table) by what it gives, as
   * of feed `sequence` (changes after it are applied again later: applying a person's state
   * is idempotent).
   */
  private async rebuildAt(sequence: number): Promise<void> {
    const registry = this.registry;
    await registry.reload();
    const basis = this.basis(sequence);
    const table = new FactTable(basis.asOf);
    const members = new Map<string, number[]>();
    const usesScores = registry.current.usesScores;
    for await (const page of this.rfm.store.all()) {
      for (const s of page) table.set(s);
      if (!usesScores) this.collect(page, basis.asOf, members);
    }
    this.scales = table.scoreScales();
    this.scalesStale = false;
    // score rules: a person's tags need everyone's scales, so they are collected in a second
    // pass over the graph rather than by holding every summary (which grows with history);
    // a person written between the passes is applied again from the feed
    if (usesScores)
      for await (const page of this.rfm.store.all()) this.collect(page, basis.asOf, members);
    // every saved segment has a bitmap, an empty one too, as in a process that defined it
    for (const def of registry.current.definitions)
      if (!members.has(def.name)) members.set(def.name, []);
    this.table = table;
    await this.store.replace(members, basis);
  }

  private collect(page: readonly PurchaseSummary[], asOf: string, into: Map<string, number[]>) {
    for (const s of page) {
      for (const tag of this.registry.tagsOf(s, rfmAsOf(s, asOf), asOf).tags) {
        const list = into.get(tag);
        if (list) list.push(s.pid);
        else into.set(tag, [s.pid]);
      }
    }
  }

  /** A change from the feed (runs between two others, never beside a rebuild). */
  private async apply(change: SummaryChange): Promise<void> {
    const asOf = this.store.asOf;
    if (change.full || asOf !== this.rfm.referenceDate()) {
      await this.rebuildAt(change.generation);
      return;
    }
    for (const pid of change.retired) this.table?.delete(pid);
    for (const pid of [...change.changed, ...change.retired]) {
      this.store.remove(pid);
      this.tableBuild?.changed.add(pid);
    }
    for (const [pid, s] of change.fresh) {
      this.table?.set(s);
      for (const tag of this.registry.tagsOf(s, rfmAsOf(s, asOf), asOf).tags)
        this.store.add(tag, pid);
    }
    if (change.changed.length + change.retired.length > 0) this.scalesStale = true;
    if ((change.segments?.length ?? 0) === 0) {
      this.store.commit(change.generation);
      return;
    }
    await this.redefine(change.segments as readonly string[]);
    // the stored copy is of the new definitions: a start loads it instead of rebuilding
    this.store.commit(change.generation, this.registry.fingerprint());
  }

  /** Definitions changed: reload them, then evaluate the changed segments and their followers. */
  private async redefine(names: readonly string[]): Promise<void> {
    const defs = await this.registry.reload();
    const table = await this.facts(true);
    if (defs.usesScores && !this.scales) this.scales = table.scoreScales();
    for (const name of names) if (!defs.find(name)) this.store.drop(name);
    this.reevaluate(defs, names, table);
  }

  /**
   * Evaluates `names` (those still defined) over everyone, then every expression that
   * follows them, in dependency order. A segment of an exclusive group re-evaluates its group.
   */
  private reevaluate(defs: SegmentDefinitions, names: readonly string[], table: FactTable): void {
    const defined = names.map((n) => defs.find(n)).filter((d) => d !== undefined);
    const done = new Set<string>();
    for (const def of defined) {
      if (def.kind === 'rule' && def.group) {
        if (done.has(`group:${def.group}`)) continue;
        done.add(`group:${def.group}`);
        for (const [name, bitmap] of this.evaluateGroup(defs, def.group, table)) {
          this.store.set(name, bitmap);
        }
      } else if (def.kind === 'rule') {
        const test = defs.ruleTest(def.name);
        if (test) this.store.set(def.name, new RoaringBitmap32(table.select(test, this.scales)));
      } else if (def.kind === 'static') {
        if (!this.store.bitmap(def.name)) this.store.set(def.name, new RoaringBitmap32());
      } else {
        this.store.set(def.name, this.evaluateExpression(defs, def.name));
      }
    }
    for (const name of defs.dependents(defined.map((d) => d.name)))
      this.store.set(name, this.evaluateExpression(defs, name));
  }

  /** The members of every segment of a group (and Unclassified for the RFM group). */
  evaluateGroup(
    defs: SegmentDefinitions,
    group: string,
    table: FactTable,
  ): Map<string, RoaringBitmap32> {
    const names = defs.group(group);
    const lists = new Map<string, number[]>(names.map((n) => [n, []]));
    const unclassified: number[] = [];
    table.forEach((facts) => {
      if (group === RFM_GROUP && facts.recencyDays === null) return;
      const hit = defs.groupSegment(group, facts);
      if (hit) lists.get(hit)?.push(facts.pid);
      else if (group === RFM_GROUP) unclassified.push(facts.pid);
    }, this.scales);
    const out = new Map<string, RoaringBitmap32>();
    for (const [name, pids] of lists) out.set(name, new RoaringBitmap32(pids));
    if (unclassified.length > 0 || this.store.bitmap(UNCLASSIFIED))
      out.set(UNCLASSIFIED, new RoaringBitmap32(unclassified));
    return out;
  }

  /** An expression segment over the current bitmaps (a tag with no members is empty). */
  evaluateExpression(defs: SegmentDefinitions, name: string): RoaringBitmap32 {
    const ast = defs.expression(name);
    if (!ast) return new RoaringBitmap32();
    const catalog = this.store.catalog();
    try {
      return evaluate(ast, (tag) => catalog.lookup(tag) ?? EMPTY);
    } catch (error) {
      log.error({ err: error, segment: name }, 'Evaluating a saved segment failed');
      return new RoaringBitmap32();
    }
  }

  private basis(generation: number): BitmapBasis {
    return {
      asOf: this.rfm.referenceDate(),
      generation,
      settings: this.registry.fingerprint(),
    };
  }
}
