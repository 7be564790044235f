/**
 * The rights API (who may write a commitment) and the agency directory, shared by the
 * server, which validates requests with these schemas, and the client's dialogs.
 */
import { z } from 'zod';
import type { Agency } from '../schema/index.js';
import { agencySchema } from './api.js';

/** A commitment's lead and co-implementing agencies as the server holds them. */
export interface RightsView {
  commitmentId: string;
  /** Null for a commitment that never had one (only the coordinator writes it). */
  leadAgency: Agency | null;
  coAgencies: Agency[];
  /** Grows with every change. */
  version: number;
}

export interface AgenciesResponse { agencies: Agency[] }

const agencyId = agencySchema.shape.id;
/** Why the rights changed, shown in the commitment's history. */
const note = z.string().trim().max(500);

export const newAgencyBody = agencySchema;
export const agencyNamesBody = agencySchema.pick({ zh: true, en: true });
export const moveLeadBody = z.object({ agencyId, note: note.min(1, 'say why the commitment moves (a note is required)') });
export const coAgencyBody = z.object({ agencyId, note: note.default('') });
export const coAgenciesBody = z.object({ agencyIds: z.array(agencyId).max(50), note: note.default('') });
/** `POST /lead-agency` as before the directory: the agency given whole, the note optional; its id must be in the directory. */
export const legacyMoveBody = z.object({ leadAgency: agencySchema, note: note.default('') });
