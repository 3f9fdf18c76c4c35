import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { LocalKafka } from '../../src/local/kafka.js';
import { localMariaDbFor } from '../../src/local/mariadb.js';
import { LocalNeo4j } from '../../src/local/neo4j.js';
import { portOpen } from '../../src/local/process.js';
import { tempCacheDir } from '../support/local-cache.js';
import { serviceEnv, spawnCli, startService } from '../support/service.js';

// `oneid serve --ingest` with nothing configured starts a local Neo4j, Kafka and MariaDB.
// What it started it must stop on every way out; what already ran it must leave alone.
// Own cache folder and ports: the shared test servers are never touched.
const cacheDir = tempCacheDir('oneid-lifecycle-');
const ports = { bolt: 47711, http: 47712, kafka: 49111, controller: 49112, mariadb: 43321 };
const env: Record<string, string> = {
  NEO4J_URI: '',
  NEO4J_PASSWORD: '',
  ONEID_KAFKA_BROKERS: '',
  ONEID_CDC_HOST: '',
  ONEID_CDC_PASSWORD: '',
  ONEID_CACHE_DIR: cacheDir,
  ONEID_NEO4J_BOLT_PORT: String(ports.bolt),
  ONEID_NEO4J_HTTP_PORT: String(ports.http),
  ONEID_NEO4J_HEAP: '512m',
  ONEID_NEO4J_PAGECACHE: '64m',
  ONEID_KAFKA_PORT: String(ports.kafka),
  ONEID_KAFKA_CONTROLLER_PORT: String(ports.controller),
  ONEID_KAFKA_HEAP: '256m',
  ONEID_MARIADB_PORT: String(ports.mariadb),
  ONEID_LOAD_SEEDS: 'false',
};
const basePort = 44720; // + ONEID_TEST_PORT_OFFSET
/** For the services that never get as far as listening: a valid port nobody uses. */
const unusedPort = String(basePort + 1 + Number(process.env.ONEID_TEST_PORT_OFFSET ?? 0));
const config = loadConfig({ ...process.env, ...env });
const servers = {
  neo4j: new LocalNeo4j(config.cacheDir, config.neo4j.local),
  kafka: new LocalKafka(config.cacheDir, config.ingest.kafka.local),
  mariadb: localMariaDbFor(config),
};
const portOf = { neo4j: ports.bolt, kafka: ports.kafka, mariadb: ports.mariadb };
type Name = keyof typeof servers;
const names = Object.keys(servers) as Name[];

/** Running by its pid file, or at least listening on its port. */
async function running(name: Name): Promise<boolean> {
  return servers[name].status().running || (await portOpen(portOf[name]));
}

async function runningOf(): Promise<Record<Name, boolean>> {
  const out = {} as Record<Name, boolean>;
  for (const name of names) out[name] = await running(name);
  return out;
}

/** A plain TCP listener that takes a server's port. */
async function occupy(port: number): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

/** Runs `oneid serve --ingest` to its end; a service still running after `ms` is killed (code null). */
async function serveUntilExit(ms = 140_000) {
  const service = spawnCli(['serve', '--ingest'], serviceEnv({ ...env, PORT: unusedPort }));
  const timer = setTimeout(() => service.process.kill('SIGKILL'), ms);
  const result = await service.done;
  clearTimeout(timer);
  return { code: result.code, output: result.stdout + result.stderr };
}

const hung = (output: string) => `exit code (null: still running, killed)\n${output}`;
// generous for a loaded machine; a start is 20 to 60 s
const timeout = 150_000;

let blocker: Server | undefined;
/** Frees the port taken by `occupy` (so the port checks below see only real servers). */
async function unblock(): Promise<void> {
  const server = blocker;
  blocker = undefined;
  if (server) await new Promise((resolve) => server.close(resolve));
}
/** Servers the test itself started before the service: stopped by their own afterAll. */
const before = new Set<Name>();

