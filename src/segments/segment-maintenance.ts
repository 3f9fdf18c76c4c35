import type { Gateway } from '../neo4j/gateway.js';
import type { RfmService, SummaryChange } from '../rfm/rfm-service.js';
import { tagsOf } from '../rfm/tags.js';
import type { BitmapBasis, BitmapStore } from './bitmap-store.js';

export interface LoadOutcome {
  readonly rebuilt: boolean;
  readonly reason: string;
}

/**
 * Keeps the tag bitmaps for the reference as-of date current as summaries change (a retired
 * person leaves every bitmap): loaded, not rebuilt, at start when the stored copy is current,
 * rebuilt from the purchase summaries when it is not.
 */
export class SegmentMaintenance {
  private ready: Promise<LoadOutcome> | undefined;
  /** How the last start or check obtained the bitmaps. */
  lastLoad: LoadOutcome | undefined;

  constructor(
    private readonly db: Gateway,
    private readonly rfm: RfmService,
    private readonly store: BitmapStore,
  ) {
    rfm.onSummariesChanged((change) => this.apply(change));
  }

  /** Loads the stored bitmaps, or rebuilds them when they are missing or stale. Idempotent. */
  init(): Promise<LoadOutcome> {
    this.ready ??= this.load().then((r) => (this.lastLoad = r));
    return this.ready;
  }

  /**
   * Rebuilds when another process changed summaries (a CLI load) or the reference date
   * moved on. Cheap when nothing changed: one read.
   */
  async checkCurrent(): Promise<boolean> {
    await this.init();
    const stale =
      (await this.summaryGeneration()) !== this.store.generation ||
      this.store.asOf !== this.rfm.referenceDate();
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

  /** Recomputes every bitmap from the purchase summaries and stores them all. */
  async rebuild(): Promise<void> {
    const basis = this.basis(await this.summaryGeneration());
    const members = new Map<string, number[]>();
    for (const s of (await this.rfm.store.summaries()).values()) {
      for (const tag of tagsOf(s, basis.asOf, this.rfm.settings)?.tags ?? []) {
        const list = members.get(tag);
        if (list) list.push(s.pid);
        else members.set(tag, [s.pid]);
      }
    }
    await this.store.replace(members, basis);
  }

  /** Stores the bitmaps changed since they were last stored (at shutdown). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  private async load(): Promise<LoadOutcome> {
    const reason = await this.store.load(this.basis(await this.summaryGeneration()));
    if (reason === undefined) return { rebuilt: false, reason: 'loaded stored bitmaps' };
    await this.rebuild();
    return { rebuilt: true, reason };
  }

  private async apply(change: SummaryChange): Promise<void> {
    if (!this.ready) return; // not started: init() will compare generations
    await this.ready;
    const asOf = this.store.asOf;
    if (
      change.full ||
      change.generation !== this.store.generation + 1 ||
      asOf !== this.rfm.referenceDate()
    ) {
      this.rfm.reset();
      await this.rebuild();
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

  private async summaryGeneration(): Promise<number> {
    const [row] = await this.db.readQuery<{ generation: number }>('segments/summary-generation');
    return row?.generation ?? 0;
  }
}
