/**
 * The export folder's one door: everything the rest of the server (and the tests) use of
 * the exports is re-exported here — the formats and renderers, the download and redline
 * routes with their query schemas, the CSV cell rule, the PDF printer and the converters.
 * Nothing outside server/export imports its other files.
 */
export * from './formats.js';
export { exportRoutes, exportQuery, redlineQuery, type ExportDeps } from './routes.js';
export { REDLINE_FORMATS, REDLINE_LAYOUTS, isRedlineFormat, type RedlineInput, type RedlineLayout } from './redline.js';
export { csvCell } from './openData.js';
export { richHtml } from './html.js';
