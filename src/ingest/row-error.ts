/** A rejected input row: where it is and why. Loading goes on without it. */
export interface RowError {
  readonly file: string;
  /** 1-based physical line (the CSV header is line 1). */
  readonly line: number | string;
  readonly reason: string;
}

export function formatRowError(e: RowError): string {
  return `${e.file}:${e.line}: ${e.reason}`;
}

/** Thrown by a row parser; becomes a RowError with the row's position. */
export class RowRejected extends Error {}
