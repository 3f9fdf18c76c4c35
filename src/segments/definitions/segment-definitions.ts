import { InputError } from '../../errors.js';
import type { Expr, TagNode } from '../expression/ast.js';
import { parseExpression } from '../expression/parser.js';
import { compileRule, parseRule, ruleFieldsOf, type RuleFacts } from '../rule/index.js';
import { tagKey } from '../tag-key.js';
import { personMatches } from './person-expression.js';
import {
  CHANNEL_TAG_PREFIX,
  CONSENT_TAG_PREFIX,
  UNCLASSIFIED,
  channelTag,
  consentTag,
  type SegmentDefinition,
} from './segment-definition.js';

/** The field every definition error names. */
export const DEFINITION_FIELD = 'definition';

const SCORE_FIELDS = new Set(['rScore', 'fScore', 'mScore']);

/** One definition, parsed and compiled. */
interface Compiled {
  readonly def: SegmentDefinition;
  readonly key: string;
  /** A rule's test. */
  readonly test?: (facts: RuleFacts) => boolean;
  /** A rule reading the quintile scores (re-evaluated when they move). */
  readonly usesScores: boolean;
  /** An expression's syntax tree. */
  readonly ast?: Expr;
  /** The keys of the segments an expression names. */
  readonly deps: readonly string[];
}

/** What the segments of one person are computed from, as of one date. */
export interface PersonSegmentFacts {
  readonly facts: RuleFacts;
  /** Whether it bought anything by the date (the RFM group applies only then). */
  readonly hasRfm: boolean;
  /** The channels it bought in by the date. */
  readonly channels: readonly string[];
  readonly consents: readonly string[];
  /** The static segments that list any of its identifiers. */
  readonly lists: readonly string[];
}

export interface PersonSegments {
  /** Its segment in the RFM group, null without RFM. */
  readonly segment: string | null;
  /** Every tag it carries: its RFM segment first, channels, saved segments, consents. */
  readonly tags: readonly string[];
}

/**
 * The saved segments, compiled: what a person's tags are (`tagsOf`), and which segments follow
 * which. Immutable: a change of the definitions builds a new one. Building it validates the
 * whole set: a malformed rule or expression, a reference to no segment or a cycle throws
 * InputError naming `definition` with the position.
 */
export class SegmentDefinitions {
  private readonly byKey = new Map<string, Compiled>();
  /** Exclusive groups, each in rank order. */
  private readonly groups = new Map<string, Compiled[]>();
  private readonly rules: Compiled[] = [];
  private readonly statics: Compiled[] = [];
  /** Expressions, each after the expressions it names. */
  private readonly expressions: Compiled[] = [];

  constructor(readonly definitions: readonly SegmentDefinition[]) {
    for (const def of definitions) {
      const c = compileNamed(def);
      const clash = this.byKey.get(c.key);
      if (clash)
        throw new InputError(
          `Segment ${JSON.stringify(def.name)} has the same key as ${JSON.stringify(clash.def.name)}.`,
          'name',
        );
      this.byKey.set(c.key, c);
    }
    for (const c of this.byKey.values()) {
      if (c.def.kind === 'static') this.statics.push(c);
      else if (c.def.kind === 'expression') continue;
      else if (c.def.group) {
        const list = this.groups.get(c.def.group) ?? [];
        list.push(c);
        this.groups.set(c.def.group, list);
      } else this.rules.push(c);
    }
    for (const list of this.groups.values())
      list.sort((a, b) => (a.def.rank ?? 0) - (b.def.rank ?? 0) || cmp(a.def.name, b.def.name));
    this.expressions = this.orderExpressions();
  }

  /** The definition a name spells (any spelling `tagKey` equates), or undefined. */
  find(name: string): SegmentDefinition | undefined {
    return this.byKey.get(tagKey(name))?.def;
  }

  /** Whether any rule reads the quintile scores. */
  get usesScores(): boolean {
    return [...this.byKey.values()].some((c) => c.usesScores);
  }

  /** The segments of a group in rank order (names). */
  group(name: string): string[] {
    return (this.groups.get(name) ?? []).map((c) => c.def.name);
  }

  /** The saved segments an expression segment names (as defined), in order of appearance. */
  namesIn(name: string): string[] {
    const c = this.byKey.get(tagKey(name));
    return (c?.deps ?? [])
      .map((key) => this.byKey.get(key)?.def.name)
      .filter((n): n is string => n !== undefined);
  }

  /** The names of the segments whose definition names `name` (directly). */
  usersOf(name: string): string[] {
    const key = tagKey(name);
    return this.expressions.filter((c) => c.deps.includes(key)).map((c) => c.def.name);
  }

  /**
   * The expression segments that follow any of `names`, directly or through others, in an
   * order where each comes after those it names.
   */
  dependents(names: Iterable<string>): string[] {
    const changed = new Set([...names].map(tagKey));
    const out: string[] = [];
    for (const c of this.expressions) {
      if (c.deps.some((d) => changed.has(d))) {
        changed.add(c.key);
        out.push(c.def.name);
      }
    }
    return out;
  }

  /** The names of the rule segments that read the quintile scores, with their group mates. */
  scoreSegments(): string[] {
    const names = new Set<string>();
    for (const c of this.rules) if (c.usesScores) names.add(c.def.name);
    for (const list of this.groups.values())
      if (list.some((c) => c.usesScores)) for (const c of list) names.add(c.def.name);
    return [...names];
  }

