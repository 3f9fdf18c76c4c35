import type { SummaryChange } from '../rfm/change-feed.js';
import type { RfmService } from '../rfm/rfm-service.js';
import { tagsOf } from '../rfm/tags.js';
import type { BitmapBasis, BitmapStore } from './bitmap-store.js';

export interface LoadOutcome {
  readonly rebuilt: boolean;
  readonly reason: string;
}

/**
 * Keeps the tag bitmaps for the reference as-of date current from the change feed, person by
 * person (a retired person leaves every bitmap). At start the stored copy is loaded and the
 * feed replayed from its sequence; they are rebuilt from the summaries, streamed from the
 * graph, only when there is no usable copy, the feed cannot be replayed, or the reference
 * date moved.
 */
export class SegmentMaintenance {
  private ready: Promise<LoadOutcome> | undefined;
  /** How the last start or check obtained the bitmaps. */
  lastLoad: LoadOutcome | undefined;

  constructor(
    private readonly rfm: RfmService,
    private readonly store: BitmapStore,
  ) {
    rfm.feed.onChange((change) => this.apply(change));
  }

  /**
   * Loads (or rebuilds) the bitmaps and starts following the feed: polling it when `poll`
   * (a service), else only catching up when asked (a CLI run). Idempotent.
   */
  init(poll = false): Promise<LoadOutcome> {
    this.ready ??= this.load(poll).then((r) => (this.lastLoad = r));
    return this.ready;
  }

  /** Rebuilds when the reference date moved on (no read otherwise). */
  async checkDate(): Promise<boolean> {
    await this.init();
    if (this.store.asOf === this.rfm.referenceDate()) return false;
    await this.rebuild();
    this.lastLoad = { rebuilt: true, reason: 'the reference date moved' };
    return true;
  }

  /** Recomputes every bitmap from the summaries, between two changes of the feed. */
  rebuild(): Promise<void> {
    return this.rfm.feed.exclusive(() => this.rebuildAt(this.rfm.feed.sequence));
  }

  /** Stores the bitmaps changed since they were last stored (at shutdown). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  private async load(poll: boolean): Promise<LoadOutcome> {
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
    }
    await this.rfm.feed.follow(this.store.generation, poll);
    return outcome;
  }

  /**
   * Streams every summary and replaces the bitmaps by what it gives, as of feed `sequence`
   * (changes after it are applied again later: applying a person's state is idempotent).
   */
  private async rebuildAt(sequence: number): Promise<void> {
    const basis = this.basis(sequence);
    const members = new Map<string, number[]>();
    for await (const page of this.rfm.store.all()) {
      for (const s of page) {
        for (const tag of tagsOf(s, basis.asOf, this.rfm.settings)?.tags ?? []) {
          const list = members.get(tag);
          if (list) list.push(s.pid);
          else members.set(tag, [s.pid]);
        }
      }
    }
    await this.store.replace(members, basis);
  }

  /** A change from the feed (runs between two others, never beside a rebuild). */
  private async apply(change: SummaryChange): Promise<void> {
    const asOf = this.store.asOf;
    if (change.full || asOf !== this.rfm.referenceDate()) {
      await this.rebuildAt(change.generation);
      return;
    }
    for (const pid of [...change.changed, ...change.retired]) this.store.remove(pid);
    for (const [pid, s] of change.fresh) {
      for (const tag of tagsOf(s, asOf, this.rfm.settings)?.tags ?? []) this.store.add(tag, pid);
    }
    this.store.commit(change.generation);
  }

  private basis(generation: number): BitmapBasis {
    return {
      asOf: this.rfm.referenceDate(),
      generation,
      settings: JSON.stringify(this.rfm.settings),
    };
  }
}
