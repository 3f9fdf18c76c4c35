import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU seconds used so far by process `pid` (Linux /proc); NaN when unreadable. */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of this process and of another one (the Neo4j server) between start and stop. */
export function cpuMeter(
  otherPid: number | undefined,
): () => { selfCpuSeconds: number; neo4jCpuSeconds: number } {
  const self0 = process.cpuUsage();
  const other0 = processCpuSeconds(otherPid);
  return () => {
    const self = process.cpuUsage(self0);
    return {
      selfCpuSeconds: Math.round((self.user + self.system) / 1e4) / 100,
      neo4jCpuSeconds: Math.round((processCpuSeconds(otherPid) - other0) * 100) / 100,
    };
  };
}
