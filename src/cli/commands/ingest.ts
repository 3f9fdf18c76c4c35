import { openStreams } from '../../ingest/streams.js';
import { openRuntime } from '../runtime.js';

/**
 * oneid ingest: runs the enabled streams (Kafka app events, binlog CDC of the CRM members)
 * until SIGINT or SIGTERM, then stops them cleanly. Exit code 0 after a clean stop.
 */
export async function run(args: string[]): Promise<number> {
  if (args.length > 0) {
    console.error(
      'Usage: oneid ingest   (streams are configured by ONEID_KAFKA_* and ONEID_CDC_*)',
    );
    return 64;
  }
  const runtime = await openRuntime();
  const streams = await openStreams(runtime.app, runtime.config);
  if (streams.runners.length === 0) {
    console.error('No stream is enabled (ONEID_KAFKA_ENABLED, ONEID_CDC_ENABLED).');
    await runtime.close();
    return 1;
  }
  streams.start();
  console.error(`Ingesting: ${streams.runners.map((r) => r.name).join(', ')}. Ctrl-C to stop.`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.error(`${signal}: stopping the streams...`);
  await streams.stop();
  await runtime.close();
  return 0;
}
