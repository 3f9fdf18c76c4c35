import type { Gateway } from '../neo4j/gateway.js';

export interface SourceStatsRecord {
  readonly source: string;
  readonly rows: number;
  readonly files: number;
  readonly rejected: number;
  readonly anonymous: number;
  readonly duplicates: number;
}

export function sourceStats(db: Gateway): Promise<SourceStatsRecord[]> {
  return db.readQuery<SourceStatsRecord>('ingest/source-stats');
}
