import { SequenceNotReachedError } from '../errors.js';
import type { Gateway } from '../neo4j/gateway.js';
import type { SummaryStore } from './summary-store.js';
import type { PurchaseSummary } from './summary.js';

/** Persons changed under one or more feed sequences, as a cache applies them. */
export interface SummaryChange {
  /** Current summaries of the changed persons that have purchases. */
  readonly fresh: ReadonlyMap<number, PurchaseSummary>;
  readonly changed: readonly number[];
  readonly retired: readonly number[];
  /** The feed sequence the caches reach with this change. */
  readonly generation: number;
  /** True when the feed cannot be replayed (entries pruned): caches rebuild from the graph. */
  readonly full: boolean;
  /** Saved segments whose definitions changed (defined, redefined or deleted) with it. */
  readonly segments?: readonly string[];
}
export type SummariesChanged = (change: SummaryChange) => Promise<void>;

export interface FeedOptions {
  /** How often the graph's sequence is read when nothing wakes the follower, in ms. */
  readonly pollMs: number;
  /** Longest wait of `waitFor`, in ms. */
  readonly maxWaitMs: number;
  /** Feed entries older than this are pruned, in ms. */
  readonly retentionMs: number;
  /** Entries read per catch-up step. */
  readonly pageSize?: number;
}

interface FeedRow {
  changes: { seq: number; pids: number[]; retired: number[]; segments: string[] }[];
}

const PRUNE_EVERY_MS = 60_000;
/** Persons whose summaries are read and applied in one step of a catch-up. */
const STEP_PERSONS = 20_000;

/**
 * The change feed: every write that changes persons records them under the next sequence
 * number in its own transaction (rfm/refresh-persons), whichever process made it. This
 * follows it for one process: its caches (RFM views, segment bitmaps) are listeners that
 * apply each change person by person, and `sequence` says how far they are.
 *
 * Application is serial (one change at a time, in sequence order). A write of this process
 * is applied from what its transaction returned when it is the next sequence; otherwise the
 * follower reads the entries it missed and the changed persons' current summaries. Applying
 * a person's current state is idempotent, so reading a newer state than the entry's is safe.
 */
export class ChangeFeed {
  private applied = 0;
  private highestCommitted = 0;
  private following = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners: SummariesChanged[] = [];
  private readonly waiters = new Set<{ seq: number; wake: () => void }>();
  private timer: NodeJS.Timeout | undefined;
  private lastPrune = 0;
  /** A catch-up waiting for its turn (not started yet). */
  private queued: Promise<void> | undefined;
  /** Reads of the graph's sequence (the cost of following when nothing changes). */
  polls = 0;

  constructor(
    private readonly db: Gateway,
    private readonly summaries: SummaryStore,
    readonly options: FeedOptions,
  ) {}

  /** The sequence this process's caches have applied. */
  get sequence(): number {
    return this.applied;
  }

  /** The highest sequence this process committed itself (what a write returns). */
  get committed(): number {
    return this.highestCommitted;
  }

  onChange(listener: SummariesChanged): void {
    this.listeners.push(listener);
  }

  /** The graph's current sequence (one read). */
  async current(): Promise<number> {
    this.polls++;
    const [row] = await this.db.readQuery<{ generation: number }>('segments/summary-generation');
    return row?.generation ?? 0;
  }

  /**
   * Starts following from `sequence` (what the caches reflect): catches up at once, then
   * polls every `pollMs`. Without `poll` it only catches up when asked (a CLI run).
   */
  async follow(sequence: number, poll = true): Promise<void> {
    this.applied = sequence;
    this.following = true;
    await this.catchUp();
    if (poll && !this.timer) this.schedule();
  }

