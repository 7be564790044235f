/**
 * The versions API: review cycles and their snapshots, automatic checkpoints,
 * comparisons with authors, and restoring a section. Thin handlers over server/versions.
 * The new cycle's body is shared with the client (shared/protocol/versions.ts); the restore
 * body checks a version reference with the server's own parser, so it is defined here.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { createCycleBody } from '../../shared/protocol/versions.js';
import { LANGS, SECTION_KEYS } from '../../shared/schema/index.js';
import { AppError } from '../errors.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import {
  commitmentVersions,
  compareCommitment,
  comparePlan,
  cycleSnapshots,
  createCycle,
  cycleView,
  listCycles,
  parseRef,
  requireCycle,
  requireSnapshot,
  restoreSection,
  snapshotWithLabel,
  snapshotView,
  takeCycleSnapshot,
  verifySnapshot,
  REF_FORMS,
  type VersionDeps,
} from './index.js';
import { readBody } from '../http/validate.js';

const refText = z.string().refine((s) => {
  try {
    parseRef(s, 'from');
    return true;
  } catch {
    return false;
  }
}, `use ${REF_FORMS}`);

/** `POST /api/commitments/:id/restore-section` */
export const restoreSectionBody = z.object({
  from: refText,
  section: z.enum(SECTION_KEYS),
  lang: z.enum(LANGS),
});

const refsOf = (c: Context) => ({ from: parseRef(c.req.query('from'), 'from'), to: parseRef(c.req.query('to'), 'to') });

const immutable = () =>
  new AppError(405, 'immutable', 'Snapshots are immutable: they cannot be changed or deleted. Take a new review cycle snapshot instead.');

export function versionRoutes(deps: VersionDeps): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();


  // ---- review cycles ----------------------------------------------------------------------

  api.get('/plans/:planId/cycles', async (c) => c.json({ cycles: (await listCycles(deps, c.req.param('planId'))).map(cycleView) }));

  api.post('/plans/:planId/cycles', async (c) => {
    const user = requireUser(c);
    const body = await readBody(c, createCycleBody);
    return c.json({ cycle: cycleView(await createCycle(deps, c.req.param('planId'), body, user)) }, 201);
  });

  api.get('/cycles/:cycleId', async (c) => c.json({ cycle: cycleView(await requireCycle(deps, c.req.param('cycleId'))) }));

  api.post('/cycles/:cycleId/snapshot', async (c) => {
    const { cycle, snapshots } = await takeCycleSnapshot(deps, c.req.param('cycleId'), requireUser(c));
    return c.json({ cycle: cycleView(cycle), snapshots }, 201);
  });

  api.get('/cycles/:cycleId/snapshots', async (c) => {
    const { cycle, snapshots } = await cycleSnapshots(deps, c.req.param('cycleId'));
    return c.json({ cycle: cycleView(cycle), snapshots });
  });

  // ---- versions and snapshots ---------------------------------------------------------------

  api.get('/commitments/:id/versions', async (c) => {
    const id = c.req.param('id');
    return c.json({ commitmentId: id, versions: await commitmentVersions(deps, id) });
  });

  api.get('/snapshots/:id', async (c) => {
    const { snapshot: s, view } = await snapshotWithLabel(deps, c.req.param('id'));
    return c.json({ snapshot: view, hash: s.hash, rendering: JSON.parse(s.json) as unknown });
  });

  /** The frozen Yjs state, for opening the version read-only in an editor. */
  api.get('/snapshots/:id/state', async (c) => {
    const s = await requireSnapshot(deps, c.req.param('id'));
    return c.body(s.state.slice().buffer as ArrayBuffer, 200, { 'content-type': 'application/octet-stream' });
  });

  api.get('/snapshots/:id/verify', async (c) => {
    return c.json(verifySnapshot(await requireSnapshot(deps, c.req.param('id'))));
  });

  // No route changes a snapshot; say so instead of a bare 404.
  for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
    api.on(method, ['/snapshots/:id', '/snapshots/:id/*'], (c) => {
      c.header('Allow', 'GET');
      throw immutable();
    });
  }

  // ---- comparison and restore -----------------------------------------------------------------

  api.get('/commitments/:id/diff', async (c) => {
    const { from, to } = refsOf(c);
    return c.json(await compareCommitment(deps, c.req.param('id'), from, to));
  });

  api.get('/plans/:planId/diff', async (c) => {
    const { from, to } = refsOf(c);
    return c.json(await comparePlan(deps, c.req.param('planId'), from, to));
  });

  api.post('/commitments/:id/restore-section', async (c) => {
    const user = requireUser(c);
    const body = await readBody(c, restoreSectionBody);
    const result = await restoreSection(deps, c.req.param('id'), { ...body, from: parseRef(body.from, 'from') }, user);
    return c.json({ ...result, checkpoint: result.checkpoint ? snapshotView(result.checkpoint) : null });
  });

  return api;
}
