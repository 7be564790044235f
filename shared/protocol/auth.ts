/**
 * Accounts as the API shows them: roles, affiliations, users, and the bodies of the sign-in
 * and invitation calls.
 */
import { z } from 'zod';

/** The roles of a plan. The public (not signed in) has no account. */
export const ROLES = ['coordinator', 'agency_editor', 'civil_editor', 'translator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Whether a person speaks for an agency or for civil society (the contribution split). */
export const AFFILIATION_KINDS = ['agency', 'civil_society'] as const;
export type AffiliationKind = (typeof AFFILIATION_KINDS)[number];

export interface Affiliation {
  kind: AffiliationKind;
  /** Agency id (matches a commitment's leadAgency.id) or the organisation's slug. */
  id: string;
  name: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  affiliation: Affiliation;
  /** Commitments whose working group a civil-society editor joined. */
  commitments: string[];
  createdAt: string;
}

export interface SignInResponse {
  user: User;
  /** The session token: send as `Authorization: Bearer <token>`, or `?token=` on /sync. */
  token: string;
  expiresAt: number;
}

const email = z.string().trim().toLowerCase().email('enter an e-mail address like name@example.gov.tw').max(254);
export const signInBody = z.object({ email, password: z.string().min(1, 'enter your password').max(1000) });

export const affiliationSchema = z.object({
  kind: z.enum(AFFILIATION_KINDS),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'affiliation id: lowercase letters, digits and hyphens'),
  name: z.string().trim().min(1).max(200),
});

export const invitationBody = z.object({
  email,
  role: z.enum(ROLES),
  affiliation: affiliationSchema,
  commitments: z.array(z.string().max(64)).max(200).default([]),
});

export const acceptInvitationBody = z.object({
  name: z.string().trim().min(1, 'enter your name').max(100),
  password: z.string().min(10, 'use at least 10 characters').max(1000),
});

export type InvitationBody = z.infer<typeof invitationBody>;

/** "Forgot password": where to send the link. */
export const passwordResetRequestBody = z.object({ email });
/** The new password, sent with the link's token. */
export const passwordResetBody = z.object({ password: acceptInvitationBody.shape.password });
/** A signed-in person's own new password: the current one proves it is them. */
export const changePasswordBody = z.object({ current: z.string().min(1, 'enter your current password').max(1000), password: acceptInvitationBody.shape.password });
