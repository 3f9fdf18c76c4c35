import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, Role } from '../config.js';
import { roles } from '../config.js';

export interface ApiKeys {
  /** key → role */
  readonly byKey: ReadonlyMap<string, Role>;
  /** Set when the keys were generated locally (printed at start so the user can use them). */
  readonly generated: Readonly<Record<Role, string>> | undefined;
  readonly file: string | undefined;
}

/**
 * ONEID_API_KEYS when set; otherwise one key per role generated at the first start and kept
 * in the cache folder (mode 600), a safe default for a service bound to loopback.
 */
export function loadApiKeys(config: Config): ApiKeys {
  if (config.apiKeys) return { byKey: config.apiKeys, generated: undefined, file: undefined };
  const file = join(config.cacheDir, 'api-keys.json');
  if (!existsSync(file)) {
    mkdirSync(config.cacheDir, { recursive: true });
    const keys = Object.fromEntries(
      roles.map((r) => [r, `oneid_${r}_${randomBytes(18).toString('base64url')}`]),
    );
    writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  }
  const keys = JSON.parse(readFileSync(file, 'utf8')) as Record<Role, string>;
  return { byKey: new Map(roles.map((r) => [keys[r], r])), generated: keys, file };
}

/** The role of the key in `x-api-key` or `Authorization: Bearer`, or undefined. */
export function roleOf(
  headers: Record<string, string | string[] | undefined>,
  keys: ApiKeys,
): Role | undefined {
  const header = headers['x-api-key'];
  const auth = headers.authorization;
  const key =
    typeof header === 'string'
      ? header
      : typeof auth === 'string' && auth.startsWith('Bearer ')
        ? auth.slice(7)
        : undefined;
  return key === undefined ? undefined : keys.byKey.get(key.trim());
}
