import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `bytes` random bytes in base64url that never begin with "-": such a value on a command
 * line reads as an option (base64url draws "-" first one time in 64). Kafka's own cluster
 * ids avoid a leading "-" the same way.
 */
export function newSecret(bytes: number): string {
  for (;;) {
    const secret = randomBytes(bytes).toString('base64url');
    if (!secret.startsWith('-')) return secret;
  }
}

/**
 * The secret kept in `file` (mode 600), generated on first use. A value written by an older
 * version may still begin with "-": callers pass secrets so that no value reads as an option.
 */
export function keptSecret(file: string, bytes: number): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, newSecret(bytes) + '\n', { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
