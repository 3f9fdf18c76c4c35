import type { RowError } from './row-error.js';

/** One record of a source file: its value and line, or why it could not be read. */
export type RecordResult<T> = { ok: true; line: number; value: T } | { ok: false; error: RowError };
