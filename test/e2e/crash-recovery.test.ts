import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { projectRoot } from '../../src/paths.js';
import { groupPurchases, readRetailLines } from '../../src/purchases/index.js';
import { freshDatabase } from '../support/db.js';
import { runCli, serviceEnv } from '../support/service.js';

const DATASET = join(
  projectRoot,
  '..',
  'shared',
  'datasets',
  'online-retail-ii',
  'online_retail_II.csv.gz',
);
const LINES = 120_000;

let db: Gateway;
let file: string;

/** The first LINES data lines of the real Online Retail II file, as plain CSV. */
async function slice(): Promise<string> {
  if (!existsSync(DATASET))
    throw new Error(
      `The Online Retail II data set is missing: ${DATASET} (shared/ beside the checkout)`,
    );
  const out = join(mkdtempSync(join(tmpdir(), 'oneid-crash-')), 'retail-slice.csv');
  const write = createWriteStream(out);
  let n = 0;
  for await (const line of createInterface({
    input: createReadStream(DATASET).pipe(createGunzip()),
  })) {
    write.write(line + '\n');
    if (++n > LINES) break;
  }
  await new Promise((resolve) => write.end(resolve));
  return out;
}

async function graphCounts() {
  const [row] = await db.readQuery<{
    purchases: number;
    lines: number;
    customers: number;
    persons: number;
  }>('test/retail-counts');
  return row;
}

beforeAll(async () => {
  db = await freshDatabase();
  file = await slice();
});
afterAll(async () => {
  await db?.close();
});

describe('a load killed half way is repaired by running it again', () => {
  it('SIGKILL during a retail load, then a re-run: every line once', async () => {
    let expectedLines = 0;
    const customers = new Set<string>();
    for await (const batch of groupPurchases(readRetailLines(file))) {
      for (const p of batch.purchases) {
        expectedLines += p.lines.length;
        if (p.customerId) customers.add(p.customerId);
      }
    }

    const child = spawn(
      process.execPath,
      [join(projectRoot, 'bin', 'oneid.js'), 'load', 'retail', file],
      { env: serviceEnv(), cwd: projectRoot },
    );
    const closed = new Promise((resolve) => child.once('close', resolve));
    let killed = false;
    const deadline = Date.now() + 60_000;
    while (!killed && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
      const counts = await graphCounts();
      if ((counts?.lines ?? 0) > 0) {
        child.kill('SIGKILL');
        killed = true;
      }
    }
    await closed;
    expect(killed).toBe(true);
    const partial = await graphCounts();
    expect(partial?.lines).toBeLessThan(expectedLines);

    const rerun = await runCli(['load', 'retail', file]);
    expect(rerun.code, rerun.stderr).toBe(0);
    const full = await graphCounts();
    expect(full).toMatchObject({
      lines: expectedLines,
      customers: customers.size,
      persons: customers.size,
    });

    const again = await runCli(['load', 'retail', file]);
    expect(JSON.parse(again.stdout.trim())).toMatchObject({ loaded: 0 });
    expect(await graphCounts()).toEqual(full);
  });
});
