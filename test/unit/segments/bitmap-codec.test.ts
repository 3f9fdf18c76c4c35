import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CorruptBitmapError,
  decodeBitmap,
  encodeBitmap,
  HEADER_SIZE,
} from '../../../src/segments/bitmap-codec.js';
import { crc32, tableCrc32 } from '../../../src/segments/crc32.js';
import { RoaringBitmap32 } from '../../../src/segments/roaring.js';

const sample = (): RoaringBitmap32 =>
  new RoaringBitmap32([1, 2, 3, 70_000, 4_000_000_000]).freeze();

describe('encodeBitmap / decodeBitmap', () => {
  it('round-trips bitmaps of every container kind with their version', () => {
    const dense = RoaringBitmap32.fromRange(0, 1_000_000, 2);
    const runs = RoaringBitmap32.fromRange(5, 3_000_000);
    runs.runOptimize();
    for (const [bitmap, version] of [
      [new RoaringBitmap32(), 0],
      [sample(), 1],
      [dense, 0xffff_ffff],
      [runs, 123_456],
    ] as const) {
      const decoded = decodeBitmap(encodeBitmap(bitmap, version));
      expect(decoded.version).toBe(version);
      expect(decoded.bitmap.isEqual(bitmap)).toBe(true);
    }
  });

  it('round-trips random bitmaps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 0xffff_ffff })),
        fc.nat({ max: 0xffff_ffff }),
        (ids, version) => {
          const bitmap = new RoaringBitmap32(ids);
          const decoded = decodeBitmap(encodeBitmap(bitmap, version));
          expect(decoded.version).toBe(version);
          expect(decoded.bitmap.toArray()).toEqual(bitmap.toArray());
        },
      ),
    );
  });

  it('writes the documented header and roaring portable payload', () => {
    const bitmap = sample();
    const buf = encodeBitmap(bitmap, 0x0102_0304);
    const portable = bitmap.serialize('portable');
    expect(buf.toString('latin1', 0, 4)).toBe('OIDB');
    expect([...buf.subarray(4, 8)]).toEqual([1, 0, 0, 0]);
    expect(buf.readUInt32LE(8)).toBe(0x0102_0304);
    expect(buf.readUInt32LE(12)).toBe(portable.length);
    expect(buf.readUInt32LE(16)).toBe(
      zlib.crc32(buf.subarray(HEADER_SIZE), zlib.crc32(buf.subarray(0, 16))),
    );
    expect(buf.subarray(HEADER_SIZE).equals(portable)).toBe(true);
  });

  it('decodes from a Uint8Array view at an offset inside a larger buffer', () => {
    const encoded = encodeBitmap(sample(), 7);
    const outer = new Uint8Array(encoded.length + 10);
    outer.set(encoded, 3);
    const decoded = decodeBitmap(outer.subarray(3, 3 + encoded.length));
    expect(decoded.version).toBe(7);
    expect(decoded.bitmap.toArray()).toEqual(sample().toArray());
  });

  it('does not modify the bitmap it encodes (a frozen bitmap throws on any write)', () => {
    expect(() => encodeBitmap(sample(), 1)).not.toThrow();
  });

  it('refuses versions that are not uint32', () => {
    for (const version of [-1, 1.5, 2 ** 32, Number.NaN]) {
      expect(() => encodeBitmap(sample(), version)).toThrow(RangeError);
    }
  });
});

describe('decodeBitmap on damaged buffers', () => {
  const encoded = encodeBitmap(sample(), 42);

  it('detects truncation at every length', () => {
    for (let length = 0; length < encoded.length; length += 1) {
      expect(() => decodeBitmap(encoded.subarray(0, length)), `length ${length}`).toThrow(
        CorruptBitmapError,
      );
    }
    expect(() => decodeBitmap(encoded.subarray(0, 10))).toThrow(
      'Bitmap buffer is truncated: 10 bytes, the header alone is 20.',
    );
    expect(() => decodeBitmap(encoded.subarray(0, encoded.length - 1))).toThrow(
      `Bitmap buffer is truncated: ${encoded.length - 1} bytes, expected ${encoded.length}.`,
    );
  });

  it('detects extra bytes', () => {
    expect(() => decodeBitmap(Buffer.concat([encoded, Buffer.from([0])]))).toThrow(
      `Bitmap buffer is followed by extra bytes: ${encoded.length + 1} bytes, expected ${encoded.length}.`,
    );
  });

  it('detects every single-bit flip', () => {
    for (let bit = 0; bit < encoded.length * 8; bit += 1) {
      const damaged = Buffer.from(encoded);
      damaged[bit >> 3] = (damaged[bit >> 3] as number) ^ (1 << (bit & 7));
      expect(() => decodeBitmap(damaged), `bit ${bit}`).toThrow(CorruptBitmapError);
    }
  });

  it('names bad magic, an unknown format version and a bad checksum', () => {
    const withByte = (offset: number, value: number): Buffer => {
      const copy = Buffer.from(encoded);
      copy[offset] = value;
      return copy;
    };
    expect(() => decodeBitmap(withByte(0, 0x58))).toThrow(
      'Not an encoded bitmap: bad magic bytes.',
    );
    expect(() => decodeBitmap(withByte(4, 2))).toThrow('Unsupported bitmap format version 2.');
    expect(() => decodeBitmap(withByte(HEADER_SIZE + 2, 0xff))).toThrow(
      'Bitmap buffer failed its CRC-32 check.',
    );
  });

  it('reports a payload roaring cannot read even when the checksum matches', () => {
    const garbage = Buffer.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3]);
    const forged = Buffer.concat([encoded.subarray(0, HEADER_SIZE), garbage]);
    forged.writeUInt32LE(garbage.length, 12);
    forged.writeUInt32LE(crc32(garbage, crc32(forged.subarray(0, 16))), 16);
    expect(() => decodeBitmap(forged)).toThrow(/^Bitmap payload is not a portable roaring bitmap/);
  });
});

describe('crc32', () => {
  it('matches the standard check value and zlib, also when chained', () => {
    const check = Buffer.from('123456789');
    expect(tableCrc32(check)).toBe(0xcbf4_3926);
    expect(crc32(check)).toBe(0xcbf4_3926);
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
        expect(tableCrc32(b, tableCrc32(a))).toBe(zlib.crc32(Buffer.concat([a, b])));
      }),
    );
  });
});
