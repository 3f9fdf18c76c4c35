/** How far a file load got, reported after every written batch. */
export interface LoadProgress {
  /** Data rows read so far (header excluded). */
  readonly rows: number;
  /** Rows written so far (for retail: lines new to the graph). */
  readonly loaded: number;
  readonly rejected: number;
  /** Bytes of the input file read so far (compressed bytes for a `.gz` file). */
  readonly bytesRead: number;
  /** Size of the input file in bytes. */
  readonly bytesTotal: number;
  /** What the load is doing now, for a load of several passes; unset for a single pass. */
  readonly phase?: string;
}
