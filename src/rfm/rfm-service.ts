import { parseIsoDate } from '../dates.js';
import { averageCents } from '../rows/cents.js';
import { InputError } from '../errors.js';
import { MAX_TAG, preview, requireMaxLength } from '../input-limits.js';
import type { PersonsObserver } from '../identity/identity-service.js';
import type { Gateway } from '../neo4j/gateway.js';
import { RfmView, type PersonRfm } from './rfm-view.js';
import { ChangeFeed, type FeedOptions, type SummaryChange } from './change-feed.js';
import { SummaryStore, type Refreshed } from './summary-store.js';
import type { Tagger } from './tags.js';

export interface ChannelStats {
  readonly channel: string;
  readonly uniqueUsers: number;
  readonly purchaseCount: number;
  /** Net revenue in cents, cancellations included. */
  readonly totalCents: number;
  /** totalCents / purchaseCount in whole cents (half away from zero); 0 without purchases. */
  readonly avgOrderCents: number;
}

export interface SegmentStats {
  readonly segment: string;
  readonly userCount: number;
  /** Mean monetary value in whole cents (half away from zero). */
  readonly avgMonetaryCents: number;
  readonly avgFrequency: number;
  readonly avgRecencyDays: number;
}

export interface RefreshStats {
  readonly persons: number;
  readonly withRfm: number;
  readonly durationMs: number;
}

export type PeopleOrder = 'MONETARY_DESC' | 'RECENCY_ASC' | 'FREQUENCY_DESC' | 'PID_ASC';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A view being built from the graph, and the persons that changed meanwhile. */
interface ViewBuild {
  readonly view: Promise<RfmView>;
  readonly changed: Set<number>;
}

/**
 * RFM per person. Summaries live on the Person nodes and are refreshed only for the persons
 * an event, a load, a merge or a split touched, in the writing transaction, which also
 * records them in the change feed. Views for an as-of date are built by streaming the
 * summaries from the graph once, then kept current from the feed; no process holds every
 * person's purchase history.
 */
export class RfmService {
  readonly store: SummaryStore;
  /** The change feed this process follows; the views and the bitmaps are its listeners. */
  readonly feed: ChangeFeed;
  private readonly views = new Map<string, RfmView>();
  private readonly builds = new Map<string, ViewBuild>();
  /** Goes up with every full change: a view built across one is not kept. */
  private epoch = 0;

  constructor(
    private readonly db: Gateway,
    readonly tagger: Tagger,
    /** The default as-of date, "YYYY-MM-DD" (today unless configured). */
    readonly referenceDate: () => string,
    feedOptions: FeedOptions,
  ) {
    this.store = new SummaryStore(db);
    this.feed = new ChangeFeed(db, this.store, feedOptions);
    this.feed.onChange((change) => this.apply(change));
  }

  /** Validates an as-of argument; undefined means the reference date. */
  asOf(value: string | null | undefined): string {
    if (value === undefined || value === null) return this.referenceDate();
    if (parseIsoDate(value) === null)
      throw new InputError(`asOf must be a date YYYY-MM-DD, got ${preview(value)}.`, 'asOf');
    return value;
  }

  /**
   * Keeps RFM in step with identity changes: the changed persons' summaries are recomputed
   * in the writing transaction (so they commit with the purchases and merges that changed
   * them, under the next feed sequence), and after the commit this process's caches follow.
   */
  readonly observer: PersonsObserver<Refreshed> = {
    inTransaction: (tx, change) =>
      this.store.refreshInTx(tx, change.changedPids, change.retiredPids),
    committed: (change, refreshed) =>
      this.feed.committedChange({
        fresh: refreshed.fresh,
        changed: change.changedPids,
        retired: change.retiredPids,
        generation: refreshed.generation,
        full: false,
      }),
  };

  /**
   * Recomputes, in batches, the summaries of persons written by a version that kept no segment
   * facts on them. Once none is left the graph is marked, and later starts read only the mark
   * (rather than scanning every active person). Returns how many were recomputed.
   */
  async refreshWithoutFacts(batchSize = 5000): Promise<number> {
    const [marker] = await this.db.readQuery<{ kept: boolean }>('rfm/read-facts-kept');
    if (marker?.kept) return 0;
    let total = 0;
    for (;;) {
      const pids = (
        await this.db.readQuery<{ pid: number }>('rfm/persons-without-facts', { limit: batchSize })
      ).map((r) => r.pid);
      if (pids.length === 0) break;
      await this.db.writeQuery('rfm/refresh-persons', {
        pids,
        retired: [],
        now: new Date().toISOString(),
      });
      total += pids.length;
    }
    await this.db.writeQuery('rfm/mark-facts-kept', { now: new Date().toISOString() });
    return total;
  }

