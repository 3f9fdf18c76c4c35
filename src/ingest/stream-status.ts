/** What a stream runner reports: for readiness, `/metrics` and logs. */
export type StreamState =
  /** Connecting, or catching up after a (re)start. */
  | 'starting'
  | 'running'
  /** CDC on a replica that does not hold the binlog lease: waiting to take it over. */
  | 'standby'
  /** The source or the graph went away: waiting to retry (with back-off). */
  | 'retrying'
  /** Not started, or stopped on request. */
  | 'stopped';

export interface StreamStatus {
  /** "kafka" or "cdc". */
  readonly name: string;
  readonly state: StreamState;
  /** Records written to the graph since start (events, or row changes). */
  readonly written: number;
  /** Records written per second, over the last few seconds. */
  readonly perSecond: number;
  /** Records set aside as invalid (dead-lettered, or rejected row images). */
  readonly rejected: number;
  /** Epoch ms of the last successful graph write (and position commit); null before the first. */
  readonly lastWriteAt: number | null;
  /** Failed attempts since the last success. */
  readonly failures: number;
  readonly lastError: string | null;
  /** Kafka: messages not yet committed (sum over partitions); null when unknown or not Kafka. */
  readonly lag: number | null;
  /** CDC: seconds between the oldest change not yet written and now; 0 when caught up. */
  readonly secondsBehind: number | null;
  /** CDC: the replica holding the binlog lease (this one when running); null when unknown. */
  readonly leaseHolder: string | null;
  /** Kafka: the partitions of the topic assigned to this replica; null when not Kafka. */
  readonly partitions: readonly number[] | null;
}

/** A stream into the graph that runs until stopped, retrying by itself when a source fails. */
export interface StreamRunner {
  readonly name: string;
  /** Starts the stream in the background; resolves at once. Never rejects. */
  start(): void;
  /** Stops reading, finishes (or abandons) the batch in flight, closes connections. */
  stop(): Promise<void>;
  status(): StreamStatus;
}
