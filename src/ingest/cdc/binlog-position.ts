import type { Gateway } from '../../neo4j/gateway.js';

/** A resume point in the source's binlog: the start of the next transaction to read. */
export interface BinlogPosition {
  readonly file: string;
  readonly position: number;
}

/** The holding of the stream's lease that a position save is fenced by. */
export interface BinlogFence {
  /** Name of the (:Lease) node. */
  readonly lease: string;
  readonly holder: string;
  readonly token: number;
}

/** A position save refused: another replica holds the lease now (or it was released). */
export class LeaseLostError extends Error {
  constructor(lease: string) {
    super(`the ${lease} lease is held by another replica: position not saved`);
    this.name = 'LeaseLostError';
  }
}

/** The durable position of one CDC stream, kept in the graph as a (:StreamPosition) node. */
export class BinlogPositionStore {
  constructor(
    private readonly db: Gateway,
    /** Names the stream, e.g. "binlog:127.0.0.1:3306/crm.members". */
    readonly id: string,
  ) {}

  async load(): Promise<BinlogPosition | null> {
    const [row] = await this.db.readQuery<{ file: string; position: number }>(
      'ingest/load-binlog-position',
      { id: this.id },
    );
    return row ? { file: row.file, position: Number(row.position) } : null;
  }

  /**
   * Call only after the changes before `position` are written to the graph. Throws
   * LeaseLostError, saving nothing, when `fence` no longer holds the lease.
   */
  async save(position: BinlogPosition, fence: BinlogFence): Promise<void> {
    const rows = await this.db.writeQuery('ingest/save-binlog-position', {
      id: this.id,
      file: position.file,
      position: position.position,
      savedAt: new Date().toISOString(),
      ...fence,
    });
    if (rows.length === 0) throw new LeaseLostError(fence.lease);
  }
}
