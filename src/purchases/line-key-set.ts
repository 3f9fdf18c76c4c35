/**
 * A set of 16-hex-digit line keys in two typed arrays (8 bytes a key, open addressing),
 * instead of a Set of strings (about 100 bytes a key and much garbage-collector work at a
 * million keys). Keys must be 16 lowercase or uppercase hex digits, as lineKey makes them.
 */
export class LineKeySet {
  private high = new Uint32Array(1 << 16);
  private low = new Uint32Array(1 << 16);
  private used = new Uint8Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds `key`; returns false when it was already present. */
  add(key: string): boolean {
    const high = Number.parseInt(key.slice(0, 8), 16);
    const low = Number.parseInt(key.slice(8, 16), 16);
    if (Number.isNaN(high) || Number.isNaN(low) || key.length !== 16)
      throw new RangeError(`not a line key: ${key}`);
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    if (!this.insert(high, low)) return false;
    this.count += 1;
    return true;
  }

  private insert(high: number, low: number): boolean {
    const mask = this.used.length - 1;
    for (let slot = mix(high ^ mix(low)) & mask; ; slot = (slot + 1) & mask) {
      if (this.used[slot] === 0) {
        this.used[slot] = 1;
        this.high[slot] = high;
        this.low[slot] = low;
        return true;
      }
      if (this.high[slot] === high && this.low[slot] === low) return false;
    }
  }

  private grow(): void {
    const { high, low, used } = this;
    this.high = new Uint32Array(used.length * 2);
    this.low = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let slot = 0; slot < used.length; slot++) {
      if (used[slot] === 1) this.insert(high[slot] ?? 0, low[slot] ?? 0);
    }
  }
}

/** MurmurHash3's 32-bit finalizer: spreads every input bit over the low bits used as slot. */
function mix(value: number): number {
  let h = value ^ (value >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
