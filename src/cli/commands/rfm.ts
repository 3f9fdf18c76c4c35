import { openRuntime } from '../runtime.js';
import { complain, print } from '../output.js';

/** oneid rfm refresh */
export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'refresh') {
    complain('Usage: oneid rfm refresh');
    return 64;
  }
  const runtime = await openRuntime();
  try {
    const stats = await runtime.app.rfm.refreshAll();
    await runtime.app.segments.rebuild();
    print(JSON.stringify(stats));
    return 0;
  } finally {
    await runtime.close();
  }
}
