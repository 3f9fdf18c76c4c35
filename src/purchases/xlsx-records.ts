import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import type { ReadMeter } from '../rows/read-meter.js';
import type { RawCell, SourceRecord } from '../rows/source-record.js';

/**
 * Streams every worksheet of an XLSX file, in the order the sheets are stored (normally tab
 * order), as source records: each sheet's first non-empty row is its header, empty rows are
 * skipped, positions are `{ sheet, line: row number }`. Date cells come as Date (naive time in
 * the UTC fields) when the cell has a date format. Formula cells give their cached result,
 * rich text its plain text, error cells their code (`#N/A`).
 *
 * exceljs keeps shared strings in memory and, when a sheet is stored before them (as Excel
 * writes files), spools that sheet to a temporary file first; rows are never all in memory.
 */
export async function* readXlsxRecords(
  path: string,
  meter?: ReadMeter,
): AsyncGenerator<SourceRecord> {
  const file = createReadStream(path);
  const input = meter?.watch(file) ?? file;
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    let ordinal = 0;
    for await (const worksheet of workbook) {
      ordinal += 1;
      // The stream reader sets `name` from workbook.xml, but its typings omit it.
      const sheet = (worksheet as unknown as { name?: string }).name ?? `Sheet${ordinal}`;
      let seenHeader = false;
      for await (const row of worksheet) {
        const cells = rowCells(row);
        if (
          cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))
        )
          continue;
        yield { kind: seenHeader ? 'row' : 'header', at: { sheet, line: row.number }, cells };
        seenHeader = true;
      }
    }
  } finally {
    input.destroy();
  }
}

function rowCells(row: ExcelJS.Row): RawCell[] {
  const values = row.values;
  if (!Array.isArray(values)) return [];
  const cells: RawCell[] = [];
  // exceljs row arrays are 1-based and sparse.
  for (let i = 1; i < values.length; i++) cells.push(toRawCell(values[i]));
  return cells;
}

function toRawCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return value.text;
  return value.result === undefined ? null : toRawCell(value.result);
}
