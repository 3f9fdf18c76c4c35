import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { inject } from 'vitest';
import { projectRoot } from '../../src/paths.js';

export const KEYS = {
  reader: 'test-reader-key-0000000000000001',
  service: 'test-service-key-000000000000001',
  steward: 'test-steward-key-000000000000001',
  marketer: 'test-marketer-key-00000000000001',
} as const;

export interface GraphqlAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  /** `sequence`: the change-feed sequence the answer is as of (a write's, for a mutation). */
  extensions?: { sequence?: number };
  status: number;
}

export interface RunningService {
  readonly url: string;
  readonly process: ChildProcess;
  /** stdout and stderr as they came. */
  readonly output: () => string;
  /** stderr alone: the log lines (JSON lines, stderr being no terminal). */
  readonly logs: () => string;
  /** A GraphQL POST; with `minSeq`, answered once the service applied that sequence. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string,
    minSeq?: number,
  ): Promise<GraphqlAnswer<T>>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The env that points the CLI at the test Neo4j. */
export function serviceEnv(extra: Record<string, string> = {}): Record<string, string> {
  const { uri, user, password } = inject('neo4j');
  return {
    ...(process.env as Record<string, string>),
    NEO4J_URI: uri,
    NEO4J_USER: user,
    NEO4J_PASSWORD: password,
    ONEID_API_KEYS: `${KEYS.reader}:reader,${KEYS.service}:service,${KEYS.marketer}:marketer,${KEYS.steward}:steward`,
    ONEID_AS_OF: '2026-06-06',
    HOST: '127.0.0.1',
    ...extra,
  };
}

export function runCli(
  args: string[],
  env: Record<string, string> = serviceEnv(),
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return spawnCli(args, env).done;
}

/** Runs the CLI; `done` resolves once it exited and its output is closed. */
export function spawnCli(
  args: string[],
  env: Record<string, string> = serviceEnv(),
): {
  readonly process: ChildProcess;
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'oneid.js'), ...args], {
    env,
    cwd: projectRoot,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { process: child, done };
}

/**
 * Runs `oneid serve` as a user would and waits for its banner. ONEID_TEST_PORT_OFFSET shifts
 * the port, so two checkouts can run their end-to-end tests on one machine.
 */
export async function startService(
  basePort: number,
  extra: Record<string, string> = {},
  command: readonly string[] = ['serve'],
): Promise<RunningService> {
  const port = basePort + Number(process.env.ONEID_TEST_PORT_OFFSET ?? 0);
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'oneid.js'), ...command], {
    env: serviceEnv({ PORT: String(port), ...extra }),
    cwd: projectRoot,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
    err += d.toString();
  });
  const deadline = Date.now() + 120_000;
  while (!out.includes('OneID Graph is up')) {
    if (child.exitCode !== null)
      throw new Error(`oneid serve exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`oneid serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    process: child,
    output: () => out,
    logs: () => err,
    async gql(query, variables = {}, key = KEYS.reader, minSeq) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': key,
          ...(minSeq === undefined ? {} : { 'x-oneid-min-seq': String(minSeq) }),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { ...((await res.json()) as object), status: res.status };
    },
    async stop(signal = 'SIGINT') {
      // exited already (by a signal, exitCode stays null): no exit event will come
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill(signal);
      // a service stuck on a busy event loop never handles SIGINT: do not hang the suite
      const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const [code] = await exited;
      clearTimeout(kill);
      return code as number | null;
    },
  };
}
