import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/paths.js';
import { SERVICE_NODE_FLAGS } from '../../scripts/node-flags.mjs';
import type { BenchServer } from './server.js';
import { progress } from './log.js';

/**
 * `oneid serve` as its own process, as it is deployed: on the given Neo4j (nothing loaded,
 * nothing started), on a free loopback port (PORT=0 is refused by config.ts), with the service's Node flags. Unlike
 * {@link startServer}, the load generator then does not share the service's event loop.
 * `env` carries the bench's API keys and reference date.
 */
export async function startServiceProcess(
  neo4j: { uri: string; password: string },
  env: Record<string, string>,
): Promise<BenchServer & { readonly pid: number }> {
  // PORT must be 1-65535 (config.ts): a port the system just gave out, not 0
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...SERVICE_NODE_FLAGS, '--import', 'tsx', join(projectRoot, 'src', 'cli', 'main.ts'), 'serve'],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        ...env,
        NEO4J_URI: neo4j.uri,
        NEO4J_PASSWORD: neo4j.password,
        ONEID_LOAD_SEEDS: 'false',
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = once(child, 'exit');
  const killOnExit = () => child.kill('SIGTERM'); // a bench that dies leaves no service behind
  process.on('exit', killOnExit);
  createInterface({ input: child.stderr }).on('line', (line) => progress(`service: ${line}`));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /GraphQL:\s+(http\S+)\/graphql/.exec(line);
      if (match) resolve(match[1] as string);
    });
    void exited.then(([code]) =>
      reject(new Error(`oneid serve exited (${String(code)}) before listening (its log is above)`)),
    );
  });
  const pid = child.pid as number; // set: the process listened
  progress(`service process ${pid} listening on ${url}`);
  return {
    url,
    pid,
    async close() {
      process.off('exit', killOnExit);
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A loopback port free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
