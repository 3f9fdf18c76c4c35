import type { RuleFacts } from '../../../../src/segments/rule/facts.js';

/** Plain data for one person: RuleFacts minus the two set methods, plus the sets themselves. */
export type PlainFacts = Omit<RuleFacts, 'hasChannel' | 'hasIdentifierType'> & {
  readonly channels: readonly string[];
  readonly identifierTypes: readonly string[];
};

export const NO_FACTS: PlainFacts = {
  recencyDays: null,
  frequency: null,
  monetaryCents: null,
  rScore: null,
  fScore: null,
  mScore: null,
  totalPoints: null,
  birthdayMonth: null,
  level: null,
  gender: null,
  registerChannel: null,
  registerDate: null,
  channels: [],
  identifierTypes: [],
};

/** A person with only the given fields set. */
export function person(fields: Partial<PlainFacts>): PlainFacts {
  return { ...NO_FACTS, ...fields };
}

/**
 * The engine's shape: one object whose getters read row `row` of the given persons. Move it with
 * `at(i)`; it is the same object for every row, so a predicate that kept it would see the wrong
 * row.
 */
export class RowFacts implements RuleFacts {
  row = 0;
  constructor(private readonly rows: readonly PlainFacts[]) {}
  at(row: number): this {
    this.row = row;
    return this;
  }
  private get current(): PlainFacts {
    const facts = this.rows[this.row];
    if (!facts) throw new Error(`no row ${this.row}`);
    return facts;
  }
  get recencyDays() {
    return this.current.recencyDays;
  }
  get frequency() {
    return this.current.frequency;
  }
  get monetaryCents() {
    return this.current.monetaryCents;
  }
  get rScore() {
    return this.current.rScore;
  }
  get fScore() {
    return this.current.fScore;
  }
  get mScore() {
    return this.current.mScore;
  }
  get totalPoints() {
    return this.current.totalPoints;
  }
  get birthdayMonth() {
    return this.current.birthdayMonth;
  }
  get level() {
    return this.current.level;
  }
  get gender() {
    return this.current.gender;
  }
  get registerChannel() {
    return this.current.registerChannel;
  }
  get registerDate() {
    return this.current.registerDate;
  }
  hasChannel(channel: string): boolean {
    return this.current.channels.includes(channel);
  }
  hasIdentifierType(type: string): boolean {
    return this.current.identifierTypes.includes(type);
  }
}
