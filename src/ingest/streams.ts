import type { App } from '../app.js';
import type { Config } from '../config.js';
import { logLine } from '../log/logger.js';
import { CdcIngest, type CdcIngestOptions } from './cdc/cdc-ingest.js';
import { KafkaIngest } from './kafka/kafka-ingest.js';
import { streamsNotReadyReason, streamsReadiness, type StreamsReadiness } from './readiness.js';
import { replicaName } from './replica-name.js';
import type { StreamRunner, StreamStatus } from './stream-status.js';

/** The enabled real-time streams of one process. */
export interface Streams {
  readonly runners: readonly StreamRunner[];
  start(): void;
  /** Stops every stream; resolves when their connections are closed. Does not reject. */
  stop(): Promise<void>;
  statuses(): StreamStatus[];
  readiness(): StreamsReadiness;
  /** For `ServerOptions.readiness` of the HTTP server: the reason the streams are not ready. */
  readinessCheck(): Promise<string | undefined>;
}

/** Where the enabled streams read from: configured servers, or local ones the caller started. */
export interface StreamSources {
  /** host:port of the Kafka brokers; needed when the Kafka stream is enabled. */
  readonly kafkaBrokers?: readonly string[];
  /** The MariaDB / MySQL server whose binlog is followed; needed when CDC is enabled. */
  readonly cdc?: CdcIngestOptions['source'];
}

/**
 * Builds the streams that configuration enables, reading from `sources`. Starts no server
 * and reads nothing until `start()`.
 */
export function openStreams(
  app: App,
  config: Config,
  sources: StreamSources,
  log: (line: string) => void = logLine,
): Streams {
  const { kafka, cdc, maxBackoffMs } = config.ingest;
  const runners: StreamRunner[] = [];
  if (kafka.enabled) {
    if (!sources.kafkaBrokers) throw new Error('The Kafka stream is enabled without brokers.');
    runners.push(
      new KafkaIngest({
        identity: app.identity,
        eventLinkConfidence: config.identity.eventLinkConfidence,
        settings: kafka,
        brokers: sources.kafkaBrokers,
        maxBackoffMs,
        log,
        metrics: app.metrics,
      }),
    );
  }
  if (cdc.enabled) {
    if (!sources.cdc) throw new Error('The CDC stream is enabled without a source.');
    runners.push(
      new CdcIngest({
        identity: app.identity,
        settings: cdc,
        source: sources.cdc,
        maxBackoffMs,
        replicaId: replicaName(config.ingest),
        log,
        metrics: app.metrics,
      }),
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
    readiness: () => streamsReadiness(statuses()),
    readinessCheck: () => Promise.resolve(streamsNotReadyReason(statuses())),
  };
}
