import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';

/**
 * A fresh, empty cache folder (ONEID_CACHE_DIR) for servers that must not touch the shared
 * test instances. It links the jar folders of the checkout's cache (.cache/neo4j/<version>/lib,
 * .cache/kafka/<version>/lib, downloaded by the global setup), so no server is downloaded again.
 */
export function tempCacheDir(prefix = 'oneid-cache-'): string {
  const config = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const jars = [
    ['neo4j', config.neo4j.local.version],
    ['kafka', config.ingest.kafka.local.version],
  ] as const;
  for (const [server, version] of jars) {
    const shared = join(config.cacheDir, server, version, 'lib');
    if (!existsSync(join(shared, '.complete'))) continue;
    mkdirSync(join(dir, server, version), { recursive: true });
    symlinkSync(shared, join(dir, server, version, 'lib'));
  }
  return dir;
}
