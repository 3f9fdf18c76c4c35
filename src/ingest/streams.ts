import type { App } from '../app.js';
import type { Config } from '../config.js';
import { LocalKafka } from '../local/kafka.js';
import { localMariaDbFor } from '../local/mariadb.js';
import { CdcIngest } from './cdc/cdc-ingest.js';
import { KafkaIngest } from './kafka/kafka-ingest.js';
import { renderMetrics } from './metrics.js';
import { streamsNotReadyReason, streamsReadiness, type StreamsReadiness } from './readiness.js';
import type { StreamRunner, StreamStatus } from './stream-status.js';

/** The enabled real-time streams of one process. */
export interface Streams {
  readonly runners: readonly StreamRunner[];
  start(): void;
  /** Stops every stream; resolves when their connections are closed. Does not reject. */
  stop(): Promise<void>;
  statuses(): StreamStatus[];
  /** Prometheus text for `/metrics`. */
  renderMetrics(): string;
  readiness(): StreamsReadiness;
  /** For `ServerOptions.readiness` of the HTTP server: the reason the streams are not ready. */
  readinessCheck(): Promise<string | undefined>;
}

/**
 * Builds the streams that configuration enables. A stream without a configured source
 * (ONEID_KAFKA_BROKERS, ONEID_CDC_HOST unset) uses the local server, started here when it
 * is not running. Nothing is read until `start()`.
 */
export async function openStreams(
  app: App,
  config: Config,
  log: (line: string) => void = (l) => console.error(l),
): Promise<Streams> {
  const { kafka, cdc, maxBackoffMs } = config.ingest;
  const runners: StreamRunner[] = [];
  if (kafka.enabled) {
    let brokers = kafka.brokers;
    if (brokers === undefined) {
      const local = new LocalKafka(config.cacheDir, kafka.local, 'default', log);
      if (!local.status().running)
        log('Starting the local Kafka (first time: downloads it from Maven Central)...');
      brokers = [(await local.start()).bootstrap];
    }
    runners.push(
      new KafkaIngest({
        identity: app.identity,
        eventLinkConfidence: config.identity.eventLinkConfidence,
        settings: kafka,
        brokers,
        maxBackoffMs,
        log,
      }),
    );
  }
  if (cdc.enabled) {
    let source = {
      host: cdc.host ?? '127.0.0.1',
      port: cdc.port,
      user: cdc.user,
      password: cdc.password ?? '',
    };
    if (cdc.host === undefined) {
      const local = localMariaDbFor(config, 'default', log);
      if (!local.status().running) log('Starting the local MariaDB...');
      const status = await local.start();
      source = {
        host: status.host,
        port: status.port,
        user: cdc.user,
        password: cdc.password ?? local.password(),
      };
    } else if (cdc.password === undefined) {
      throw new Error('ONEID_CDC_PASSWORD is required when ONEID_CDC_HOST is set.');
    }
    runners.push(
      new CdcIngest({ identity: app.identity, settings: cdc, source, maxBackoffMs, log }),
    );
  }
  const statuses = () => runners.map((r) => r.status());
  return {
    runners,
    start: () => runners.forEach((r) => r.start()),
    stop: async () => {
      await Promise.all(runners.map((r) => r.stop()));
    },
    statuses,
    renderMetrics: () => renderMetrics(statuses()),
    readiness: () => streamsReadiness(statuses()),
    readinessCheck: () => Promise.resolve(streamsNotReadyReason(statuses())),
  };
}
