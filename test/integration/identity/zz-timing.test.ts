import { it } from 'vitest';
import { freshDatabase } from '../../support/db.js';
it('timing', async () => {
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const db = await freshDatabase();
    const t2 = performance.now();
    await db.readQuery('identity/stats');
    const t3 = performance.now();
    await db.close();
    console.log('fresh', Math.round(t2 - t), 'first query', Math.round(t3 - t2));
  }
});
