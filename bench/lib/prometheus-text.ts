/**
 * The sum over all label sets of each sample whose metric name matches `pattern`, from
 * Prometheus text exposition (`name{labels} value`); comments and non-numbers are skipped.
 */
export function metricSums(text: string, pattern: RegExp): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const [, name, raw] = match as unknown as [string, string, string];
    const value = Number(raw);
    if (!pattern.test(name) || !Number.isFinite(value)) continue;
    sums[name] = (sums[name] ?? 0) + value;
  }
  return sums;
}
