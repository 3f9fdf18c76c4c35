import { runService } from '../service.js';
import { complain } from '../output.js';

/** oneid serve [--ingest]: GraphQL and HTTP; with --ingest the Kafka and CDC streams too. */
export async function run(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--ingest');
  if (unknown.length > 0) {
    complain('Usage: oneid serve [--ingest]');
    return 64;
  }
  return runService({ streams: args.includes('--ingest') });
}
