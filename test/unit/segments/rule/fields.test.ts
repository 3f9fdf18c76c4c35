import { describe, expect, it } from 'vitest';
import { RULE_FIELDS, ruleField } from '../../../../src/segments/rule/fields.js';
import { parseRule } from '../../../../src/segments/rule/parser.js';
import { ruleFieldsOf } from '../../../../src/segments/rule/rule-fields-of.js';

describe('RULE_FIELDS', () => {
  it('lists the fields of issue 17 once each, typed, each with a one-line description', () => {
    expect(RULE_FIELDS.map((f) => `${f.name}:${f.type}`)).toEqual([
      'recencyDays:number',
      'frequency:number',
      'monetary:number',
      'rScore:number',
      'fScore:number',
      'mScore:number',
      'totalPoints:number',
      'birthdayMonth:number',
      'level:string',
      'gender:string',
      'registerChannel:string',
      'registerDate:date',
      'channels:set',
      'identifierTypes:set',
    ]);
    for (const field of RULE_FIELDS) {
      expect(field.description).toMatch(/^[A-Z].*\.$/);
      expect(field.description).not.toContain('\n');
    }
  });

  it('finds a field by its exact name only', () => {
    expect(ruleField('monetary')?.type).toBe('number');
    expect(ruleField('Monetary')).toBeUndefined();
    expect(ruleField('toString')).toBeUndefined();
  });
});

describe('ruleFieldsOf', () => {
  it('returns each field a rule tests once, wherever it is in the tree', () => {
    const ast = parseRule(
      'rScore >= 4 AND NOT (level IS NULL OR channels CONTAINS ANY ("app")) OR rScore = 1 OR TRUE AND monetary > 3',
    );
    expect([...ruleFieldsOf(ast)].sort()).toEqual(['channels', 'level', 'monetary', 'rScore']);
  });

  it('is empty for a constant rule', () => {
    expect(ruleFieldsOf(parseRule('NOT (TRUE OR FALSE)')).size).toBe(0);
  });
});
