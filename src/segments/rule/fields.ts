/**
 * The fields a rule may test, with their types: the one catalog the parser checks against and
 * the GraphQL schema and README list. Field names are case-sensitive.
 */

/**
 * - `number`: compared with number literals (=, !=, <, <=, >, >=, IN, IS NULL);
 * - `string`: compared exactly, case-sensitively, with string literals (=, !=, IN, IS NULL);
 * - `date`: compared with "YYYY-MM-DD" string literals, in calendar order (all comparisons);
 * - `set`: a set of strings, tested with CONTAINS, CONTAINS ANY and CONTAINS ALL; never null.
 */
export type RuleFieldType = 'number' | 'string' | 'date' | 'set';

export interface RuleField {
  readonly name: string;
  readonly type: RuleFieldType;
  /** One line, for the GraphQL schema and the README. */
  readonly description: string;
  /** Only whole numbers in this closed range are valid literals (scores, months). */
  readonly range?: { readonly min: number; readonly max: number };
}

export const RULE_FIELDS = [
  {
    name: 'recencyDays',
    type: 'number',
    description: 'Days from the last purchase to the reference date; null without a purchase.',
  },
  { name: 'frequency', type: 'number', description: 'Number of purchases.' },
  {
    name: 'monetary',
    type: 'number',
    description: 'Total spent, in currency units; compared exactly in cents.',
  },
  {
    name: 'rScore',
    type: 'number',
    description: 'Recency quintile score, 1 to 5.',
    range: { min: 1, max: 5 },
  },
  {
    name: 'fScore',
    type: 'number',
    description: 'Frequency quintile score, 1 to 5.',
    range: { min: 1, max: 5 },
  },
  {
    name: 'mScore',
    type: 'number',
    description: 'Monetary quintile score, 1 to 5.',
    range: { min: 1, max: 5 },
  },
  { name: 'totalPoints', type: 'number', description: 'Loyalty points (CRM profile).' },
  {
    name: 'birthdayMonth',
    type: 'number',
    description: 'Month of birth, 1 to 12 (CRM profile).',
    range: { min: 1, max: 12 },
  },
  { name: 'level', type: 'string', description: 'Membership level, e.g. "gold" (CRM profile).' },
  { name: 'gender', type: 'string', description: 'Gender as the CRM records it.' },
  {
    name: 'registerChannel',
    type: 'string',
    description: 'Channel the member registered through (CRM profile).',
  },
  { name: 'registerDate', type: 'date', description: 'Registration date, "YYYY-MM-DD".' },
  { name: 'channels', type: 'set', description: 'Channels the person has purchased through.' },
  {
    name: 'identifierTypes',
    type: 'set',
    description: 'Types of the person\'s active identifiers, e.g. "device_id", "union_id".',
  },
] as const satisfies readonly RuleField[];

export type RuleFieldName = (typeof RULE_FIELDS)[number]['name'];

const BY_NAME: ReadonlyMap<string, RuleField & { readonly name: RuleFieldName }> = new Map(
  RULE_FIELDS.map((field) => [field.name, field]),
);

/** The field named exactly `name`, or undefined. */
export function ruleField(
  name: string,
): (RuleField & { readonly name: RuleFieldName }) | undefined {
  return BY_NAME.get(name);
}

/** The field whose name equals `name` ignoring case (a suggestion for a misspelling), or undefined. */
export function ruleFieldIgnoringCase(name: string): RuleFieldName | undefined {
  const lower = name.toLowerCase();
  return RULE_FIELDS.find((field) => field.name.toLowerCase() === lower)?.name;
}
