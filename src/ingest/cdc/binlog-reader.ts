import ZongJi, { type AnyBinlogEvent, type ZongJiOptions } from '@vlasky/zongji';
import type { ConnectionOptions } from 'mysql2';
import type { BinlogPosition } from './binlog-position.js';
import { updateChanges, type MemberChange } from './member-change.js';

/** The changes of one committed source transaction to the followed table. */
export interface BinlogTransaction {
  readonly changes: readonly MemberChange[];
  /** Where the next transaction starts: the resume point once this one is written. */
  readonly position: BinlogPosition;
  /** Commit time at the source, epoch ms (second precision). */
  readonly committedAt: number;
}

export interface BinlogReaderOptions {
  readonly connection: ConnectionOptions;
  readonly serverId: number;
  readonly database: string;
  readonly table: string;
  readonly from: BinlogPosition;
  readonly onTransaction: (tx: BinlogTransaction) => void;
  /** The connection failed or closed; the reader is of no further use. */
  readonly onError: (error: Error) => void;
}

/**
 * Follows the binlog from a position and hands over committed transactions in order, with
 * their row changes to one table (possibly none: the position still moves on).
 */
export class BinlogReader {
  private readonly zongji: ZongJi;
  private changes: MemberChange[] = [];
  private stopped = false;

  constructor(private readonly opts: BinlogReaderOptions) {
    // Strings for DATE / DATETIME, as the CSV carries them; no time-zone conversion.
    this.zongji = new ZongJi({ ...opts.connection, dateStrings: true });
    this.zongji.on('binlog', (event: AnyBinlogEvent) => this.onEvent(event));
    this.zongji.on('error', (error: Error) => {
      if (!this.stopped) opts.onError(error);
    });
    this.zongji.on('stopped', () => {
      if (!this.stopped) opts.onError(new Error('the binlog connection closed'));
    });
  }

  start(): void {
    const { from, serverId, database, table } = this.opts;
    const options: ZongJiOptions = {
      serverId,
      filename: from.file,
      position: from.position,
      includeEvents: ['tablemap', 'writerows', 'updaterows', 'deleterows', 'xid', 'query'],
      includeSchema: { [database]: [table] },
    };
    this.zongji.start(options);
  }

  /** Pauses / resumes reading from the server (back-pressure). */
  pause(): void {
    this.zongji.connection?.pause();
  }

  resume(): void {
    this.zongji.connection?.resume();
  }

  stop(): void {
    this.stopped = true;
    this.zongji.stop();
  }

  private onEvent(event: AnyBinlogEvent): void {
    switch (event.getEventName()) {
      case 'writerows':
        for (const row of (event as Extract<AnyBinlogEvent, { getEventName(): 'writerows' }>).rows)
          this.changes.push({ kind: 'upsert', row });
        break;
      case 'updaterows':
        for (const { before, after } of (
          event as Extract<AnyBinlogEvent, { getEventName(): 'updaterows' }>
        ).rows)
          this.changes.push(...updateChanges(before, after));
        break;
      case 'deleterows':
        for (const row of (event as Extract<AnyBinlogEvent, { getEventName(): 'deleterows' }>).rows)
          this.changes.push({ kind: 'delete', row });
        break;
      case 'xid':
        this.commit(event.timestamp);
        break;
      case 'query': {
        const sql = (event as Extract<AnyBinlogEvent, { getEventName(): 'query' }>).query
          .trim()
          .toUpperCase();
        if (sql === 'COMMIT') this.commit(event.timestamp);
        break;
      }
    }
  }

  /** zongji's options hold a safe resume point, moved at transaction boundaries only. */
  private commit(timestamp: number): void {
    const { filename, position } = this.zongji.options;
    if (filename === undefined || position === undefined) return;
    const changes = this.changes;
    this.changes = [];
    this.opts.onTransaction({
      changes,
      position: { file: filename, position },
      committedAt: timestamp,
    });
  }
}
