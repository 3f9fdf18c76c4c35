import { runService } from '../service.js';
import { complain } from '../output.js';

/**
 * oneid ingest: the service with the real-time streams (Kafka app events, binlog CDC of the
 * CRM members; ONEID_KAFKA_* and ONEID_CDC_* configure them) beside GraphQL. Same as
 * `oneid serve --ingest`.
 */
export async function run(args: string[]): Promise<number> {
  if (args.length > 0) {
    complain('Usage: oneid ingest   (streams are configured by ONEID_KAFKA_* and ONEID_CDC_*)');
    return 64;
  }
  return runService({ streams: true });
}
