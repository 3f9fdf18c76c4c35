import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/segments/expression/parser.js';
import { referencedTags } from '../../../src/segments/expression/referenced-tags.js';
import { RoaringBitmap32 } from '../../../src/segments/roaring.js';
import { TagCatalog } from '../../../src/segments/tag-catalog.js';
import { tagKey } from '../../../src/segments/tag-key.js';

describe('tagKey', () => {
  it('gives every spelling of a tag the same key', () => {
    const spellings = ['AtRisk', 'At Risk', 'at_risk', 'AT-RISK', ' at  risk ', 'atrisk'];
    expect(new Set(spellings.map(tagKey))).toEqual(new Set(['atrisk']));
  });

  it('keeps letters and digits, so channel tags stay distinct', () => {
    expect(tagKey('channel_app')).toBe('channelapp');
    expect(tagKey('channel_miniapp')).toBe('channelminiapp');
    expect(tagKey('channel_online_retail')).toBe('channelonlineretail');
    expect(tagKey('R1 F2')).toBe('r1f2');
  });

  it('normalizes compatibility forms (NFKC)', () => {
    expect(tagKey('Ｈｉｇｈ\u00a0Value')).toBe('highvalue');
  });
});

describe('TagCatalog', () => {
  const atRisk = RoaringBitmap32.of(1, 2);
  const app = RoaringBitmap32.of(3);
  const catalog = new TagCatalog([
    ['At Risk', atRisk],
    ['channel_app', app],
  ]);

  it('finds a tag under any spelling, comparing keys on both sides', () => {
    for (const name of ['AtRisk', 'At Risk', 'at_risk', 'atrisk'])
      expect(catalog.lookup(name)).toBe(atRisk);
    for (const name of ['channel_app', 'ChannelApp', 'channel app'])
      expect(catalog.lookup(name)).toBe(app);
    expect(catalog.lookup('channel')).toBeUndefined();
    expect(catalog.lookup('Risk')).toBeUndefined();
  });

  it('lists the registered names', () => {
    expect(catalog.names).toEqual(['At Risk', 'channel_app']);
  });

  it('refuses two names with the same key', () => {
    expect(
      () =>
        new TagCatalog([
          ['High Value', atRisk],
          ['high_value', app],
        ]),
    ).toThrow('Tags "High Value" and "high_value" have the same key "highvalue".');
  });
});

describe('referencedTags', () => {
  it('lists distinct names as written, in order of first appearance', () => {
    const ast = parseExpression('ALL(b, "At Risk") OR a ANDNOT b XOR ANY(AtRisk, a, c)');
    expect(referencedTags(ast)).toEqual(['b', 'At Risk', 'a', 'AtRisk', 'c']);
  });

  it('lists the one tag of a single-tag expression', () => {
    expect(referencedTags(parseExpression('"x y"'))).toEqual(['x y']);
  });
});
