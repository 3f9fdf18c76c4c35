import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../../src/rows/csv-records.js';
import { ReadMeter } from '../../../src/rows/read-meter.js';

const file = fileURLToPath(new URL('../../../seeds/retail_transactions.csv', import.meta.url));

describe('ReadMeter', () => {
  it('counts the bytes a reader read of its file, the whole file at the end', async () => {
    const meter = new ReadMeter();
    expect(meter.bytesRead).toBe(0);
    let records = 0;
    for await (const record of readCsvRecords(file, false, meter))
      if (record.kind === 'row') records++;
    expect(records).toBeGreaterThan(1);
    expect(meter.bytesRead).toBe(statSync(file).size);
  });
});
