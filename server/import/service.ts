/**
 * The import service: a file's commitments previewed (what each would create or change, who
 * may) and imported. New commitments are the coordinator's (through the catalog, like any new
 * commitment); an existing one is updated by its writers as a forward edit attributed to the
 * importing person, after an automatic checkpoint. All of a file is checked before anything
 * is written: one commitment the person may not import refuses the whole file.
 */
import { randomBytes } from 'node:crypto';
import type { User } from '../../shared/protocol/auth.js';
import {
  IMPORT_CONTENT_TYPES,
  type ImportFormat,
  type ImportPreview,
  type ImportResult,
  type ImportRefusal,
  type ImportWarning,
  type PreviewCommitment,
} from '../../shared/protocol/import.js';
import { commitmentDoc, renderCommitment, type Agency, type CommitmentJSON, type PlanJSON } from '../../shared/schema/index.js';
import { diffCommitment } from '../../shared/diff/index.js';
import { canDo } from '../auth/permissions.js';
import type { Catalog } from '../plans/catalog.js';
import { AppError } from '../errors.js';
import type { RightsService } from '../rights/service.js';
import type { Store } from '../storage/index.js';
import { authorOf } from '../sync/connection.js';
import type { Rooms } from '../sync/rooms.js';
import { checkpointBeforeBulkChange } from '../versions/index.js';
import { applyImported } from './apply.js';
import { toFields } from './fields.js';
import { readCommitments } from './read.js';
import type { ImportedCommitment } from './recognise.js';

export interface ImportDeps {
  store: Store;
  rooms: Rooms;
  catalog: Catalog;
  rights: RightsService;
}

export interface ImportRequest {
  bytes: Uint8Array;
  contentType: string | undefined;
  /** Update this commitment (the file must hold one); otherwise matched by number, or created. */
  commitmentId?: string;
  /** Domain of new commitments; otherwise the domain named above them in the file, or the plan's first. */
  domainId?: string;
}

/** The format a request's content type names; 415 with a sentence in both languages otherwise. */
export function importFormatOf(contentType: string | undefined): ImportFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === IMPORT_CONTENT_TYPES.docx) return 'docx';
  if (type === IMPORT_CONTENT_TYPES.markdown || type === 'text/x-markdown') return 'markdown';
  throw new AppError(
    415,
    'unsupported_import_format',
    `只能匯入 Word 文件（.docx）或 Markdown（.md）檔案，請以對應的 Content-Type 傳送。 Only Word documents (.docx, Content-Type: ${IMPORT_CONTENT_TYPES.docx}) and Markdown files (.md, Content-Type: text/markdown) can be imported (got ${contentType ? JSON.stringify(contentType.slice(0, 100)) : 'no Content-Type'}). Save the file as .docx or .md and send it again.`,
  );
}

const slugOf = (number: string) => number.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);

interface Planned {
  preview: PreviewCommitment;
  imported: ImportedCommitment;
  current: CommitmentJSON | null;
}

export class ImportService {
  constructor(private readonly deps: ImportDeps) {}

  async preview(user: User, planId: string, req: ImportRequest): Promise<ImportPreview> {
    const { format, planned, warnings } = await this.plan(user, planId, req);
    return { planId, format, commitments: planned.map((p) => p.preview), warnings };
  }

  async import(user: User, planId: string, req: ImportRequest): Promise<ImportResult> {
    const { planned, warnings } = await this.plan(user, planId, req);
    const refused = planned.filter((p) => !p.preview.allowed);
    if (refused.length) {
      throw new AppError(403, 'import_forbidden', `Nothing was imported: ${refused.map((p) => `${p.preview.number || p.preview.title || 'a commitment'}: ${p.preview.reason}`).join(' ')}`);
    }
    const author = authorOf(user);
    const results: ImportResult['results'] = [];
    for (const p of planned) {
      const { preview } = p;
      if (preview.action === 'update') {
        const id = preview.commitmentId!;
        const checkpoint = await checkpointBeforeBulkChange(id, 'import', this.deps, author);
        await this.deps.rooms.change(id, author, (doc) => applyImported(doc, preview.fields, preview.lang));
        results.push({ number: preview.number, action: 'update', commitmentId: id, checkpointId: checkpoint?.id ?? null });
        continue;
      }
      const lead = preview.fields.leadAgency!;
      const title = { zh: preview.lang === 'zh' ? preview.title : '', en: preview.lang === 'en' ? preview.title : '' };
      const slug = `${slugOf(preview.number) || 'imported'}-${randomBytes(3).toString('hex')}`;
      const created = await this.deps.catalog.createCommitment(planId, { slug, domainId: preview.domainId!, number: preview.number, title, leadAgency: lead }, user);
      const co = preview.fields.coAgencies ?? [];
      if (co.length) await this.deps.rights.setCoAgencies(created.id, co.map((a) => a.id), 'import', user);
      await this.deps.rooms.change(created.id, author, (doc) => applyImported(doc, preview.fields, preview.lang));
      results.push({ number: preview.number, action: 'create', commitmentId: created.id, checkpointId: null });
    }
    return { planId, results, warnings: [...warnings, ...planned.flatMap((p) => p.preview.warnings)] };
  }

