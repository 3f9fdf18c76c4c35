import { parseIsoDate } from '../dates.js';
import { averageCents } from '../rows/cents.js';
import { InputError } from '../errors.js';
import { MAX_TAG, preview, requireMaxLength } from '../input-limits.js';
import type { PersonsObserver } from '../identity/identity-service.js';
import type { Gateway } from '../neo4j/gateway.js';
import { RfmView, type PersonRfm } from './rfm-view.js';
import { SummaryStore, type Refreshed } from './summary-store.js';
import type { PurchaseSummary } from './summary.js';
import type { TagSettings } from './tags.js';

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

/** Listens to changed summaries (the segment bitmaps do). */
export interface SummaryChange {
  /** New summaries of the changed persons that have purchases. */
  readonly fresh: ReadonlyMap<number, PurchaseSummary>;
  readonly changed: readonly number[];
  readonly retired: readonly number[];
  /** Summary generation after this change; 0 when no summary was written. */
  readonly generation: number;
  /** True after a full refresh: listeners should rebuild. */
  readonly full: boolean;
}
export type SummariesChanged = (change: SummaryChange) => Promise<void>;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * RFM per person. Summaries live on the Person nodes and are refreshed only for the persons
 * an event, a load, a merge or a split touched; views for an as-of date are derived from
 * them in memory and cached until the next change.
 */
export class RfmService {
  readonly store: SummaryStore;
  private readonly views = new Map<string, RfmView>();
  private readonly listeners: SummariesChanged[] = [];

  constructor(
    private readonly db: Gateway,
    readonly settings: TagSettings,
    /** The default as-of date, "YYYY-MM-DD" (today unless configured). */
    readonly referenceDate: () => string,
  ) {
    this.store = new SummaryStore(db);
  }

  onSummariesChanged(listener: SummariesChanged): void {
    this.listeners.push(listener);
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
   * them), and after the commit the cached summaries, views and bitmaps follow.
   */
  readonly observer: PersonsObserver<Refreshed> = {
    inTransaction: (tx, change) => this.store.refreshInTx(tx, change.changedPids),
    committed: async (change, refreshed) => {
      this.store.apply(refreshed.fresh, change.changedPids, change.retiredPids);
      for (const view of this.views.values())
        view.update(refreshed.fresh, change.changedPids, change.retiredPids);
      const summaryChange = {
        fresh: refreshed.fresh,
        changed: change.changedPids,
        retired: change.retiredPids,
        generation: refreshed.generation,
        full: false,
      };
      for (const listener of this.listeners) await listener(summaryChange);
    },
  };

  /** Recomputes every person's summary, in batches. */
  async refreshAll(batchSize = 5000): Promise<RefreshStats> {
    const started = performance.now();
    const pids = (await this.db.readQuery<{ pid: number }>('rfm/active-pids')).map((r) => r.pid);
    for (let i = 0; i < pids.length; i += batchSize) {
      await this.db.writeQuery('rfm/refresh-persons', {
        pids: pids.slice(i, i + batchSize),
        now: new Date().toISOString(),
      });
    }
    this.reset();
    const all = await this.store.summaries();
    const [gen] = await this.db.readQuery<{ generation: number }>('segments/summary-generation');
    for (const listener of this.listeners) {
      await listener({
        fresh: all,
        changed: [...all.keys()],
        retired: [],
        generation: gen?.generation ?? 0,
        full: true,
      });
    }
    const view = await this.view(this.referenceDate());
    return {
      persons: pids.length,
      withRfm: view.entries.size,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /** Drops every cached summary and view (another process changed the graph). */
  reset(): void {
    this.store.reset();
    this.views.clear();
  }

  /** RFM of everyone as of a date: built from the summaries once, then kept current. */
  async view(asOf: string): Promise<RfmView> {
    const cached = this.views.get(asOf);
    if (cached) return cached;
    const summaries = await this.store.summaries();
    const view = new RfmView(asOf, summaries.values(), this.settings);
    if (this.views.size >= 8) this.views.delete(this.views.keys().next().value as string);
    this.views.set(asOf, view);
    return view;
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
