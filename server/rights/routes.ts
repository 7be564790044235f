/**
 * The agency directory and who may write a commitment: thin handlers over the rights
 * service. Every change is the coordinator's; a lead agency cannot add co-implementers
 * (rights are granted by the plan's coordinator, see the README's permission model).
 */
import { Hono } from 'hono';
import { agencyNamesBody, coAgenciesBody, coAgencyBody, legacyMoveBody, moveLeadBody, newAgencyBody } from '../../shared/protocol/rights.js';
import type { CommitmentJSON } from '../../shared/schema/index.js';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import type { RightsService } from './service.js';
import { badRequest } from '../errors.js';
import { readBody } from '../http/validate.js';

export interface RightsRouteDeps {
  rights: RightsService;
  /** The commitment as it now renders (the catalog's; given, so rights need not know the plans). */
  commitmentOf(id: string): Promise<CommitmentJSON>;
}

export function rightsRoutes({ rights, commitmentOf }: RightsRouteDeps): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();

  api.get('/agencies', async (c) => c.json({ agencies: await rights.listAgencies() }));
  api.post('/agencies', async (c) => c.json({ agency: await rights.addAgency(await readBody(c, newAgencyBody), requireUser(c)) }, 201));
  api.put('/agencies/:agencyId', async (c) => {
    const names = await readBody(c, agencyNamesBody);
    return c.json({ agency: await rights.renameAgency({ id: c.req.param('agencyId'), ...names }, requireUser(c)) });
  });

  /** The rights and, for callers of the older route, the commitment as it now renders. */
  const answer = async (id: string, view: Awaited<ReturnType<RightsService['view']>>) => ({ rights: view, commitment: await commitmentOf(id) });

  api.get('/commitments/:id/rights', async (c) => c.json({ rights: await rights.view(c.req.param('id')) }));
  api.put('/commitments/:id/lead-agency', async (c) => {
    const id = c.req.param('id');
    const body = await readBody(c, moveLeadBody);
    return c.json(await answer(id, await rights.moveLead(id, body.agencyId, body.note, requireUser(c))));
  });
  // The older form: the agency given whole (its id must be in the directory), the note optional.
  api.post('/commitments/:id/lead-agency', async (c) => {
    const id = c.req.param('id');
    const body = await readBody(c, legacyMoveBody);
    return c.json(await answer(id, await rights.moveLead(id, body.leadAgency.id, body.note, requireUser(c))));
  });
  api.put('/commitments/:id/co-agencies', async (c) => {
    const id = c.req.param('id');
    const body = await readBody(c, coAgenciesBody);
    return c.json(await answer(id, await rights.setCoAgencies(id, body.agencyIds, body.note, requireUser(c))));
  });
  api.post('/commitments/:id/co-agencies', async (c) => {
    const id = c.req.param('id');
    const body = await readBody(c, coAgencyBody);
    return c.json(await answer(id, await rights.addCoAgency(id, body.agencyId, body.note, requireUser(c))));
  });
  api.delete('/commitments/:id/co-agencies/:agencyId', async (c) => {
    const id = c.req.param('id');
    const note = c.req.query('note') ?? '';
    if (note.length > 500) throw badRequest('The note may hold at most 500 characters.');
    return c.json(await answer(id, await rights.removeCoAgency(id, c.req.param('agencyId'), note.trim(), requireUser(c))));
  });
  return api;
}
