import type { App } from '../app.js';
import { callIdGraphRoute } from './external-function.js';
import { audienceDeltaRoute } from './audience-delta.js';
import { audienceExportQueryRoute, audienceExportRoute } from './audience-export.js';
import type { Route } from './server.js';
import { stewardGuideRoutes } from './steward/steward-guide-route.js';

/** The service's HTTP routes beyond GraphQL and health (the steward guide is public). */
export function serviceRoutes(app: App): Route[] {
  return [
    callIdGraphRoute(app),
    audienceExportRoute(app),
    audienceExportQueryRoute(app),
    audienceDeltaRoute(app),
    ...stewardGuideRoutes(),
  ];
}
