import { cpus, loadavg } from 'node:os';
import { benchArgs, type BenchArgs } from './args.js';
import { emit, progress } from './log.js';
import { benchEnvironment, type BenchEnvironment } from './neo4j.js';

/**
 * Runs a bench against a fresh bench database: prints the object `main` returns as JSON on
 * stdout and exits 0; on error prints it on stderr and exits 1. The instance is stopped at the
 * end unless `--keep`.
 */
export function runBench(
  main: (env: BenchEnvironment, args: BenchArgs) => Promise<unknown>,
  envOverrides?: Record<string, string>,
): void {
  const args = benchArgs();
  const go = async () => {
    const env = await benchEnvironment({ keep: args.has('keep'), env: envOverrides });
    const loadStart = loadavg().map((x) => Math.round(x * 100) / 100);
    const started = performance.now();
    try {
      const result = await main(env, args);
      const machine = {
        cpus: cpus().length,
        loadAverageAtStart: loadStart,
        loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
        benchSeconds: Math.round((performance.now() - started) / 1000),
      };
      return { ...(result as object), machine };
    } finally {
      await env.close().catch((error: unknown) => progress(`closing failed: ${String(error)}`));
    }
  };
  go().then(
    (result) => {
      emit(result);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
