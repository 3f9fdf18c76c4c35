import type { RawCell } from '../rows/source-record.js';

/** The trimmed text of a cell; numbers in JavaScript's shortest round-trip form, null as ''. */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return String(cell);
  return Number.isNaN(cell.getTime()) ? 'Invalid Date' : cell.toISOString().slice(0, 19);
}
