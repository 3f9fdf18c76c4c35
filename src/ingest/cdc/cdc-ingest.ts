import { createConnection } from 'mysql2/promise';
import type { ConnectionOptions } from 'mysql2';
import type { CdcIngestConfig } from '../../config.js';
import { upsertMembers } from '../../crm/member-writer.js';
import { normalizeMemberIds } from '../../crm/member-identifiers.js';
import { parseMember } from '../../crm/member.js';
import type { IdentityService } from '../../identity/identity-service.js';
import { BatchQueue } from '../batch-queue.js';
import { RowRejected } from '../../rows/row-error.js';
import { untimed, type BatchTimer } from '../batch-timer.js';
import { SupervisedStream } from '../supervised-stream.js';
import { Lease } from '../lease/lease.js';
import { LeaseHolding, waitForLease } from '../lease/lease-holding.js';
import { applyMemberChanges } from './apply-changes.js';
import {
  BinlogPositionStore,
  LeaseLostError,
  type BinlogFence,
  type BinlogPosition,
} from './binlog-position.js';
import { BinlogReader, type BinlogTransaction } from './binlog-reader.js';
import { readSnapshot } from './snapshot.js';

export interface CdcIngestOptions {
  readonly identity: IdentityService;
  readonly settings: CdcIngestConfig;
  /** Where the source runs and how to log in (the configured server, or the local one). */
  readonly source: {
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly password: string;
  };
  readonly maxBackoffMs: number;
  /** This process among the replicas: its name as the holder of the binlog lease. */
  readonly replicaId: string;
  readonly log?: (line: string) => void;
  /** Times each batch's graph write (`source` "cdc", "cdc_snapshot" for snapshot pages). */
  readonly metrics?: BatchTimer;
}

/** A position-only save (no changes since the last) is written at most this often. */
const IDLE_SAVE_MS = 5_000;

/**
 * CRM member changes from the MySQL / MariaDB binlog into the graph. Without a saved
 * position it first copies the table (consistent snapshot); then it follows the binlog,
 * writing committed transactions in order and recording the position after each write.
 * After a restart it resumes from that position; replayed changes are idempotent.
 *
 * Of several replicas on one graph only the holder of the stream's lease (kept in Neo4j)
 * follows the binlog; the others stand by and take over when it expires or is released.
 * Position saves are fenced by the lease: a former holder that stalled past its TTL cannot
 * move the position back. Its late member writes are harmless: they are idempotent and an
 * older `updated_at` never overwrites a newer one.
 */
export class CdcIngest extends SupervisedStream {
  private readonly positions: BinlogPositionStore;
  private readonly lease: Lease;
  private readonly metrics: BatchTimer;

  constructor(private readonly opts: CdcIngestOptions) {
    super('cdc', opts.maxBackoffMs, opts.log);
    this.metrics = opts.metrics ?? untimed;
    const { host, port } = opts.source;
    this.positions = new BinlogPositionStore(
      opts.identity.db,
      `binlog:${host}:${port}/${opts.settings.database}.${opts.settings.table}`,
    );
    this.lease = new Lease(
      opts.identity.db,
      this.positions.id,
      opts.replicaId,
      opts.settings.lease,
    );
  }

  private connection(): ConnectionOptions {
    const { host, port, user, password } = this.opts.source;
    return { host, port, user, password, dateStrings: true, connectTimeout: 10_000 };
  }

  /**
   * Stands by until this replica holds the lease, then follows the binlog until failure,
   * `signal` (the lease is released) or the loss of the lease (back to standby).
   */
  protected async session(signal: AbortSignal): Promise<void> {
    const token = await waitForLease(this.lease, signal, (holder) => {
      if (this.stats.state !== 'standby' || this.stats.leaseHolder !== holder)
        this.log(`[cdc] standby: the binlog lease is held by ${holder}`);
      this.stats.state = 'standby';
      this.stats.leaseHolder = holder;
    });
    if (token === undefined) return;
    this.stats.leaseHolder = this.lease.holder;
    this.log(`[cdc] took the binlog lease as ${this.lease.holder} (token ${token})`);
    const holding = new LeaseHolding(this.lease, token, this.log);
    try {
      await this.follow(AbortSignal.any([signal, holding.lost]), {
        lease: this.lease.name,
        holder: this.lease.holder,
        token,
      });
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      this.log(`[cdc] ${error.message}`);
    } finally {
      if (signal.aborted) await holding.release();
      else holding.stop();
    }
  }

