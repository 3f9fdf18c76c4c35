/**
 * What a command says to its user, as opposed to what it logs (`log/logger.ts`, JSON lines on
 * stderr). `print` is the result on stdout: the serve banner, `oneid load`'s JSON summary,
 * a status; scripts and tests read it. `complain` is for the person at the terminal on
 * stderr: usage, a refusal, the rejected rows of a load.
 */
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function complain(text: string): void {
  process.stderr.write(`${text}\n`);
}
