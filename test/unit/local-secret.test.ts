import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { LocalMariaDb } from '../../src/local/mariadb.js';
import { LocalNeo4j } from '../../src/local/neo4j.js';
import { keptSecret, newSecret } from '../../src/local/secret.js';

const dir = mkdtempSync(join(tmpdir(), 'oneid-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local secrets', () => {
  it('a generated secret never begins with "-" (base64url draws it first one time in 64)', () => {
    const secrets = Array.from({ length: 2000 }, () => newSecret(18));
    expect(secrets.filter((s) => s.startsWith('-'))).toEqual([]);
    for (const s of secrets) expect(s).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{23}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it('the passwords of fresh Neo4j and MariaDB instances never begin with "-"', () => {
    const { neo4j } = loadConfig({});
    const passwords = Array.from({ length: 500 }, (_, i) => [
      new LocalNeo4j(dir, neo4j.local, `n${i}`).password(),
      new LocalMariaDb(
        dir,
        { port: 1, serverId: 1, user: 'u', database: 'd', table: 't' },
        `m${i}`,
      ).password(),
    ]).flat();
    expect(passwords.filter((p) => p.startsWith('-'))).toEqual([]);
  });

  it('a kept secret is generated once, private, and read back as stored (even with a leading "-")', () => {
    const file = join(dir, 'kept', 'password');
    const first = keptSecret(file, 18);
    expect(keptSecret(file, 18)).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const old = join(dir, 'old-password');
    writeFileSync(old, '-zXDAZp0Yq7tR2vWcK9sLm4\n');
    expect(keptSecret(old, 18)).toBe('-zXDAZp0Yq7tR2vWcK9sLm4');
  });
});