  /** One binlog connection: snapshot if needed, then follow until failure or `signal`. */
  private async follow(signal: AbortSignal, fence: BinlogFence): Promise<void> {
    const { settings } = this.opts;
    const from = (await this.positions.load()) ?? (await this.snapshot(fence));
    const queue = new BatchQueue<BinlogTransaction>();
    let failure: Error | undefined;
    let paused = false;
    const reader = new BinlogReader({
      connection: this.connection(),
      serverId: settings.serverId,
      database: settings.database,
      table: settings.table,
      from,
      onTransaction: (tx) => {
        queue.push(tx);
        if (!paused && queue.length >= 10_000) {
          paused = true;
          reader.pause();
        }
      },
      onError: (error) => {
        failure ??= error;
        queue.close();
      },
    });
    const onAbort = () => queue.close();
    signal.addEventListener('abort', onAbort);
    let inFlight: BinlogTransaction | undefined;
    const lagTimer = setInterval(
      () => (this.stats.secondsBehind = secondsBehind(inFlight ?? queue.peek())),
      1_000,
    );
    let saved = from;
    let savedAt = Date.now();
    try {
      reader.start();
      this.stats.state = 'running';
      this.log(
        `[cdc] following ${settings.database}.${settings.table} on ${this.opts.source.host}:${this.opts.source.port} from ${from.file}:${from.position}`,
      );
      while (!signal.aborted && failure === undefined) {
        const batch = await queue.take(settings.batchSize, 20);
        if (batch.length === 0 || signal.aborted || failure !== undefined) break;
        if (paused && queue.length < 1_000) {
          paused = false;
          reader.resume();
        }
        inFlight = batch[0];
        this.stats.secondsBehind = secondsBehind(inFlight);
        const changes = batch.flatMap((tx) => tx.changes);
        const last = (batch[batch.length - 1] as BinlogTransaction).position;
        if (changes.length > 0 || Date.now() - savedAt >= IDLE_SAVE_MS) {
          const apply = () => applyMemberChanges(this.opts.identity, changes);
          // a position-only save is not a batch
          const result = await (changes.length > 0
            ? this.metrics.timeBatch('cdc', apply)
            : apply());
          for (const r of result.rejected)
            this.log(`[cdc] rejected member ${String(r.row.member_id)}: ${r.reason}`);
          await this.positions.save(last, fence);
          saved = last;
          savedAt = Date.now();
          this.stats.wrote(result.written, result.rejected.length);
        }
        inFlight = undefined;
        this.stats.secondsBehind = secondsBehind(queue.peek());
      }
      if (failure !== undefined && !signal.aborted) throw failure;
    } finally {
      signal.removeEventListener('abort', onAbort);
      clearInterval(lagTimer);
      reader.stop();
      if (signal.aborted) this.log(`[cdc] stopped at ${saved.file}:${saved.position}`);
    }
  }

  /** Copies the whole table into the graph and records the binlog position it is consistent with. */
  private async snapshot(fence: BinlogFence): Promise<BinlogPosition> {
    const { settings } = this.opts;
    this.log(`[cdc] no saved position: snapshot of ${settings.database}.${settings.table}`);
    const conn = await createConnection(this.connection());
    try {
      let rows = 0;
      const position = await readSnapshot(
        conn,
        { database: settings.database, table: settings.table, pageSize: settings.batchSize },
        async (page) => {
          const members = page.flatMap((row) => {
            try {
              return [normalizeMemberIds(this.opts.identity, parseMember(row))];
            } catch (error) {
              if (!(error instanceof RowRejected)) throw error;
              this.log(
                `[cdc] snapshot: rejected member ${String(row.member_id)}: ${(error as Error).message}`,
              );
              return [];
            }
          });
          // the table as of now: on an equal updated_at it is the later version
          if (members.length > 0)
            await this.metrics.timeBatch('cdc_snapshot', () =>
              upsertMembers(this.opts.identity, members, { ties: 'replace' }),
            );
          rows += members.length;
          this.stats.wrote(members.length, page.length - members.length);
        },
      );
      await this.positions.save(position, fence);
      this.log(
        `[cdc] snapshot done: ${rows} members, binlog from ${position.file}:${position.position}`,
      );
      return position;
    } finally {
      await conn.end().catch(() => undefined);
    }
  }
}

function secondsBehind(oldest: BinlogTransaction | undefined): number {
  return oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest.committedAt) / 1000);
}
