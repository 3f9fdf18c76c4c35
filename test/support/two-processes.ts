import { createApp, type App } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { loadSeedsIfEmpty } from '../../src/ingest/seeds.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase, otherProcessGateway } from './db.js';
import { inProcessGraphql, type InProcessGraphql } from './graphql-exec.js';

/** Two processes on the seeded test graph, as the multi-process tests need them. */
export interface TwoProcesses {
  /** The writer's gateway and app: the seed loaded, its bitmaps built. */
  readonly db: Gateway;
  readonly app: App;
  /** Another process on its own driver and connections. */
  readonly dbOther: Gateway;
  readonly other: App;
  /** GraphQL in the writer's process. */
  readonly gql: InProcessGraphql;
  /** Stops both feeds, live packages and GraphQL, then closes both drivers. */
  close(): Promise<void>;
}

/**
 * A fresh test graph with the seed loaded by `app`, and `other`, a second process that loads
 * the stored bitmaps and follows the change feed on its own (`follow`, the default) or only
 * when a test asks it to (`other.rfm.feed.waitFor`).
 */
export async function twoProcesses(config: Config, { follow = true } = {}): Promise<TwoProcesses> {
  const db = await freshDatabase();
  const app = createApp(config, db);
  await loadSeedsIfEmpty(app, app.config.seedDir);
  await app.segments.init();
  const dbOther = otherProcessGateway();
  const other = createApp(config, dbOther);
  await other.segments.init(follow);
  const gql = await inProcessGraphql(app);
  return {
    db,
    app,
    dbOther,
    other,
    gql,
    async close() {
      await app.live.stop();
      await other.live.stop();
      other.rfm.feed.stop();
      app.rfm.feed.stop();
      await gql.stop();
      await dbOther.close();
      await db.close();
    },
  };
}
