/** The API description: the one door of the feature (route catalogue, OpenAPI document, reference page). */
export { ROUTES, type RouteDoc, type RouteBody } from './routes.js';
export { buildOpenApi, openApiPath, type OpenApiDocument } from './openapi.js';
export { referencePage } from './page.js';
