import type { Connection } from 'mysql2/promise';
import type { BinlogPosition } from './binlog-position.js';

export interface SnapshotSource {
  readonly database: string;
  readonly table: string;
  readonly pageSize: number;
}

/**
 * Reads the whole table as of one binlog position, page by page in primary-key order,
 * inside one consistent-snapshot transaction. `position` is where the binlog continues
 * after the snapshot: nothing before it is missing, nothing after it is included.
 * MariaDB reports that position with the snapshot; MySQL needs a brief global read lock
 * (RELOAD privilege) to take it.
 */
export async function readSnapshot(
  conn: Connection,
  source: SnapshotSource,
  onPage: (rows: Record<string, unknown>[]) => Promise<void>,
): Promise<BinlogPosition> {
  const position = await beginSnapshot(conn);
  try {
    const table = `${conn.escapeId(source.database)}.${conn.escapeId(source.table)}`;
    let after: unknown = null;
    for (;;) {
      const [rows] = await conn.query(
        `SELECT * FROM ${table} ${after === null ? '' : 'WHERE member_id > ?'} ORDER BY member_id LIMIT ?`,
        after === null ? [source.pageSize] : [after, source.pageSize],
      );
      const page = rows as Record<string, unknown>[];
      if (page.length > 0) await onPage(page);
      if (page.length < source.pageSize) break;
      after = page[page.length - 1]?.member_id;
    }
    await conn.query('COMMIT');
    return position;
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function beginSnapshot(conn: Connection): Promise<BinlogPosition> {
  const [[version]] = (await conn.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
  if (/mariadb/i.test(version.v)) {
    await conn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
    const [rows] = await conn.query("SHOW STATUS LIKE 'binlog_snapshot_%'");
    const status = new Map(
      (rows as { Variable_name: string; Value: string }[]).map((r) => [
        r.Variable_name.toLowerCase(),
        r.Value,
      ]),
    );
    return toPosition(status.get('binlog_snapshot_file'), status.get('binlog_snapshot_position'));
  }
  await conn.query('FLUSH TABLES WITH READ LOCK');
  try {
    await conn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
    const [rows] = await conn.query(
      /^8\.[4-9]|^9\./.test(version.v) ? 'SHOW BINARY LOG STATUS' : 'SHOW MASTER STATUS',
    );
    const [row] = rows as { File?: string; Position?: number }[];
    return toPosition(row?.File, row?.Position);
  } finally {
    await conn.query('UNLOCK TABLES');
  }
}

function toPosition(
  file: string | undefined,
  position: string | number | undefined,
): BinlogPosition {
  if (!file || position === undefined)
    throw new Error('the source has no binlog: enable log_bin (with binlog_format=ROW)');
  return { file, position: Number(position) };
}
