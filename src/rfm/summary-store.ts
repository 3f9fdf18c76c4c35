import type { Gateway, Tx } from '../neo4j/gateway.js';
import type { PurchaseSummary } from './summary.js';

/** Summaries recomputed by a write, and the summary generation it produced (0: none). */
export interface Refreshed {
  readonly fresh: ReadonlyMap<number, PurchaseSummary>;
  readonly generation: number;
}

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
  private loading: Promise<unknown> | undefined;
  /** Changes applied while a load was reading: the load may have missed them. */
  private changedDuringLoad = false;

  constructor(private readonly db: Gateway) {}

  async summaries(): Promise<ReadonlyMap<number, PurchaseSummary>> {
    while (!this.all) await (this.loading ?? this.startLoad());
    return this.all;
  }

  /**
   * One full load shared by every reader. It is kept only if no change was applied while it
   * read; otherwise the readers wake up without `all` and the next one starts another load.
   */
  private startLoad(): Promise<unknown> {
    this.changedDuringLoad = false;
    this.loading = this.readAll().then(
      (rows) => {
        this.loading = undefined;
        if (!this.changedDuringLoad) this.all = new Map(rows.map((s) => [s.pid, s]));
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /**
   * Recomputes the summaries of `pids` in the caller's transaction and returns them (no
   * entry: no purchases) with the summary generation this refresh produced.
   */
  async refreshInTx(tx: Tx, pids: readonly number[]): Promise<Refreshed> {
    if (pids.length === 0) return { fresh: new Map(), generation: 0 };
    const [row] = await tx.run<{ generation: number; summaries: SummaryRow[] }>(
      'rfm/refresh-persons',
      {
        pids,
        now: new Date().toISOString(),
      },
    );
    return {
      fresh: new Map((row?.summaries ?? []).map((r) => [r.pid, toSummary(r)])),
      generation: row?.generation ?? 0,
    };
  }

  /** Applies committed summaries to the cache (when loaded). */
  apply(
    fresh: ReadonlyMap<number, PurchaseSummary>,
    changed: readonly number[],
    retired: readonly number[],
  ): void {
    if (this.all) {
      for (const pid of [...changed, ...retired]) this.all.delete(pid);
      for (const [pid, s] of fresh) this.all.set(pid, s);
    } else if (this.loading) {
      this.changedDuringLoad = true;
    }
  }

  /** Drops the cache: the next use reloads everything (after a full refresh). */
  reset(): void {
    this.all = undefined;
    if (this.loading) this.changedDuringLoad = true;
  }

  private async readAll(): Promise<PurchaseSummary[]> {
    const rows = await this.db.readQuery<SummaryRow>('rfm/load-summaries');
    return rows.map(toSummary);
  }
}

function toSummary(r: SummaryRow): PurchaseSummary {
  return {
    pid: r.pid,
    oneId: r.oneId,
    days: r.days,
    dayCents: r.dayCents,
    dayBought: r.dayBought,
    channels: r.channels ?? [],
    channelFirstDays: r.channelFirstDays ?? [],
    profile: { level: r.level, gender: r.gender, registerChannel: r.registerChannel },
  };
}
