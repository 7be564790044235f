/** The contract of the agency directory and each commitment's rights (server/rights uses it). */
import type { DocEvent } from './docs.js';

/** An agency of the directory the coordinator keeps: its id is what rights and accounts name. */
export interface AgencyRecord {
  id: string;
  zh: string;
  en: string;
}

/** Who may write a commitment besides the coordinator: its lead agency and co-implementing agencies. */
export interface RightsRecord {
  commitmentId: string;
  leadAgencyId: string;
  /** In the order they are shown. */
  coAgencyIds: string[];
  /** Grows by one with every change (1 when the rows are created). */
  version: number;
}

/**
 * The agency directory and each commitment's rights (who may write it). Rights change only
 * through the rights service, each change recorded in the commitment's history in the same
 * transaction.
 */
export interface RightsStore {
  /** Adds the agencies the directory does not hold yet; those it holds keep their names. Returns how many were added. */
  addAgencies(agencies: AgencyRecord[]): Promise<number>;
  /** The directory, ordered by id. */
  listAgencies(): Promise<AgencyRecord[]>;
  /** Gives a known agency new names (a renamed ministry keeps its id, so its rights); false when unknown. */
  renameAgency(agency: AgencyRecord): Promise<boolean>;
  /** The commitments whose rights name the agency (as lead or co-implementing), by id. */
  commitmentsNaming(agencyId: string): Promise<string[]>;
  /** The commitment's rights, or null when it has no rows yet (a document from before the directory). */
  getRights(commitmentId: string): Promise<RightsRecord | null>;
  /**
   * Creates a commitment's rows (version 1) unless it has some; true when created. The
   * agencies must be in the directory and the commitment a stored document.
   */
  initRights(rights: Omit<RightsRecord, 'version'>): Promise<boolean>;
  /**
   * Replaces the rows when they are still at `expectedVersion`, and appends `event` to the
   * commitment's history, in one transaction. Returns the new version, or null (nothing
   * written) when another change came first.
   */
  setRights(rights: Omit<RightsRecord, 'version'>, expectedVersion: number, event: DocEvent): Promise<number | null>;
}
