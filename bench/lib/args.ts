/** Minimal flag parsing for benches: `--flag` and `--name value` / `--name=value`. */
export interface BenchArgs {
  has(flag: string): boolean;
  number(name: string, fallback: number): number;
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
    number(name, fallback) {
      const raw = value(name);
      if (raw === undefined) return fallback;
      const n = Number(raw.replace(/_/g, ''));
      if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
      return n;
    },
  };
}