  stop(): void {
    this.following = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.waiters) w.wake();
  }

  /** A write of this process committed `change` (its sequence in `generation`). */
  committedChange(change: SummaryChange): Promise<void> {
    this.highestCommitted = Math.max(this.highestCommitted, change.generation);
    if (!this.following) return Promise.resolve();
    return this.exclusive(async () => {
      if (change.generation <= this.applied) return;
      if (change.generation === this.applied + 1) await this.apply(change);
      else await this.catchUpNow();
    });
  }

  /**
   * Drops every cache and starts again from the graph's sequence (after the graph was wiped
   * or restored: its sequence went back).
   */
  restart(): Promise<void> {
    return this.exclusive(async () => this.rebuildAt(await this.current()));
  }

  /**
   * Applies every entry after `sequence` (serially with every other change). Callers that
   * come while a catch-up waits its turn share it: a burst of requests with x-oneid-min-seq
   * costs one read of the feed, not one each.
   */
  catchUp(): Promise<void> {
    this.queued ??= this.exclusive(() => {
      this.queued = undefined;
      return this.catchUpNow();
    });
    return this.queued;
  }

  /**
   * Runs `work` between two changes: nothing is applied while it runs (a cache that was
   * built beside the feed catches up in here).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Resolves once this process has applied `seq`; after `maxWaitMs` (or `timeoutMs`) it
   * throws SEQUENCE_NOT_REACHED saying how far it is.
   */
  async waitFor(seq: number, timeoutMs = this.options.maxWaitMs): Promise<void> {
    if (this.applied >= seq) return;
    let waiter: { seq: number; wake: () => void } | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve) => {
        waiter = { seq, wake: resolve };
        this.waiters.add(waiter);
        timer = setTimeout(resolve, timeoutMs);
        void this.catchUp().catch(() => undefined);
      });
    } finally {
      clearTimeout(timer);
      if (waiter) this.waiters.delete(waiter);
    }
    if (this.applied < seq) {
      throw new SequenceNotReachedError(
        `This process has applied sequence ${this.applied}, not ${seq}, after ${timeoutMs} ms; retry.`,
        { sequence: this.applied, requested: seq },
      );
    }
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.catchUp()
        .then(() => this.pruneNow())
        .catch(() => undefined)
        .finally(() => {
          if (this.following) this.schedule();
        });
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async catchUpNow(): Promise<void> {
    if (!this.following) return;
    for (;;) {
      const sequence = await this.current();
      if (sequence === this.applied) return;
      if (sequence < this.applied) {
        // the graph went back (wiped or restored from a backup): start again from it
        await this.rebuildAt(sequence);
        return;
      }
      const [row] = await this.db.readQuery<FeedRow>('rfm/read-changes', {
        after: this.applied,
        limit: this.options.pageSize ?? 1000,
      });
      const changes = row?.changes ?? [];
      const next = changes[0];
      if (next === undefined || next.seq !== this.applied + 1) {
        // entries pruned or never written (a graph from before the feed): rebuild
        await this.rebuildAt(sequence);
        return;
      }
      // applied in steps of a bounded number of persons, never splitting an entry; a change
      // of segment definitions is a step of its own, after the persons changed before it
      let changed = new Set<number>();
      let retired = new Set<number>();
      for (const [i, c] of changes.entries()) {
        for (const pid of c.pids) changed.add(pid);
        for (const pid of c.retired) retired.add(pid);
        const next = changes[i + 1];
        const boundary = next === undefined || c.segments.length > 0 || next.segments.length > 0;
        if (!boundary && changed.size + retired.size < STEP_PERSONS) continue;
        await this.apply({
          fresh: await this.summaries.byPid([...changed]),
          changed: [...changed],
          retired: [...retired],
          generation: c.seq,
          full: false,
          segments: c.segments,
        });
        changed = new Set();
        retired = new Set();
      }
    }
  }

  /** A full change: every listener rebuilds from the graph as of `sequence`. */
  private rebuildAt(sequence: number): Promise<void> {
    return this.apply({
      fresh: new Map(),
      changed: [],
      retired: [],
      generation: sequence,
      full: true,
    });
  }

  private async apply(change: SummaryChange): Promise<void> {
    for (const listener of this.listeners) await listener(change);
    this.applied = change.generation;
    for (const w of this.waiters) if (w.seq <= this.applied) w.wake();
  }

  private async pruneNow(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.db.writeQuery('rfm/prune-changes', {
      before: new Date(now - this.options.retentionMs).toISOString(),
      limit: 10_000,
    });
  }
}
