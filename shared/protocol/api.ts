/**
 * Shapes of the HTTP API's requests and responses, shared by the server (which validates
 * requests with these zod schemas) and the client (which types its fetch calls with them).
 */
import { z } from 'zod';
import type { Agency, Bilingual, CommitmentJSON, CommitmentStatus, MilestoneDue, PlanJSON } from '../schema/index.js';

/** One row of the plan overview (`GET /api/commitments`). */
export interface CommitmentSummary {
  /** Document name: the commitment syncs at `/sync/<id>`. */
  id: string;
  planId: string;
  number: string;
  title: Bilingual;
  domainId: string;
  leadAgency: Agency;
  status: CommitmentStatus;
  /** ISO time of the last stored edit. */
  updatedAt: string;
  /** Connections currently open on this commitment. */
  online: number;
  /** Due date and status of each milestone, in order: the overview's progress (`milestoneProgress`). */
  milestones: MilestoneDue[];
}

export interface PlanSummary {
  id: string;
  title: Bilingual;
  periodStart: string;
  periodEnd: string;
  commitmentCount: number;
}

export interface PlansResponse { plans: PlanSummary[] }
export interface PlanResponse { plan: PlanJSON; commitments: CommitmentSummary[] }
export interface CommitmentsResponse { commitments: CommitmentSummary[] }
export interface CommitmentResponse { commitment: CommitmentJSON; summary: CommitmentSummary }

/** Every error body: a stable code for programs and a message for people. */
export interface ErrorBody { error: { code: string; message: string } }

const bilingual = z.object({ zh: z.string().trim().min(1, 'the Chinese text is required').max(500), en: z.string().max(500).default('') });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and hyphens (at most 63)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2021-01-31');
export const agencySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'agency id: lowercase letters, digits and hyphens'),
  zh: z.string().trim().min(1).max(200),
  en: z.string().max(200).default(''),
});

export const createPlanBody = z.object({
  slug,
  title: bilingual,
  periodStart: isoDate,
  periodEnd: isoDate,
  domains: z.array(z.object({ id: slug, name: bilingual })).max(50).default([]),
});

export const createCommitmentBody = z.object({
  slug,
  domainId: z.string().min(1),
  number: z.string().trim().min(1).max(20),
  title: bilingual,
  leadAgency: agencySchema,
});

export const renameBody = z.object({ title: bilingual });

export type CreatePlanBody = z.infer<typeof createPlanBody>;
export type CreateCommitmentBody = z.infer<typeof createCommitmentBody>;
export type { CommitmentStatus };
