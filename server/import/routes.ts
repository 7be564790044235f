/** Importing DOCX and Markdown commitment tables over HTTP: thin handlers over the import service (server/import). */
import { Hono, type Context } from 'hono';
import { importQuery } from '../../shared/protocol/import.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { badRequest } from '../errors.js';
import { importFormatOf, type ImportRequest, type ImportService } from './index.js';

export function importRoutes(deps: { imports: ImportService }): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const { imports } = deps;
  /** The request as the service takes it: the raw body is the file (its size bounded by the API's body limit). */
  const request = async (c: Context<AuthEnv>): Promise<ImportRequest> => {
    const q = importQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest('commitment and domain, when given, are ids (at most 100 characters).');
    const contentType = c.req.header('content-type');
    // An unknown format is refused before the body is read.
    importFormatOf(contentType);
    return { bytes: new Uint8Array(await c.req.arrayBuffer()), contentType, commitmentId: q.data.commitment, domainId: q.data.domain };
  };
  api.post('/plans/:planId/import/preview', async (c) => {
    const user = requireUser(c);
    return c.json(await imports.preview(user, c.req.param('planId'), await request(c)));
  });
  api.post('/plans/:planId/import', async (c) => {
    const user = requireUser(c);
    return c.json(await imports.import(user, c.req.param('planId'), await request(c)));
  });
  return api;
}