  private async plan(user: User, planId: string, req: ImportRequest): Promise<{ format: ImportFormat; planned: Planned[]; warnings: ImportWarning[] }> {
    const format = importFormatOf(req.contentType);
    const plan = await this.deps.catalog.getPlan(planId);
    if (req.bytes.length === 0) throw new AppError(400, 'empty_import', 'The request body is empty: send the file itself as the body (not a form), with its Content-Type.');
    const found = await readCommitments(req.bytes, format);
    if (found.commitments.length === 0) {
      throw new AppError(422, 'nothing_recognised', '檔案中找不到承諾事項表。 No commitment table was found in the file: label its fields as the commitment table does (公共問題 / Public problem, 權責機關 / Lead agency, …) in a table or as headings or bold labels.');
    }
    const directory: Agency[] = (await this.deps.rights.listAgencies()).map((a) => ({ id: a.id, zh: a.zh, en: a.en }));
    const existing = await this.deps.catalog.listCommitments(planId);
    if (req.commitmentId) {
      const target = existing.find((c) => c.id === req.commitmentId);
      if (!target) throw new AppError(404, 'not_found', `The plan ${planId} has no commitment "${req.commitmentId}". Check the id, or leave out ?commitment= to import new commitments.`);
      if (found.commitments.length > 1) throw new AppError(400, 'import_several', `The file holds ${found.commitments.length} commitments; updating one commitment (?commitment=) takes a file with one. Leave out ?commitment= to import them all.`);
    }
    if (req.domainId && !plan.domains.some((d) => d.id === req.domainId)) throw new AppError(400, 'unknown_domain', `The plan has no domain "${req.domainId}". Its domains are: ${plan.domains.map((d) => d.id).join(', ') || 'none yet'}.`);
    const planned: Planned[] = [];
    const taken = new Set<string>();
    for (const imported of found.commitments) {
      const { fields, warnings } = toFields(imported, directory);
      const match = req.commitmentId ?? (imported.number ? existing.find((c) => c.number === imported.number && !taken.has(c.id))?.id : undefined);
      if (match) taken.add(match);
      const preview: PreviewCommitment = {
        number: imported.number,
        title: imported.title,
        lang: imported.lang,
        action: match ? 'update' : 'create',
        commitmentId: match ?? null,
        domainId: null,
        allowed: true,
        reason: '',
        reasonCode: null,
        fields,
        recognised: imported.recognised,
        unrecognised: imported.unrecognised,
        milestoneCount: fields.milestones?.length ?? 0,
        warnings,
        diff: null,
      };
      let current: CommitmentJSON | null = null;
      if (match) {
        current = (await this.deps.catalog.getCommitment(match)).commitment;
        preview.diff = diffCommitment(current, proposed(current, preview));
        if ((await this.deps.rights.accessOf(user, match)) !== 'write') refuse(preview, 'not_writer', 'You may not edit this commitment: its lead and co-implementing agencies\' editors and the coordinator may.');
        if (fields.leadAgency && fields.leadAgency.id !== current.leadAgency.id) {
          warnings.push({ code: 'lead_not_changed', params: { file: fields.leadAgency.zh, current: current.leadAgency.zh }, message: `The file names "${fields.leadAgency.zh}" as lead agency; an import does not move a commitment (the coordinator does, under its rights). The lead agency stays "${current.leadAgency.zh}".` });
        }
        const co = (fields.coAgencies ?? current.coAgencies).map((a) => a.id).join(',');
        if (fields.coAgencies && co !== current.coAgencies.map((a) => a.id).join(',')) {
          warnings.push({ code: 'agency_not_changed', message: 'The file names other co-implementing agencies; an import does not change them (the coordinator does, under the commitment\'s rights).' });
        }
      } else {
        preview.domainId = req.domainId ?? domainNamed(plan, imported.domainHeading) ?? plan.domains[0]?.id ?? null;
        if (!canDo(user, 'create_commitment')) refuse(preview, 'coordinator_only', 'Only the coordinator creates commitments; no existing commitment of the plan has this number.');
        else if (!fields.leadAgency) refuse(preview, imported.leadAgency ? 'lead_agency_unknown' : 'no_lead_agency', imported.leadAgency ? `Its lead agency "${imported.leadAgency}" is not in the agency directory; add it first (POST /api/agencies).` : 'The file names no lead agency (權責機關 / Lead agency) for it, and a commitment needs one.', { agency: imported.leadAgency });
        else if (!preview.domainId) refuse(preview, 'no_domain', 'The plan has no domain to put it in; add a domain first.');
      }
      planned.push({ preview, imported, current });
    }
    return { format, planned, warnings: found.warnings };
  }
}

function refuse(p: PreviewCommitment, code: ImportRefusal, reason: string, params?: Record<string, string>): void {
  p.allowed = false;
  p.reason = reason;
  p.reasonCode = code;
  if (params) p.reasonParams = params;
}

/** The commitment as it would be after the import (the fields written on a copy). */
function proposed(current: CommitmentJSON, p: PreviewCommitment): CommitmentJSON {
  const doc = commitmentDoc(current);
  try {
    applyImported(doc, p.fields, p.lang);
    return renderCommitment(doc);
  } finally {
    doc.destroy();
  }
}

function domainNamed(plan: PlanJSON, heading: string): string | undefined {
  const h = heading.trim();
  if (!h) return undefined;
  return plan.domains.find((d) => d.name.zh === h || d.name.en === h)?.id;
}
