import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineKeySet } from '../../../src/purchases/line-key-set.js';

const hexKey = fc.stringMatching(/^[0-9a-f]{16}$/);

describe('LineKeySet', () => {
  it('behaves like a Set of strings, through growth', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            hexKey,
            fc.constantFrom('0000000000000000', 'ffffffffffffffff', '00000000ffffffff'),
          ),
          { maxLength: 300 },
        ),
        (keys) => {
          const reference = new Set<string>();
          const set = new LineKeySet();
          for (const key of keys) {
            expect(set.add(key)).toBe(!reference.has(key));
            reference.add(key);
          }
          expect(set.size).toBe(reference.size);
        },
      ),
    );
  });

  it('keeps keys that share their low bits apart and grows past its first capacity', () => {
    const set = new LineKeySet();
    const keys = Array.from(
      { length: 200_000 },
      (_, i) => `${i.toString(16).padStart(8, '0')}00000001`,
    );
    expect(keys.filter((key) => set.add(key))).toHaveLength(keys.length);
    expect(keys.filter((key) => set.add(key))).toHaveLength(0);
    expect(set.size).toBe(200_000);
  });

  it('rejects text that is not a line key', () => {
    expect(() => new LineKeySet().add('xyz')).toThrow(RangeError);
    expect(() => new LineKeySet().add('0123456789abcdef0')).toThrow(RangeError);
  });
});
