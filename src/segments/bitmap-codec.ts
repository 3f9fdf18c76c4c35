/**
 * The stored form of a tag bitmap: a 20-byte header followed by roaring's portable
 * serialization (the format shared with the Java and Go implementations).
 *
 *     offset  size  field
 *          0     4  magic "OIDB"
 *          4     1  format version (FORMAT_VERSION)
 *          5     3  reserved, zero
 *          8     4  data version, uint32 little-endian (the caller's version of the bitmap)
 *         12     4  payload length in bytes, uint32 little-endian
 *         16     4  CRC-32 of bytes 0..15 followed by the payload, uint32 little-endian
 *         20     n  payload: portable roaring serialization
 *
 * decodeBitmap() checks all of it and throws CorruptBitmapError for any truncated, padded
 * or altered buffer, before handing the payload to roaring.
 */
import { crc32 } from './crc32.js';
import { RoaringBitmap32, type ReadonlyRoaringBitmap32 } from './roaring.js';

export const MAGIC = 'OIDB';
export const FORMAT_VERSION = 1;
export const HEADER_SIZE = 20;

/** A buffer that is not a valid encoded bitmap. Not a user error: it means stored data is damaged. */
export class CorruptBitmapError extends Error {
  override readonly name = 'CorruptBitmapError';
}

/** Encodes a bitmap with its data version (an integer in 0..2^32-1). Does not modify the bitmap. */
export function encodeBitmap(bitmap: ReadonlyRoaringBitmap32, version: number): Buffer {
  if (!Number.isInteger(version) || version < 0 || version > 0xffffffff) {
    throw new RangeError(`Bitmap version must be an integer in 0..4294967295, got ${version}.`);
  }
  const payloadSize = bitmap.getSerializationSizeInBytes('portable');
  const buf = Buffer.allocUnsafe(HEADER_SIZE + payloadSize);
  buf.write(MAGIC, 0, 'latin1');
  buf.writeUInt8(FORMAT_VERSION, 4);
  buf.fill(0, 5, 8);
  buf.writeUInt32LE(version, 8);
  buf.writeUInt32LE(payloadSize, 12);
  const payload = buf.subarray(HEADER_SIZE);
  bitmap.serialize('portable', payload);
  buf.writeUInt32LE(checksum(buf, payload), 16);
  return buf;
}

/** Decodes what encodeBitmap() produced. Throws CorruptBitmapError on any mismatch. */
export function decodeBitmap(buf: Uint8Array): { bitmap: RoaringBitmap32; version: number } {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.length < HEADER_SIZE) {
    throw new CorruptBitmapError(
      `Bitmap buffer is truncated: ${view.length} bytes, the header alone is ${HEADER_SIZE}.`,
    );
  }
  if (view.toString('latin1', 0, 4) !== MAGIC)
    throw new CorruptBitmapError('Not an encoded bitmap: bad magic bytes.');
  const format = view.readUInt8(4);
  if (format !== FORMAT_VERSION)
    throw new CorruptBitmapError(`Unsupported bitmap format version ${format}.`);
  const payloadSize = view.readUInt32LE(12);
  if (view.length !== HEADER_SIZE + payloadSize) {
    const problem =
      view.length < HEADER_SIZE + payloadSize ? 'truncated' : 'followed by extra bytes';
    throw new CorruptBitmapError(
      `Bitmap buffer is ${problem}: ${view.length} bytes, expected ${HEADER_SIZE + payloadSize}.`,
    );
  }
  const payload = view.subarray(HEADER_SIZE);
  if (checksum(view, payload) !== view.readUInt32LE(16))
    throw new CorruptBitmapError('Bitmap buffer failed its CRC-32 check.');
  let bitmap: RoaringBitmap32;
  try {
    bitmap = RoaringBitmap32.deserialize(payload, 'portable');
  } catch (error) {
    throw new CorruptBitmapError(
      `Bitmap payload is not a portable roaring bitmap: ${(error as Error).message}`,
    );
  }
  return { bitmap, version: view.readUInt32LE(8) };
}

function checksum(buf: Buffer, payload: Buffer): number {
  return crc32(payload, crc32(buf.subarray(0, 16)));
}
