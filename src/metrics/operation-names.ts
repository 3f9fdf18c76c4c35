/** The longest operation name kept as a label value; longer names are cut. */
export const MAX_OPERATION_NAME = 64;
/** Distinct operation names labelled; later new names count as "other". */
export const MAX_OPERATION_NAMES = 100;

/**
 * Label values for GraphQL operation names, bounded: a name from the parsed document (a
 * GraphQL Name, so only `[_A-Za-z0-9]`), cut to `maxLength`; "anonymous" without one; and
 * after `maxNames` distinct names every new one is "other", whatever clients send.
 */
export class OperationNames {
  private readonly seen = new Set<string>();

  constructor(
    private readonly maxNames = MAX_OPERATION_NAMES,
    private readonly maxLength = MAX_OPERATION_NAME,
  ) {}

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    const cut = name.slice(0, this.maxLength);
    if (this.seen.has(cut)) return cut;
    if (this.seen.size >= this.maxNames) return 'other';
    this.seen.add(cut);
    return cut;
  }
}