  /** A rule segment's test (ungrouped or grouped: the rule alone, not the group order). */
  ruleTest(name: string): ((facts: RuleFacts) => boolean) | undefined {
    return this.byKey.get(tagKey(name))?.test;
  }

  /** An expression segment's syntax tree. */
  expression(name: string): Expr | undefined {
    return this.byKey.get(tagKey(name))?.ast;
  }

  /** The segment of an exclusive group a person is in, null for none. */
  groupSegment(group: string, facts: RuleFacts): string | null {
    for (const c of this.groups.get(group) ?? []) if (c.test?.(facts)) return c.def.name;
    return null;
  }

  get groupNames(): string[] {
    return [...this.groups.keys()];
  }

  /** The tags of one person. */
  tagsOf(p: PersonSegmentFacts, rfmGroup = 'rfm'): PersonSegments {
    const tags: string[] = [];
    let segment: string | null = null;
    if (p.hasRfm) {
      segment = this.groups.has(rfmGroup)
        ? (this.groupSegment(rfmGroup, p.facts) ?? UNCLASSIFIED)
        : UNCLASSIFIED;
      tags.push(segment);
    }
    for (const channel of p.channels) tags.push(channelTag(channel));
    for (const [group, list] of this.groups) {
      if (group === rfmGroup) continue;
      const hit = list.find((c) => c.test?.(p.facts));
      if (hit) tags.push(hit.def.name);
    }
    for (const c of this.rules) if (c.test?.(p.facts)) tags.push(c.def.name);
    for (const c of this.statics) if (p.lists.includes(c.def.name)) tags.push(c.def.name);
    for (const purpose of p.consents) tags.push(consentTag(purpose));
    if (this.expressions.length > 0) {
      const keys = new Set(tags.map(tagKey));
      const has = (name: string) => keys.has(tagKey(name));
      for (const c of this.expressions) {
        if (personMatches(c.ast as Expr, has)) {
          tags.push(c.def.name);
          keys.add(c.key);
        }
      }
    }
    return { segment, tags };
  }

  /**
   * Orders the expressions so each comes after those it names; a reference to no segment
   * (channel and consent tags aside) or a cycle throws InputError with the position.
   */
  private orderExpressions(): Compiled[] {
    const order: Compiled[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (c: Compiled, path: Compiled[]): void => {
      if (state.get(c.key) === 'done') return;
      if (state.get(c.key) === 'visiting') {
        const from = path.findIndex((p) => p.key === c.key);
        const names = [...path.slice(from), c].map((p) => p.def.name);
        const head = path[from] as Compiled;
        const node = tagNodes(head.ast as Expr).find(
          (t) => tagKey(t.name) === (path[from + 1] ?? c).key,
        );
        throw new InputError(
          `Segment ${JSON.stringify(head.def.name)} would depend on itself: ${names.join(' → ')}` +
            (node ? ` (at position ${node.pos}).` : '.'),
          DEFINITION_FIELD,
          { segment: head.def.name, cycle: names, position: node?.pos },
        );
      }
      state.set(c.key, 'visiting');
      for (const t of tagNodes(c.ast as Expr)) {
        const key = tagKey(t.name);
        const dep = this.byKey.get(key);
        if (!dep) {
          if (isDerivedTag(t.name)) continue;
          throw new InputError(
            `Segment ${JSON.stringify(c.def.name)}: unknown segment ${JSON.stringify(t.name)} at position ${t.pos}.`,
            DEFINITION_FIELD,
            { segment: c.def.name, tag: t.name, position: t.pos },
          );
        }
        if (dep.def.kind === 'expression') visit(dep, [...path, c]);
      }
      state.set(c.key, 'done');
      order.push(c);
    };
    for (const c of this.byKey.values()) if (c.def.kind === 'expression') visit(c, []);
    return order;
  }
}

/** Channel and consent tags exist for whatever the data holds: any such name is accepted. */
function isDerivedTag(name: string): boolean {
  const key = tagKey(name);
  return key.startsWith(tagKey(CHANNEL_TAG_PREFIX)) || key.startsWith(tagKey(CONSENT_TAG_PREFIX));
}

/** `compile`, its errors naming the segment in their details. */
function compileNamed(def: SegmentDefinition): Compiled {
  try {
    return compile(def);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { field: _field, ...details } = error.details;
    throw new InputError(error.message, DEFINITION_FIELD, { ...details, segment: def.name });
  }
}

function compile(def: SegmentDefinition): Compiled {
  const key = tagKey(def.name);
  switch (def.kind) {
    case 'rule': {
      const ast = parseRule(def.definition, DEFINITION_FIELD);
      const fields = ruleFieldsOf(ast);
      return {
        def,
        key,
        test: compileRule(ast),
        usesScores: [...fields].some((f) => SCORE_FIELDS.has(f)),
        deps: [],
      };
    }
    case 'expression': {
      let ast: Expr;
      try {
        ast = parseExpression(def.definition);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const { field: _field, ...details } = error.details;
        throw new InputError(error.message, DEFINITION_FIELD, details);
      }
      return {
        def,
        key,
        ast,
        usesScores: false,
        deps: [...new Set(tagNodes(ast).map((t) => tagKey(t.name)))],
      };
    }
    case 'static':
      return { def, key, usesScores: false, deps: [] };
  }
}

function tagNodes(ast: Expr): TagNode[] {
  switch (ast.kind) {
    case 'tag':
      return [ast];
    case 'binary':
      return [...tagNodes(ast.left), ...tagNodes(ast.right)];
    case 'group':
      return ast.args.flatMap(tagNodes);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
