/** Progress for humans on stderr; stdout carries only the JSON result. */
export const progress = (message: string): void =>
  void process.stderr.write(`[bench] ${message}\n`);

/** Prints the result object on stdout. */
export function emit(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
