import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Benches share one Neo4j instance and wipe it first, so only one may run at a time: takes
 * `file` (holding this pid) or throws when a live process holds it. Returns the release.
 */
export function takeBenchLock(file: string): () => void {
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      const release = () => rmSync(file, { force: true });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (alive(holder))
        throw new Error(
          `Another bench (pid ${holder}) is using the bench Neo4j; wait for it to finish.`,
        );
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the bench lock ${file}`);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
