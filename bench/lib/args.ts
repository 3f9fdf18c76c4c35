/** Minimal flag parsing for benches: `--flag` and `--name value` / `--name=value`. */
export interface BenchArgs {
  has(flag: string): boolean;
  number(name: string, fallback: number): number;
  /** The number given, or undefined without the option. */
  optionalNumber(name: string): number | undefined;
  string(name: string, fallback: string): string;
}

export function benchArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  const value = (name: string): string | undefined => {
    const at = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (at === -1) return undefined;
    const arg = argv[at] as string;
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  };
  return {
    has: (flag) => argv.includes(`--${flag}`),
    string: (name, fallback) => value(name) ?? fallback,
    number(name, fallback) {
      return this.optionalNumber(name) ?? fallback;
    },
    optionalNumber(name) {
      const raw = value(name);
      if (raw === undefined) return undefined;
      const n = Number(raw.replace(/_/g, ''));
      if (!Number.isFinite(n) || n <= 0)
        throw new Error(`--${name} must be a positive number, got "${raw}"`);
      return n;
    },
  };
}
