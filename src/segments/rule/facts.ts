/**
 * What a rule is evaluated against: one person's fields. The engine implements it over typed
 * columns with getters and reuses one object for every person, so a compiled rule only reads
 * these properties during a call and never keeps the object.
 */
export interface RuleFacts {
  readonly recencyDays: number | null; // null: no purchase as of the reference date
  readonly frequency: number | null;
  readonly monetaryCents: number | null;
  readonly rScore: number | null;
  readonly fScore: number | null;
  readonly mScore: number | null;
  readonly totalPoints: number | null;
  readonly birthdayMonth: number | null;
  readonly level: string | null;
  readonly gender: string | null;
  readonly registerChannel: string | null;
  readonly registerDate: string | null; // "YYYY-MM-DD"
  hasChannel(channel: string): boolean;
  hasIdentifierType(type: string): boolean;
}
