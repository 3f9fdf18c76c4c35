import { log } from '../log/logger.js';
import type { Gateway } from '../neo4j/gateway.js';
import type { RfmService } from '../rfm/rfm-service.js';
import type { BitmapStore } from './bitmap-store.js';
import { evaluate } from './evaluate.js';
import { parseExpression } from './expression/parser.js';
import {
  contentOf,
  pruneVersions,
  readVersions,
  sameContent,
  writeVersion,
  type PackageContent,
  type PackageVersion,
} from './package-version.js';
import type { SegmentMaintenance } from './segment-maintenance.js';

export interface LivePackageOptions {
  /** Versions older than this are pruned (each package's latest is kept), in ms. */
  readonly retentionMs: number;
  /** Shortest time between two evaluations of the live packages after changes, in ms. */
  readonly coalesceMs?: number;
}

interface LiveRow {
  id: string;
  expression: string;
  refreshEveryMinutes: number | null;
  version: number;
  sequence: number;
}

/** What one evaluation of a package did. */
export type Outcome = 'written' | 'unchanged' | 'behind' | 'conflict';

/**
 * Keeps live audience packages current in this process: after the bitmaps follow a feed
 * change (its listener is registered after the segment maintenance's), every live package is
 * evaluated again, at most once per `coalesceMs` however many changes come, and a package
 * with `refreshEveryMinutes` also on that schedule (the reference date moves). An evaluation
 * whose members or consented members differ from the latest version stores the next version
 * by compare-and-set, so that replicas evaluating the same package never store a version
 * twice, nor one of an older feed sequence.
 */
export class LivePackages {
  /** The latest version each package was seen at, decoded (read again when it moved on). */
  private readonly latest = new Map<string, PackageVersion>();
  private readonly refreshedAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private schedule: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private pending = false;
  private lastRound = 0;
  private stopped = false;
  /** Evaluation rounds run after feed changes (each evaluates every live package once). */
  rounds = 0;
  /** Evaluations by outcome since start (for the bench and tests). */
  readonly outcomes: Record<Outcome, number> = {
    written: 0,
    unchanged: 0,
    behind: 0,
    conflict: 0,
  };

  constructor(
    private readonly db: Gateway,
    private readonly rfm: RfmService,
    private readonly store: BitmapStore,
    private readonly maintenance: SegmentMaintenance,
    private readonly options: LivePackageOptions,
  ) {
    rfm.feed.onChange(() => {
      this.changed();
      return Promise.resolve();
    });
  }

  /** Starts the schedules: refreshes and pruning, checked every `everyMs`. */
  start(everyMs = 60_000): void {
    this.stopped = false;
    if (this.schedule) return;
    this.schedule = setInterval(() => {
      this.tick().catch((err: unknown) => log.error({ err }, 'Live package schedule failed'));
    }, everyMs);
    this.schedule.unref();
  }

  /** Stops evaluating; resolves once a running evaluation ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.schedule);
    clearTimeout(this.timer);
    this.schedule = this.timer = undefined;
    await this.running;
  }

  /** Resolves when no evaluation is running or waiting. */
  async settled(): Promise<void> {
    while (this.running || this.timer) {
      await this.running;
      if (this.timer) await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Evaluates every live package now (or those in `ids`); the outcome of each. */
  async evaluateAll(ids?: readonly string[]): Promise<Map<string, Outcome>> {
    await this.maintenance.init();
    const rows = await this.db.readQuery<LiveRow>('segments/live-packages');
    const outcomes = new Map<string, Outcome>();
    for (const row of rows) {
      if (ids && !ids.includes(row.id)) continue;
      const outcome = await this.evaluate(row);
      this.outcomes[outcome]++;
      outcomes.set(row.id, outcome);
    }
    return outcomes;
  }

  /** Deletes the versions past retention (each package's latest is kept). */
  prune(now = new Date()): Promise<number> {
    return pruneVersions(this.db, new Date(now.getTime() - this.options.retentionMs));
  }

  /** A feed change was applied: evaluate soon, coalesced. */
  private changed(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastRound + (this.options.coalesceMs ?? 1000) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.round().finally(() => {
        this.running = undefined;
        if (this.pending) {
          this.pending = false;
          this.changed();
        }
      });
    }, wait);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    this.lastRound = Date.now();
    this.rounds++;
    try {
      await this.evaluateAll();
    } catch (err) {
      if (!this.stopped) log.error({ err }, 'Evaluating live audience packages failed');
    }
  }

  /** Scheduled: packages due a refresh (after a date check), then pruning. */
  private async tick(): Promise<void> {
    const rows = await this.db.readQuery<LiveRow>('segments/live-packages');
    const now = Date.now();
    const due = rows.filter(
      (r) =>
        r.refreshEveryMinutes !== null &&
        now - (this.refreshedAt.get(r.id) ?? 0) >= r.refreshEveryMinutes * 60_000,
    );
    if (due.length > 0) {
      await this.maintenance.checkDate();
      for (const r of due) this.refreshedAt.set(r.id, now);
      await this.evaluateAll(due.map((r) => r.id));
    }
    await this.prune();
  }

  private async evaluate(row: LiveRow): Promise<Outcome> {
    let latest = this.latest.get(row.id);
    if (latest?.version !== row.version) {
      latest = (await readVersions(this.db, row.id, 0))?.latest ?? undefined;
      if (latest) this.latest.set(row.id, latest);
    }
    const content = await this.contentNow(row.expression);
    if (content.sequence < row.sequence) return 'behind';
    if (latest && latest.version === row.version && sameContent(latest, content))
      return 'unchanged';
    const version = await writeVersion(this.db, row.id, row.version, content);
    if (version === undefined) return 'conflict';
    this.latest.set(row.id, { ...content, version, at: new Date().toISOString() });
    return 'written';
  }

  /** The package's content from the bitmaps between two feed changes. */
  private contentNow(expression: string): Promise<PackageContent> {
    const ast = parseExpression(expression);
    return this.rfm.feed.exclusive(() => {
      const catalog = this.store.catalog();
      const members = evaluate(ast, catalog.lookup, catalog.names);
      return Promise.resolve(
        contentOf(members, catalog, this.rfm.feed.sequence, this.store.asOf ?? ''),
      );
    });
  }
}
