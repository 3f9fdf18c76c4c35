/**
 * GraphQL over HTTP (issue 3): `npm run bench -- graphql [--keep] [--concurrency 16]
 * [--warmup 30] [--rounds 5] [--seconds 3]`.
 *
 * Loads the seed files, serves the real HTTP service in this process, and at concurrency 16
 * runs the person-profile query (MBR001..MBR010 in turn) and `{ __typename }` against the
 * same server: a warm-up of each (--warmup seconds: the bench's Neo4j has just started, and a
 * cold JVM spends 2 ms of CPU on a transaction that costs 0.4 ms once warm; after a 10 s
 * warm-up the profile's throughput still doubled over the rounds), then rounds alternating
 * the two. Reports throughput, p50 and p99 of each and their ratios (profile / typename), and
 * the RSS of this process, which holds the service (and the load generator). Prints one JSON
 * object; progress on stderr.
 */
import 'reflect-metadata';
import { graphql } from './lib/http.js';
import { cpuMeter } from './lib/cpu.js';
import { compareWorkloads, relative } from './lib/load.js';
import { progress } from './lib/log.js';
import { API_KEYS } from './lib/neo4j.js';
import { RssSampler, rssMiB } from './lib/rss.js';
import { runBench } from './lib/run.js';
import { loadSeeds } from './lib/seeds.js';
import { startServer } from './lib/server.js';
import { round } from './lib/stats.js';
import type { QueryTime } from './lib/timed-gateway.js';

const members = Array.from({ length: 10 }, (_, i) => `MBR${String(i + 1).padStart(3, '0')}`);
const profileQuery = (member: string) =>
  `{ person(identifier: {type: "member_id", value: "${member}"}) { oneId identifiers { type value source confidence } profile { realName level } rfm { recencyDays frequency monetary segment } } }`;

/** Calls and mean wall time of each query per profile request (typename makes none). */
function perRequest(report: Record<string, QueryTime>, requests: number) {
  return Object.fromEntries(
    Object.entries(report).map(([name, t]) => [
      name,
      { callsPerRequest: round(t.calls / requests, 2), meanMs: round(t.ms / t.calls, 2) },
    ]),
  );
}

/** CPU per profile request, of this process (both workloads) and of Neo4j (profile only). */
function cpuPerRequest(cpu: { selfCpuSeconds: number; neo4jCpuSeconds: number }, requests: number) {
  return { ...cpu, neo4jCpuMsPerProfileRequest: round((cpu.neo4jCpuSeconds * 1000) / requests, 2) };
}

interface ProfileAnswer {
  person: { oneId: string; identifiers: { type: string; value: string }[] } | null;
}

runBench(async (env, args) => {
  const concurrency = args.number('concurrency', 16);
  await loadSeeds(env.app);
  await env.app.segments.init();
  const server = await startServer(env.app);
  const rss = new RssSampler(100);
  try {
    const key = API_KEYS.reader;
    let profileRequests = 0;
    const profile = async (i: number) => {
      profileRequests++;
      const member = members[i % members.length] as string;
      const data = await graphql<ProfileAnswer>(server.url, key, profileQuery(member));
      if (!data.person?.identifiers.some((id) => id.type === 'member_id' && id.value === member))
        throw new Error(`no person for ${member}`);
    };
    const typename = async () => {
      const data = await graphql<{ __typename: string }>(server.url, key, '{ __typename }');
      if (data.__typename !== 'Query') throw new Error('unexpected __typename');
    };
    const rssBefore = rssMiB();
    env.timed.reset();
    const cpu = cpuMeter(env.local.status().pid);
    const { personProfile, typename: baseline } = await compareWorkloads(
      { personProfile: profile, typename },
      {
        concurrency,
        warmupMs: args.number('warmup', 30) * 1000,
        rounds: args.number('rounds', 5),
        roundMs: args.number('seconds', 3) * 1000,
        log: progress,
      },
    );
    return {
      bench: 'graphql',
      concurrency,
      personProfile,
      typename: baseline,
      profileOverTypename: relative(personProfile, baseline),
      neo4jPerProfileRequest: perRequest(env.timed.report(), profileRequests),
      ...cpuPerRequest(cpu(), profileRequests),
      serviceRssMiB: { beforeLoad: rssBefore, peak: rss.peakMiB(), after: rssMiB() },
      note: 'RSS is of the bench process: the service, its Apollo server and the load generator; Neo4j runs apart.',
    };
  } finally {
    rss.stop();
    await server.close();
  }
});
