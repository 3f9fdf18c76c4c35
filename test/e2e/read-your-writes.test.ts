import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbRfmByCustomer, type CustomerRfm } from '../../bench/lib/duckdb-rfm.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { projectRoot } from '../../src/paths.js';
import { freshDatabase } from '../support/db.js';
import {
  KEYS,
  runCli,
  serviceEnv,
  startService,
  type GraphqlAnswer,
  type RunningService,
} from '../support/service.js';

const DATA_PATH = ['shared', 'datasets', 'online-retail-ii', 'online_retail_II.csv.gz'];
/** shared/ beside the checkout, or beside the folder of a git worktree (wt/NAME). */
const DATASET =
  [join(projectRoot, '..', ...DATA_PATH), join(projectRoot, '..', '..', ...DATA_PATH)].find(
    (path) => existsSync(path),
  ) ?? join(projectRoot, '..', ...DATA_PATH);
const AS_OF = '2011-12-10';
const env = { ONEID_AS_OF: AS_OF, ONEID_LOAD_SEEDS: 'false' };

interface PersonRfm {
  identifiers: { type: string; value: string }[];
  rfm: { recencyDays: number; frequency: number; monetary: string } | null;
}

interface PeoplePage {
  people: { endCursor: string | null; hasNextPage: boolean; nodes: PersonRfm[] };
}
let db: Gateway;
let service: RunningService;
let expected: Map<string, CustomerRfm>;
/** The sequence `oneid load` reported. */
let sequence: number;

const cents = (decimal: string) => Math.round(Number(decimal) * 100);
const actual = (p: PersonRfm) =>
  p.rfm && {
    recencyDays: p.rfm.recencyDays,
    frequency: p.rfm.frequency,
    monetaryCents: cents(p.rfm.monetary),
  };

/** A reader's GraphQL request to the service (key and x-oneid-min-seq as given). */
function gql<T>(
  query: string,
  variables: Record<string, unknown>,
  minSeq?: number,
  key: string = KEYS.reader,
): Promise<GraphqlAnswer<T>> {
  return service.gql<T>(query, variables, key, minSeq);
}

beforeAll(async () => {
  if (!existsSync(DATASET)) throw new Error(`The Online Retail II data set is missing: ${DATASET}`);
  db = await freshDatabase();
  [service, expected] = await Promise.all([
    startService(14009, env),
    duckdbRfmByCustomer(DATASET, AS_OF),
  ]);
  // the whole file through the CLI, beside the running service
  const load = await runCli(['load', 'retail', DATASET], serviceEnv(env));
  expect(load.code).toBe(0);
  sequence = (JSON.parse(load.stdout.trim().split('\n').at(-1) as string) as { sequence: number })
    .sequence;
}, 600_000);
afterAll(async () => {
  await service?.stop();
  await db?.close();
});

describe('read your writes: a CLI load beside a running service (Online Retail II)', () => {
  it('the load reports the sequence it committed', () => {
    expect(sequence).toBeGreaterThan(0);
    expect(expected.size).toBeGreaterThan(5000);
  });

  it("every customer's RFM as of 2011-12-10 is exact at once, person by person, with no token", async () => {
    const customers = [...expected.keys()];
    const wrong: string[] = [];
    for (let i = 0; i < customers.length; i += 100) {
      const batch = customers.slice(i, i + 100);
      const { data, errors } = await gql<{ persons: (PersonRfm | null)[] }>(
        `query($ids: [IdentifierInput!]!) { persons(identifiers: $ids) {
           identifiers { type value } rfm(asOf: "${AS_OF}") { recencyDays frequency monetary } } }`,
        { ids: batch.map((value) => ({ type: 'customer_id', value })) },
      );
      expect(errors).toBeUndefined();
      for (const [j, person] of (data?.persons ?? []).entries()) {
        const id = batch[j] as string;
        if (!person || JSON.stringify(actual(person)) !== JSON.stringify(expected.get(id)))
          wrong.push(id);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('with the sequence as x-oneid-min-seq, the RFM list of everyone agrees at once', async () => {
    const query = `query($after: String) {
      people(asOf: "${AS_OF}", first: 200, orderBy: PID_ASC, after: $after) {
        endCursor hasNextPage totalCount
        nodes { identifiers { type value } rfm(asOf: "${AS_OF}") { recencyDays frequency monetary } }
      } }`;
    const seen = new Map<string, ReturnType<typeof actual>>();
    let after: string | null = null;
    let first = true;
    for (;;) {
      const page: GraphqlAnswer<PeoplePage> = await gql<PeoplePage>(
        query,
        { after },
        first ? sequence : undefined,
      );
      expect(page.errors).toBeUndefined();
      expect(page.status).toBe(200);
      if (first) expect(page.extensions?.sequence).toBeGreaterThanOrEqual(sequence);
      first = false;
      for (const p of page.data?.people.nodes ?? []) {
        for (const id of p.identifiers.filter((i) => i.type === 'customer_id'))
          seen.set(id.value, actual(p));
      }
      if (!page.data?.people.hasNextPage) break;
      after = page.data.people.endCursor;
    }
    expect(seen.size).toBe(expected.size);
    const wrong = [...expected].filter(
      ([id, rfm]) => JSON.stringify(seen.get(id)) !== JSON.stringify(rfm),
    );
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('refuses a malformed x-oneid-min-seq as BAD_USER_INPUT, and a sequence not reached as SEQUENCE_NOT_REACHED', async () => {
    const bad = await gql('{ __typename }', {}, -1 as number);
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'x-oneid-min-seq',
    });
    const started = Date.now();
    const ahead = await gql('{ __typename }', {}, sequence + 1_000_000);
    expect(ahead.status).toBe(503);
    expect(ahead.errors?.[0]?.extensions).toMatchObject({
      code: 'SEQUENCE_NOT_REACHED',
      requested: sequence + 1_000_000,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
  });

  it('a mutation returns the sequence it committed, and a read for it is answered at once', async () => {
    const created = await gql<{ resolveId: { oneId: string } }>(
      'mutation { resolveId(type: "device_id", value: "D-READ-YOUR-WRITES") { oneId } }',
      {},
      undefined,
      KEYS.service,
    );
    expect(created.errors).toBeUndefined();
    const written = created.extensions?.sequence as number;
    expect(written).toBeGreaterThan(sequence);
    const read = await gql<{ person: { oneId: string } | null }>(
      '{ person(identifier: { type: "device_id", value: "D-READ-YOUR-WRITES" }) { oneId } }',
      {},
      written,
    );
    expect(read.status).toBe(200);
    expect(read.data?.person?.oneId).toBe(created.data?.resolveId.oneId);
    expect(read.extensions?.sequence).toBeGreaterThanOrEqual(written);
  });
});
