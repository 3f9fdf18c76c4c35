import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { IngestConfig } from '../config.js';

let generated: string | undefined;

/**
 * This process's name among the replicas on one graph: ONEID_REPLICA_ID, else
 * `host:pid:random`, made once per process (a restarted process is a new holder).
 */
export function replicaName(config: IngestConfig): string {
  generated ??= `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  return config.replicaId ?? generated;
}
