import 'reflect-metadata';
import type { App } from '../../src/app.js';
import { createServer } from '../../src/http/server.js';
import { loadApiKeys } from '../../src/http/api-keys.js';
import { serviceRoutes } from '../../src/http/routes.js';
import { createLogger } from '../../src/log/logger.js';
import { progress } from './log.js';

export interface BenchServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

/** The real HTTP service in this process, on a free loopback port, with the app's configured keys. */
export async function startServer(app: App): Promise<BenchServer> {
  const service = await createServer({
    app,
    keys: loadApiKeys(app.config),
    routes: serviceRoutes(app),
    // warnings and errors only: a line per request would be part of what is measured
    log: createLogger({ level: 'warn' }),
  });
  const url = await service.listen(0, '127.0.0.1');
  progress(`service listening on ${url}`);
  return { url, close: () => service.close() };
}
