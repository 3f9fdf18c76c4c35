import type { ReclusterResult } from '../recluster.js';

/**
 * What a load with deferred identity (`IdentityService.defer`) left to do: the identifier
 * keys whose clustering its writes may have changed (the seeds a per-batch re-clustering
 * would have used), and the persons whose derived data (RFM, bitmaps) its writes changed
 * without a re-clustering (purchases of identifiers that already had a person).
 */
export class DeferredIdentity {
  readonly seeds = new Set<string>();
  readonly changedPids = new Set<number>();
  readonly retiredPids = new Set<number>();
  /** Identifiers the load quarantined. */
  readonly quarantined = new Set<string>();
  /** Write transactions run while deferred. */
  batches = 0;

  addSeeds(keys: Iterable<string>): void {
    for (const k of keys) this.seeds.add(k);
  }

  addQuarantined(keys: Iterable<string>): void {
    for (const k of keys) this.quarantined.add(k);
  }

  addChange(change: ReclusterResult): void {
    this.batches++;
    for (const pid of change.changedPids) this.changedPids.add(pid);
    for (const pid of change.retiredPids) this.retiredPids.add(pid);
  }
}

export const NO_CHANGE: ReclusterResult = {
  changedPids: [],
  retiredPids: [],
  createdPids: [],
  conflicts: 0,
};
