import type { Gateway, Tx } from '../neo4j/gateway.js';
import type { PurchaseSummary } from './summary.js';

/** Summaries recomputed by a write, and the feed sequence it committed under (0: none). */
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
  identifierTypes: string[];
  consents: string[];
  segmentLists: string[];
  level: string | null;
  gender: string | null;
  registerChannel: string | null;
  totalPoints: number | null;
  registerDate: string | null;
  birthday: string | null;
}

/** Persons per page when every summary is streamed (a few MiB of summaries at a time). */
const PAGE = 20_000;

/**
 * The purchase summaries kept on the Person nodes. Nothing is cached here: a process holds
 * what it derives from them (RFM views, bitmaps), never every person's purchase history.
 */
export class SummaryStore {
  constructor(private readonly db: Gateway) {}

  /** Every active person's summary, streamed page by page in pid order. */
  async *all(pageSize = PAGE): AsyncGenerator<PurchaseSummary[]> {
    let after = -1;
    for (;;) {
      const rows = await this.db.readQuery<SummaryRow>('rfm/load-summaries', {
        after,
        limit: pageSize,
      });
      if (rows.length === 0) return;
      yield rows.map(toSummary);
      if (rows.length < pageSize) return;
      after = (rows[rows.length - 1] as SummaryRow).pid;
    }
  }

  /** The current summaries of `pids` (no entry: retired). */
  async byPid(pids: readonly number[]): Promise<Map<number, PurchaseSummary>> {
    if (pids.length === 0) return new Map();
    const rows = await this.db.readQuery<SummaryRow>('rfm/summaries-by-pid', { pids });
    return new Map(rows.map((r) => [r.pid, toSummary(r)]));
  }

  /**
   * Recomputes the summaries of `changed` in the caller's transaction and records the change
   * in the feed; returns the new summaries with its sequence.
   */
  async refreshInTx(
    tx: Tx,
    changed: readonly number[],
    retired: readonly number[],
  ): Promise<Refreshed> {
    if (changed.length === 0 && retired.length === 0) return { fresh: new Map(), generation: 0 };
    const [row] = await tx.run<{ generation: number; summaries: SummaryRow[] }>(
      'rfm/refresh-persons',
      { pids: changed, retired, now: new Date().toISOString() },
    );
    return {
      fresh: new Map((row?.summaries ?? []).map((r) => [r.pid, toSummary(r)])),
      generation: row?.generation ?? 0,
    };
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
    identifierTypes: r.identifierTypes ?? [],
    consents: r.consents ?? [],
    segmentLists: r.segmentLists ?? [],
    profile: {
      level: r.level,
      gender: r.gender,
      registerChannel: r.registerChannel,
      totalPoints: r.totalPoints,
      registerDate: r.registerDate,
      birthday: r.birthday,
    },
  };
}
