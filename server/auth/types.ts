/**
 * Account shapes as auth code names them. The records the store keeps are defined by the
 * store's contract (storage/accounts.ts), so storage never imports auth; the API's shapes
 * are in shared/protocol/auth.ts.
 */
export { ROLES, AFFILIATION_KINDS } from '../../shared/protocol/auth.js';
export type { Affiliation, AffiliationKind, Role, User } from '../../shared/protocol/auth.js';
export type { Account, AccountPatch, Invitation, NewUser } from '../storage/index.js';
