import type { Gateway } from '../neo4j/gateway.js';
import type { PurchaseSummary } from './summary.js';

interface SummaryRow {
  pid: number;
  oneId: string;
  days: string[];
  dayCents: number[];
  dayBought: boolean[];
  channels: string[];
  channelFirstDays: string[];
  level: string | null;
  gender: string | null;
  registerChannel: string | null;
}

/**
 * The purchase summaries of all persons, loaded from the graph on first use and kept
 * current by `refresh` (after purchases arrive or persons merge and split).
 */
export class SummaryStore {
  private all: Map<number, PurchaseSummary> | undefined;
  private loading: Promise<Map<number, PurchaseSummary>> | undefined;
  /** Bumped on every change; views built from an older version are stale. */
  version = 0;

  constructor(private readonly db: Gateway) {}

  async summaries(): Promise<ReadonlyMap<number, PurchaseSummary>> {
    if (this.all) return this.all;
    this.loading ??= this.read(null).then((rows) => {
      this.all = new Map(rows.map((s) => [s.pid, s]));
      this.version++;
      return this.all;
    });
    return this.loading;
  }

  get loaded(): boolean {
    return this.all !== undefined;
  }

  /**
   * Recomputes the summaries of `pids` in the graph and returns them (no entry: no
   * purchases) with the summary generation this refresh produced (0 when nothing ran).
   */
  async refresh(
    pids: readonly number[],
    retired: readonly number[],
  ): Promise<{ fresh: Map<number, PurchaseSummary>; generation: number }> {
    const fresh = new Map<number, PurchaseSummary>();
    let generation = 0;
    if (pids.length > 0) {
      const [row] = await this.db.writeQuery<{ generation: number }>('rfm/refresh-persons', {
        pids,
        now: new Date().toISOString(),
      });
      generation = row?.generation ?? 0;
      for (const s of await this.read(pids)) fresh.set(s.pid, s);
    }
    if (this.all) {
      for (const pid of [...pids, ...retired]) this.all.delete(pid);
      for (const [pid, s] of fresh) this.all.set(pid, s);
    }
    this.version++;
    return { fresh, generation };
  }

  /** Drops the cache: the next use reloads everything (after a full refresh). */
  reset(): void {
    this.all = undefined;
    this.loading = undefined;
    this.version++;
  }

  async read(pids: readonly number[] | null): Promise<PurchaseSummary[]> {
    const rows = await this.db.readQuery<SummaryRow>('rfm/load-summaries', { pids });
    return rows.map((r) => ({
      pid: r.pid,
      oneId: r.oneId,
      days: r.days,
      dayCents: r.dayCents,
      dayBought: r.dayBought,
      channels: r.channels ?? [],
      channelFirstDays: r.channelFirstDays ?? [],
      profile: { level: r.level, gender: r.gender, registerChannel: r.registerChannel },
    }));
  }
}
