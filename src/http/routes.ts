import type { App } from '../app.js';
import { callIdGraphRoute } from './external-function.js';
import { audienceExportRoute } from './audience-export.js';
import type { Route } from './server.js';

/** The service's HTTP routes beyond GraphQL and health. */
export function serviceRoutes(app: App): Route[] {
  return [callIdGraphRoute(app), audienceExportRoute(app)];
}
