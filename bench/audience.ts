/**
 * Issue 6: audiences over a synthetic population in the real Neo4j.
 * - `audience` count over GraphQL at concurrency 8, side by side with `{ __typename }`;
 * - export of a package of every person as CSV over HTTP (rows per second).
 * Usage: npm run bench -- audience [--persons 1000000]
 */
import { countLines, graphql } from './lib/http.js';
import { compareWorkloads, relative } from './lib/load.js';
import { progress } from './lib/log.js';
import { API_KEYS, AS_OF } from './lib/neo4j.js';
import { runBench } from './lib/run.js';
import { startServer } from './lib/server.js';
import { median, round } from './lib/stats.js';

const EXPRESSION = '("At Risk" AND "High Value") ANDNOT channel_miniapp';

runBench(async (env, args) => {
  const persons = args.number('persons', 1_000_000);
  const { app, raw } = env;

  let t0 = performance.now();
  for (let from = 1; from <= persons; from += 20_000) {
    await raw.writeQuery('bench/create-synthetic-persons', {
      from,
      to: Math.min(persons, from + 19_999),
    });
    if ((from - 1) % 200_000 === 0) progress(`created ${from - 1} persons`);
  }
  await raw.writeQuery('identity/allocate-pids', { n: persons });
  const createSeconds = (performance.now() - t0) / 1000;
  progress(`created ${persons} persons in ${round(createSeconds, 1)} s`);

  t0 = performance.now();
  await app.segments.rebuild();
  const rebuildMs = performance.now() - t0;
  const tags = Object.fromEntries((await app.audiences.list(AS_OF)).map((t) => [t.tag, t.count]));
  progress(`bitmaps rebuilt in ${Math.round(rebuildMs)} ms: ${JSON.stringify(tags)}`);

  const server = await startServer(app);
  try {
    const query = `query($e: String!) { audience(expression: $e, asOf: "${AS_OF}") { count } }`;
    const expected = await app.audiences.count(EXPRESSION, AS_OF);
    const workloads = {
      audienceCount: async () => {
        const data = await graphql<{ audience: { count: number } }>(
          server.url,
          API_KEYS.reader,
          query,
          { e: EXPRESSION },
        );
        if (data.audience.count !== expected)
          throw new Error(`count ${data.audience.count}, expected ${expected}`);
      },
      typename: async () => {
        await graphql(server.url, API_KEYS.reader, '{ __typename }');
      },
    };
    const load = await compareWorkloads(workloads, {
      concurrency: 8,
      warmupMs: 2000,
      rounds: 3,
      roundMs: 3000,
      log: progress,
    });

    await app.packages.create({
      id: 'ALL',
      name: 'everyone',
      expression: 'ANY(channel_app, channel_miniapp, channel_online_retail)',
      asOf: AS_OF,
      replace: true,
    });
    // The first export of a date also builds the RFM view of that date (every person's
    // segment); it is timed apart, and the median is over the exports after it.
    const exports: { seconds: number; rows: number }[] = [];
    let firstExportSeconds = 0;
    for (let run = 0; run < 6; run++) {
      t0 = performance.now();
      const rows =
        (await countLines(`${server.url}/audience-packages/ALL.csv`, API_KEYS.reader)) - 1; // header
      const seconds = (performance.now() - t0) / 1000;
      if (run === 0) firstExportSeconds = seconds;
      else exports.push({ seconds, rows });
      progress(`export run ${run + 1}: ${rows} rows in ${round(seconds, 2)} s`);
    }
    const exportSeconds = median(exports.map((e) => e.seconds));
    return {
      bench: 'audience',
      persons,
      setup: {
        createSeconds: round(createSeconds, 1),
        bitmapRebuildMs: Math.round(rebuildMs),
        tags,
      },
      audienceCount: {
        expression: EXPRESSION,
        count: expected,
        concurrency: 8,
        ...load,
        vsTypename: relative(load.audienceCount!, load.typename!),
      },
      export: {
        rows: exports[0]?.rows,
        firstExportSeconds: round(firstExportSeconds, 2),
        medianSeconds: round(exportSeconds, 2),
        rowsPerSecond: Math.round((exports[0]?.rows ?? 0) / exportSeconds),
        runs: exports.map((e) => round(e.seconds, 2)),
      },
      targets: { exportRowsPerSecond: 200_000 },
    };
  } finally {
    await server.close();
  }
});