beforeAll(async () => {
  // the one-time initialization (initial password, first start) outside the timed tests
  await servers.neo4j.start();
  await servers.neo4j.stop();
}, 300_000);
afterEach(async () => {
  await unblock();
  for (const name of names) if (!before.has(name)) await servers[name].stop();
});
afterAll(async () => {
  for (const name of names) await servers[name].stop();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('oneid serve --ingest stops the local servers it started, and only those', () => {
  it(
    'Kafka cannot start (its port is taken): exits non-zero and stops the Neo4j it started',
    async () => {
      blocker = await occupy(ports.kafka);
      const { code, output } = await serveUntilExit();
      await unblock();
      expect(code, hung(output)).toBe(1);
      expect(output).toContain(`Port ${ports.kafka} is already taken`);
      expect(output).toContain('Starting the local Neo4j');
      expect(await runningOf(), output).toEqual({ neo4j: false, kafka: false, mariadb: false });
    },
    timeout,
  );

  it(
    'SIGINT stops the Neo4j, Kafka and MariaDB it started',
    async () => {
      const service = await startService(basePort, env, ['serve', '--ingest']);
      expect(await runningOf()).toEqual({ neo4j: true, kafka: true, mariadb: true });
      expect(await service.stop('SIGINT'), service.output()).toBe(0);
      expect(await runningOf(), service.output()).toEqual({
        neo4j: false,
        kafka: false,
        mariadb: false,
      });
    },
    timeout,
  );

  it(
    'SIGINT during start-up stops the servers started so far',
    async () => {
      const service = spawnCli(['serve', '--ingest'], serviceEnv({ ...env, PORT: unusedPort }));
      // wait until the service has launched its Neo4j (not necessarily ready yet)
      const deadline = Date.now() + 60_000;
      while (!servers.neo4j.isRunning() && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(servers.neo4j.isRunning()).toBe(true);
      service.process.kill('SIGINT');
      const timer = setTimeout(() => service.process.kill('SIGKILL'), 100_000);
      const result = await service.done;
      clearTimeout(timer);
      const output = result.stdout + result.stderr;
      expect(result.code, output).toBe(130);
      expect(output).toContain('Stopped before start-up finished.');
      expect(await runningOf(), output).toEqual({ neo4j: false, kafka: false, mariadb: false });
    },
    timeout,
  );

  describe('with a Neo4j that already runs', () => {
    beforeAll(async () => {
      await servers.neo4j.start();
      before.add('neo4j');
    }, timeout);
    afterAll(() => before.clear());

    it(
      'MariaDB cannot start: exits non-zero, stops the Kafka it started and leaves the Neo4j running',
      async () => {
        const pid = servers.neo4j.status().pid;
        blocker = await occupy(ports.mariadb);
        const { code, output } = await serveUntilExit();
        await unblock();
        expect(code, hung(output)).toBe(1);
        expect(output).toContain(`Port ${ports.mariadb} is already taken`);
        expect(output).toContain('Starting the local Kafka');
        expect(await runningOf(), output).toEqual({ neo4j: true, kafka: false, mariadb: false });
        expect(servers.neo4j.status().pid).toBe(pid);
      },
      timeout,
    );

    it(
      'SIGTERM stops the Kafka it started and leaves the Neo4j and MariaDB that ran before',
      async () => {
        await servers.mariadb.start();
        before.add('mariadb');
        const pids = { neo4j: servers.neo4j.status().pid, mariadb: servers.mariadb.status().pid };
        const service = await startService(basePort, env, ['serve', '--ingest']);
        expect(await running('kafka')).toBe(true);
        expect(await service.stop('SIGTERM'), service.output()).toBe(0);
        expect(await runningOf(), service.output()).toEqual({
          neo4j: true,
          kafka: false,
          mariadb: true,
        });
        expect({
          neo4j: servers.neo4j.status().pid,
          mariadb: servers.mariadb.status().pid,
        }).toEqual(pids);
      },
      timeout,
    );
  });
});
