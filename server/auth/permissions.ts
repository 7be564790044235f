/**
 * Who may do what on the server: the document table lives in shared/protocol/access.ts (so
 * the browser mirrors it exactly); plan-level actions of the HTTP API are decided here.
 */
import type { User } from './types.js';

export { commitmentAccess, planAccess, type DocAccess, type CommitmentRef } from '../../shared/protocol/access.js';

/** Plan-level actions of the HTTP API. */
export type PlanAction = 'create_plan' | 'create_commitment' | 'move_agency' | 'invite' | 'manage_users' | 'take_snapshot' | 'publish' | 'read_audit';

export function canDo(user: User, _action: PlanAction): boolean {
  return user.role === 'coordinator';
}
