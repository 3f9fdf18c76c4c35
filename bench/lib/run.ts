import { benchArgs, type BenchArgs } from './args.js';
import { emit, progress } from './log.js';
import { benchEnvironment, type BenchEnvironment } from './neo4j.js';

/**
 * Runs a bench against a fresh bench database: prints the object `main` returns as JSON on
 * stdout and exits 0; on error prints it on stderr and exits 1. The instance is stopped at the
 * end unless `--keep`.
 */
export function runBench(main: (env: BenchEnvironment, args: BenchArgs) => Promise<unknown>, envOverrides?: Record<string, string>): void {
  const args = benchArgs();
  const go = async () => {
    const env = await benchEnvironment({ keep: args.has('keep'), env: envOverrides });
    try {
      return await main(env, args);
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
