/**
 * CRC-32 (IEEE 802.3, the zlib / PNG polynomial). Uses `zlib.crc32` where Node provides it
 * (20.15+, 22.2+) and an equivalent table implementation otherwise. `crc32(b, crc32(a))`
 * equals `crc32(a ++ b)`.
 */
import zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, value?: number) => number;

let table: Uint32Array | undefined;

/** The table implementation; exported so that tests can compare it with zlib's. */
export function tableCrc32(data: Uint8Array, value = 0): number {
  table ??= buildTable();
  let crc = ~value >>> 0;
  for (const byte of data) crc = (crc >>> 8) ^ (table[(crc ^ byte) & 0xff] as number);
  return ~crc >>> 0;
}

function buildTable(): Uint32Array {
  const result = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    result[n] = c >>> 0;
  }
  return result;
}

const native = (zlib as { crc32?: Crc32 }).crc32;

export const crc32: Crc32 = typeof native === 'function' ? native : tableCrc32;
