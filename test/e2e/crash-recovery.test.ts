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

const DATA_PATH = ['shared', 'datasets', 'online-retail-ii', 'online_retail_II.csv.gz'];
/** shared/ beside the checkout, or beside the folder of a git worktree (wt/NAME). */
const DATASET_PLACES = [
  join(projectRoot, '..', ...DATA_PATH),
  join(projectRoot, '..', '..', ...DATA_PATH),
];
const DATASET = DATASET_PLACES.find((path) => existsSync(path)) ?? DATASET_PLACES[0];
const LINES = 120_000;

let db: Gateway;
let file: string;

/** The first LINES data lines of the real Online Retail II file, as plain CSV. */
async function slice(): Promise<string> {
  if (DATASET === undefined || !existsSync(DATASET))
    throw new Error(`The Online Retail II data set is missing: ${DATASET_PLACES.join(' or ')}`);
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
    // stderr is a pipe, not a terminal: no progress line and no periodic progress log
    expect(rerun.stderr).not.toMatch(/\r|load progress|rows\/s/);
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

  it('on a terminal, a load shows a progress line rewritten in place', async () => {
    // script(1) runs the command on a pseudo-terminal and copies what it writes to stdout
    const command = [process.execPath, join(projectRoot, 'bin', 'oneid.js'), 'load', 'retail', file]
      .map((arg) => `'${arg}'`)
      .join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: serviceEnv(),
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(
      /\r[^\r\n]*: [\d,]+ rows, [\d,]+ written, 0 rejected, [\d,]+ rows\/s, \d+ %, \d+:\d\d elapsed, ETA /,
    );
    expect(output).toContain('"loaded":0');
  });
});
