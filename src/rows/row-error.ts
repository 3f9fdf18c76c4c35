/**
 * A rejected input row: where it is and why. Loading goes on without it. `line` is the
 * 1-based physical line of a text file (a CSV header is line 1; a record spanning several
 * lines reports the line it starts on); for a spreadsheet, `sheet` names the worksheet and
 * `line` is the row number as the spreadsheet shows it.
 */
export interface RowError {
  readonly file: string;
  readonly sheet?: string;
  readonly line: number;
  /** Specific and stable, e.g. `malformed number "abc" in Quantity`. */
  readonly reason: string;
}

export function formatRowError(e: RowError): string {
  return e.sheet === undefined
    ? `${e.file}:${e.line}: ${e.reason}`
    : `${e.file} [${e.sheet}]:${e.line}: ${e.reason}`;
}

/** Thrown by a row parser; becomes a RowError with the row's position. */
export class RowRejected extends Error {}
