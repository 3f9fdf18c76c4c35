import neo4j from 'neo4j-driver';

/**
 * Converts what the driver returns into plain JavaScript once, at the boundary:
 * Neo4j integers become numbers (ids here stay far below 2^53), temporal values
 * ISO strings, nodes and relationships their property maps.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (Array.isArray(value)) return value.map(toPlain);
  // byte arrays arrive as Int8Array
  if (ArrayBuffer.isView(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'object') {
    if (isTemporal(value)) return value.toString();
    if ('properties' in value && ('labels' in value || 'type' in value)) {
      return toPlain((value as { properties: unknown }).properties);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

function isTemporal(value: object): value is { toString(): string } {
  return (
    neo4j.isDate(value as never) ||
    neo4j.isDateTime(value as never) ||
    neo4j.isLocalDateTime(value as never) ||
    neo4j.isTime(value as never) ||
    neo4j.isLocalTime(value as never) ||
    neo4j.isDuration(value as never)
  );
}

/** Bytes for a query parameter: the driver sends only Int8Array as a Neo4j byte array. */
export function toBytes(data: Uint8Array): Int8Array {
  return new Int8Array(data.buffer, data.byteOffset, data.byteLength);
}