  /** Recomputes every person's summary, in batches; the caches follow through the feed. */
  async refreshAll(batchSize = 5000): Promise<RefreshStats> {
    const started = performance.now();
    const pids = (await this.db.readQuery<{ pid: number }>('rfm/active-pids')).map((r) => r.pid);
    for (let i = 0; i < pids.length; i += batchSize) {
      await this.db.writeQuery('rfm/refresh-persons', {
        pids: pids.slice(i, i + batchSize),
        retired: [],
        now: new Date().toISOString(),
      });
    }
    await this.feed.catchUp();
    const view = await this.view(this.referenceDate());
    return {
      persons: pids.length,
      withRfm: view.entries.size,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /** RFM of everyone as of a date: streamed from the graph once, then kept current. */
  async view(asOf: string): Promise<RfmView> {
    const cached = this.views.get(asOf);
    if (cached) return cached;
    let build = this.builds.get(asOf);
    if (!build) {
      const changed = new Set<number>();
      build = { changed, view: this.build(asOf, changed) };
      this.builds.set(asOf, build);
      build.view.then(
        () => this.builds.delete(asOf),
        () => this.builds.delete(asOf),
      );
    }
    return build.view;
  }

  /**
   * Streams every summary into a new view beside the feed, then, between two changes,
   * re-reads the persons that changed meanwhile and starts keeping the view current.
   */
  private async build(asOf: string, changed: Set<number>): Promise<RfmView> {
    await this.tagger.ready?.();
    const epoch = this.epoch;
    const view = new RfmView(asOf, [], this.tagger);
    for await (const page of this.store.all()) view.add(page);
    return this.feed.exclusive(async () => {
      const pids = [...changed];
      view.update(await this.store.byPid(pids), pids, []);
      if (epoch !== this.epoch) return view;
      if (this.views.size >= 8) this.views.delete(this.views.keys().next().value as string);
      this.views.set(asOf, view);
      return view;
    });
  }

  /**
   * Applies a change from the feed to every view (a full change, or one of the segment
   * definitions, which the views' tags follow, drops them).
   */
  private apply(change: SummaryChange): Promise<void> {
    if (change.full || (change.segments?.length ?? 0) > 0) {
      this.views.clear();
      this.epoch++;
    } else {
      for (const view of this.views.values())
        view.update(change.fresh, change.changed, change.retired);
      for (const build of this.builds.values()) {
        for (const pid of change.changed) build.changed.add(pid);
        for (const pid of change.retired) build.changed.add(pid);
      }
    }
    return Promise.resolve();
  }

  async personRfm(pid: number, asOf: string): Promise<PersonRfm | null> {
    return (await this.view(asOf)).entries.get(pid) ?? null;
  }

  async segmentDistribution(asOf: string): Promise<SegmentStats[]> {
    const groups = new Map<string, PersonRfm[]>();
    for (const e of (await this.view(asOf)).entries.values()) {
      const list = groups.get(e.segment);
      if (list) list.push(e);
      else groups.set(e.segment, [e]);
    }
    return [...groups]
      .map(([segment, list]) => ({
        segment,
        userCount: list.length,
        avgMonetaryCents: averageCents(
          list.reduce((s, e) => s + e.rfm.monetaryCents, 0),
          list.length,
        ),
        avgFrequency: round(list.reduce((s, e) => s + e.rfm.frequency, 0) / list.length, 1),
        avgRecencyDays: Math.round(list.reduce((s, e) => s + e.rfm.recencyDays, 0) / list.length),
      }))
      .sort(
        (a, b) => b.avgMonetaryCents - a.avgMonetaryCents || a.segment.localeCompare(b.segment),
      );
  }

  async channelDistribution(): Promise<ChannelStats[]> {
    const rows = await this.db.readQuery<{
      channel: string;
      uniqueUsers: number;
      purchaseCount: number;
      totalCents: number;
    }>('rfm/channel-distribution');
    return rows.map((r) => ({
      channel: r.channel,
      uniqueUsers: r.uniqueUsers,
      purchaseCount: r.purchaseCount,
      totalCents: r.totalCents,
      avgOrderCents: averageCents(r.totalCents, r.purchaseCount),
    }));
  }

  /** Persons with RFM as of a date, optionally of one segment, in a stable order. */
  async people(
    asOf: string,
    opts: { segment?: string | null; orderBy: PeopleOrder },
  ): Promise<PersonRfm[]> {
    if (opts.segment) requireMaxLength(opts.segment, MAX_TAG, 'segment');
    const view = await this.view(asOf);
    const list = [...view.entries.values()].filter(
      (e) => !opts.segment || e.segment === opts.segment,
    );
    const by: Record<PeopleOrder, (a: PersonRfm, b: PersonRfm) => number> = {
      MONETARY_DESC: (a, b) => b.rfm.monetaryCents - a.rfm.monetaryCents,
      RECENCY_ASC: (a, b) => a.rfm.recencyDays - b.rfm.recencyDays,
      FREQUENCY_DESC: (a, b) => b.rfm.frequency - a.rfm.frequency,
      PID_ASC: () => 0,
    };
    return list.sort((a, b) => by[opts.orderBy](a, b) || a.pid - b.pid);
  }
}
