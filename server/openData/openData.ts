/**
 * Open data of the published versions, for anyone and for data.gov.tw's harvester: the
 * commitments, milestones/KPIs, budget years and answered public comments of a published cycle as tables,
 * and a Frictionless data package describing every field in zh-TW and English with the
 * licence. Only published snapshots are read, so a change shows up at the next publication.
 */
import { createHash } from 'node:crypto';
import { budgetAmount, COMMITMENT_STATUS_LABELS, MILESTONE_STATUS_LABELS, OGP_VALUES, OGP_VALUE_LABELS, SECTION_KEYS, richToPlain, type Bilingual, type CommitmentJSON, type Lang } from '../../shared/schema/index.js';
import { richHtml } from '../export/index.js';
import { taipeiDay } from '../../shared/dates/index.js';
import { notFound } from '../errors.js';
import { csvCell } from '../export/index.js';
import type { Store } from '../storage/index.js';
import { PublishedVersions, type Published } from '../public/published.js';

export const OPEN_TABLES = ['commitments', 'milestones', 'budget', 'comments'] as const;
export type OpenTable = (typeof OPEN_TABLES)[number];

interface Field {
  name: string;
  type: 'string' | 'date' | 'integer' | 'number';
  title: Bilingual;
  description: Bilingual;
  required?: boolean;
}

const f = (name: string, type: Field['type'], zh: string, en: string, dzh: string, den: string, required = false): Field => ({
  name,
  type,
  title: { zh, en },
  description: { zh: dzh, en: den },
  required,
});

/** The data dictionary: every column of every table, described in both languages. */
export const OPEN_FIELDS: Record<OpenTable, Field[]> = {
  commitments: [
    f('commitment_id', 'string', '承諾事項識別碼', 'Commitment id', '不變的識別碼，可用來連結各表。', 'Stable identifier, joins the tables.', true),
    f('number', 'string', '編號', 'Number', '方案中的編號，如 1-4。', 'Number in the plan, e.g. 1-4.'),
    f('title_zh', 'string', '名稱（中文）', 'Title (Chinese)', '承諾事項名稱，中文。', 'Commitment title in Chinese.'),
    f('title_en', 'string', '名稱（英文）', 'Title (English)', '承諾事項名稱，英文。', 'Commitment title in English.'),
    f('domain_zh', 'string', '範疇（中文）', 'Domain (Chinese)', '所屬範疇，中文。', 'Domain of the plan, in Chinese.'),
    f('domain_en', 'string', '範疇（英文）', 'Domain (English)', '所屬範疇，英文。', 'Domain of the plan, in English.'),
    f('lead_agency_zh', 'string', '權責機關（中文）', 'Lead agency (Chinese)', '主責機關名稱，中文。', 'Lead agency, in Chinese.'),
    f('lead_agency_en', 'string', '權責機關（英文）', 'Lead agency (English)', '主責機關名稱，英文。', 'Lead agency, in English.'),
    f('co_agencies_zh', 'string', '協辦機關（中文）', 'Co-implementing agencies (Chinese)', '協辦機關，以「、」分隔。', 'Co-implementing agencies, separated by 、.'),
    f('co_agencies_en', 'string', '協辦機關（英文）', 'Co-implementing agencies (English)', '協辦機關，以逗號分隔。', 'Co-implementing agencies, comma-separated.'),
    f('start_date', 'date', '開始日期', 'Start date', '承諾事項開始日期（西元 YYYY-MM-DD）。', 'Start date (YYYY-MM-DD).'),
    f('end_date', 'date', '結束日期', 'End date', '承諾事項結束日期（西元 YYYY-MM-DD）。', 'End date (YYYY-MM-DD).'),
    f('status', 'string', '狀態', 'Status', '執行狀態，以所選語言的名稱表示。', 'Status, as its name in the chosen language.'),
    f('ogp_values', 'string', 'OGP 價值', 'OGP values', '對應的開放政府夥伴關係價值，以「、」或逗號分隔。', 'Open Government Partnership values, separated by 、 or commas.'),
  ],
  milestones: [
    f('commitment_id', 'string', '承諾事項識別碼', 'Commitment id', '所屬承諾事項。', 'The commitment it belongs to.', true),
    f('commitment_number', 'string', '承諾事項編號', 'Commitment number', '所屬承諾事項的編號。', 'Number of the commitment.'),
    f('milestone_id', 'string', '里程碑識別碼', 'Milestone id', '不變的識別碼。', 'Stable identifier.', true),
    f('period', 'string', '期程', 'Period', '里程碑期程（自由文字）。', 'Period of the milestone (free text).'),
    f('text_zh', 'string', '里程碑（中文）', 'Milestone (Chinese)', '里程碑內容，中文。', 'Milestone, in Chinese.'),
    f('text_en', 'string', '里程碑（英文）', 'Milestone (English)', '里程碑內容，英文。', 'Milestone, in English.'),
    f('indicator_zh', 'string', '衡量指標（中文）', 'Indicator (Chinese)', '可量化或可驗證的衡量指標，中文。', 'Quantifiable or verifiable indicator, in Chinese.'),
    f('indicator_en', 'string', '衡量指標（英文）', 'Indicator (English)', '可量化或可驗證的衡量指標，英文。', 'Quantifiable or verifiable indicator, in English.'),
    f('due', 'date', '完成日期', 'Due date', '預定完成日期（西元 YYYY-MM-DD）。', 'Due date (YYYY-MM-DD).'),
    f('status', 'string', '狀態', 'Status', '執行狀態，以所選語言的名稱表示。', 'Status, as its name in the chosen language.'),
    f('evidence', 'string', '佐證連結', 'Evidence link', '佐證資料網址。', 'URL of the evidence.'),
    f('start', 'date', '開始日期', 'Start date', '預定開始日期（西元 YYYY-MM-DD），未填則空白。', 'Start date (YYYY-MM-DD), empty when not set.'),
  ],
  budget: [
    f('commitment_id', 'string', '承諾事項識別碼', 'Commitment id', '所屬承諾事項。', 'The commitment it belongs to.', true),
    f('commitment_number', 'string', '承諾事項編號', 'Commitment number', '所屬承諾事項的編號。', 'Number of the commitment.'),
    f('budget_row_id', 'string', '預算列識別碼', 'Budget row id', '不變的識別碼。', 'Stable identifier.', true),
    f('fiscal_year', 'integer', '年度（西元）', 'Fiscal year (AD)', '預算年度，西元年；民國年為西元年減 1911。', 'Fiscal year, AD; the ROC year is this minus 1911.'),
    f('fiscal_year_roc', 'integer', '年度（民國）', 'Fiscal year (ROC)', '預算年度，民國年。', 'Fiscal year in the ROC calendar.'),
    f('amount_thousand_twd', 'number', '金額（新臺幣千元）', 'Amount (NT$ thousands)', '該年度預算金額，單位新臺幣千元。', 'The year’s amount, in thousands of New Taiwan dollars.'),
    f('source_zh', 'string', '經費來源或計畫（中文）', 'Source or programme (Chinese)', '經費來源或所屬計畫，中文。', 'Source of funds or programme, in Chinese.'),
    f('source_en', 'string', '經費來源或計畫（英文）', 'Source or programme (English)', '經費來源或所屬計畫，英文。', 'Source of funds or programme, in English.'),
    f('note_zh', 'string', '備註（中文）', 'Note (Chinese)', '備註，中文。', 'Note, in Chinese.'),
    f('note_en', 'string', '備註（英文）', 'Note (English)', '備註，英文。', 'Note, in English.'),
  ],
  comments: [
    f('comment_id', 'string', '意見識別碼', 'Comment id', '不變的識別碼。', 'Stable identifier.', true),
    f('commitment_id', 'string', '承諾事項識別碼', 'Commitment id', '意見所針對的承諾事項。', 'The commitment commented on.', true),
    f('milestone_id', 'string', '里程碑識別碼', 'Milestone id', '意見所針對的里程碑（若有）。', 'The milestone commented on, if any.'),
    f('received', 'date', '收到日期', 'Received', '收到意見的日期（臺灣時間）。', 'Day the comment was received (Taiwan time).'),
    f('comment', 'string', '意見', 'Comment', '經審核公開的民眾意見。', 'The public comment, as approved for publication.'),
    f('response', 'string', '回應', 'Response', '工作小組的回應（若有）。', 'The working group’s response, if any.'),
    f('responded', 'date', '回應日期', 'Response date', '回應的日期（臺灣時間）。', 'Day of the response (Taiwan time).'),
  ],
};

const TABLE_TITLES: Record<OpenTable, Bilingual> = {
  commitments: { zh: '承諾事項', en: 'Commitments' },
  milestones: { zh: '里程碑與衡量指標', en: 'Milestones and indicators' },
  budget: { zh: '預算', en: 'Budget' },
  comments: { zh: '公眾意見與回應', en: 'Public comments and responses' },
};

export interface OpenDataLicence {
  name: string;
  path: string;
}

export interface OpenFile {
  body: string;
  contentType: string;
  /** The published version the file comes from. */
  cycleId: string;
  label: string;
  publishedAt: string;
  /** sha256 hex of the body. */
  hash: string;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const bi = (b: Bilingual) => `${b.zh} / ${b.en}`;

export class OpenData {
  constructor(
    private readonly store: Store,
    private readonly licence: OpenDataLicence,
    /** The app passes its one instance (its cache of parsed snapshots is shared). */
    private readonly published: PublishedVersions = new PublishedVersions(store),
  ) {}

  /** The most recently published version of any plan (the site's one plan, usually); null when nothing is published. */
  async latest(): Promise<Published | null> {
    let best: Published | null = null;
    for (const doc of await this.store.listDocuments({ kind: 'plan' })) {
      const p = await this.published.latest(doc.name);
      if (p && (!best || p.publication.publishedAt > best.publication.publishedAt)) best = p;
    }
    return best;
  }

  /** A plan's current publication; 404 for a plan that doesn't exist or was never published. */
  async latestOf(planId: string): Promise<Published> {
    const p = await this.published.latest(planId);
    if (!p) throw notFound(`A published version of the plan "${planId}"`);
    return p;
  }

  /**
   * Every plan with a publication, newest first, with its stable and versioned URLs: what a
   * harvester (data.gov.tw) reads first when the site holds several plans.
   */
  async catalog(): Promise<OpenFile> {
    const plans: Published[] = [];
    for (const doc of await this.store.listDocuments({ kind: 'plan' })) {
      const p = await this.published.latest(doc.name);
      if (p) plans.push(p);
    }
    plans.sort((a, b) => b.publication.publishedAt - a.publication.publishedAt || a.plan.id.localeCompare(b.plan.id));
    const body = `${JSON.stringify(
      {
        licence: { name: this.licence.name, path: this.licence.path },
        plans: plans.map((p) => ({
          planId: p.plan.id,
          title: p.plan.title,
          version: p.cycle.label,
          cycleId: p.cycle.id,
          published: p.version.publishedAt,
          latest: `/open-data/plans/${encodeURIComponent(p.plan.id)}/datapackage.json`,
          versioned: `/open-data/${encodeURIComponent(p.cycle.id)}/datapackage.json`,
        })),
      },
      null,
      2,
    )}\n`;
    const newest = plans[0];
    return { cycleId: newest?.cycle.id ?? '', label: newest?.cycle.label ?? '', publishedAt: newest?.version.publishedAt ?? '', body, contentType: 'application/json; charset=utf-8', hash: sha256(body) };
  }

  /** A published cycle's version; 404 for a cycle that does not exist or was never published. */
  async version(cycleId: string): Promise<Published> {
    const cycle = await this.store.getCycle(cycleId);
    const publication = cycle && (await this.store.listPublications(cycle.planId)).find((p) => p.cycleId === cycleId);
    if (!cycle || !publication) throw notFound(`A published version "${cycleId}"`);
    return this.published.of(cycle, publication);
  }

  private async rows(p: Published, table: OpenTable, lang: Lang): Promise<string[][]> {
    const label = (b: Bilingual | undefined, code: string) => (b ? b[lang] || b.zh : code);
    const order = p.plan.domains.flatMap((d) => d.commitmentIds);
    const commitments = [...p.commitments.values()].sort((a, b) => (order.indexOf(a.id) + 1 || 1e9) - (order.indexOf(b.id) + 1 || 1e9) || a.id.localeCompare(b.id));
    const domain = (c: CommitmentJSON) => p.plan.domains.find((d) => d.commitmentIds.includes(c.id) || d.id === c.domainId)?.name ?? { zh: '', en: '' };
    if (table === 'commitments') {
      return commitments.map((c) => [
        c.id,
        c.number ?? '',
        c.title?.zh ?? '',
        c.title?.en ?? '',
        domain(c).zh,
        domain(c).en,
        c.leadAgency?.zh ?? '',
        c.leadAgency?.en ?? '',
        (c.coAgencies ?? []).map((a) => a.zh).join('、'),
        (c.coAgencies ?? []).map((a) => a.en).join(', '),
        c.startDate ?? '',
        c.endDate ?? '',
        label(COMMITMENT_STATUS_LABELS[c.status], String(c.status)),
        OGP_VALUES.filter((v) => c.ogpValues?.[v]).map((v) => label(OGP_VALUE_LABELS[v], v)).join(lang === 'en' ? ', ' : '、'),
      ]);
    }
    if (table === 'milestones') {
      return commitments.flatMap((c) =>
        (c.milestones ?? []).map((m) => [c.id, c.number ?? '', m.id, m.period ?? '', m.text?.zh ?? '', m.text?.en ?? '', m.indicator?.zh ?? '', m.indicator?.en ?? '', m.due ?? '', label(MILESTONE_STATUS_LABELS[m.status], String(m.status)), m.evidence ?? '', m.start ?? '']),
      );
    }
    if (table === 'budget') {
      // Year and amount only when they are numbers: the schema types them, free text would not validate.
      const year = (y: string) => (/^\d{4}$/.test(y.trim()) ? Number(y.trim()) : null);
      return commitments.flatMap((c) =>
        (c.budget ?? []).map((b) => {
          const y = year(b.year);
          const amount = budgetAmount(b.amount);
          return [c.id, c.number ?? '', b.id, y === null ? '' : String(y), y === null ? '' : String(y - 1911), amount === null ? '' : String(amount), b.source?.zh ?? '', b.source?.en ?? '', b.note?.zh ?? '', b.note?.en ?? ''];
        }),
      );
    }
    const ids = new Set(commitments.map((c) => c.id));
    // Approved comments only (what the public site shows), and never the commenter's name or address.
    return (await this.store.listPublicComments({ planId: p.plan.id, status: 'approved' }))
      .filter((c) => ids.has(c.commitmentId))
      .map((c) => [c.id, c.commitmentId, c.milestoneId ?? '', taipeiDay(c.createdAt), c.text, c.response?.text ?? '', c.response ? taipeiDay(c.response.at) : '']);
  }

  /** One table as CSV (UTF-8 with BOM, CRLF, spreadsheet formulas neutralised) or JSON. */
  async table(p: Published, table: OpenTable, format: 'csv' | 'json', lang: Lang): Promise<OpenFile> {
    const fields = OPEN_FIELDS[table];
    const rows = await this.rows(p, table, lang);
    const meta = { cycleId: p.cycle.id, label: p.cycle.label, publishedAt: p.version.publishedAt };
    let body: string;
    if (format === 'csv') {
      body = `\uFEFF${[fields.map((x) => x.name), ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
    } else {
      const records: Array<Record<string, unknown>> = rows.map((r) => Object.fromEntries(fields.map((x, i) => [x.name, r[i] ?? ''])));
      if (table === 'commitments') {
        // The commitment table's sections: plain text and HTML beside the ProseMirror structure.
        for (const rec of records) {
          const c = p.commitments.get(String(rec.commitment_id));
          rec.sections = Object.fromEntries(
            SECTION_KEYS.map((key) => {
              const side = (doc: CommitmentJSON['sections'][typeof key]['zh'] | undefined) =>
                doc ? { text: richToPlain(doc), html: richHtml(doc), doc } : { text: '', html: '', doc: { type: 'doc', content: [] } };
              return [key, { zh: side(c?.sections?.[key]?.zh), en: side(c?.sections?.[key]?.en) }];
            }),
          );
        }
      }
      body = `${JSON.stringify({ table, version: meta.label, cycleId: meta.cycleId, publishedAt: meta.publishedAt, licence: this.licence, rows: records }, null, 2)}\n`;
    }
    return { ...meta, body, contentType: format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8', hash: sha256(body) };
  }

  /** The Frictionless tabular data package of a version: resources, Table Schemas, licence. */
  async datapackage(p: Published, base: string): Promise<OpenFile> {
    const resources = [];
    for (const table of OPEN_TABLES) {
      const csv = await this.table(p, table, 'csv', 'zh');
      resources.push({
        name: table,
        title: bi(TABLE_TITLES[table]),
        path: `${base}/${table}.csv`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8-sig',
        hash: `sha256:${csv.hash}`,
        schema: {
          fields: OPEN_FIELDS[table].map((x) => ({
            name: x.name,
            type: x.type,
            ...(x.type === 'date' ? { format: '%Y-%m-%d' } : {}),
            title: bi(x.title),
            description: bi(x.description),
            titles: x.title,
            descriptions: x.description,
            ...(x.required ? { constraints: { required: true } } : {}),
          })),
          ...(OPEN_FIELDS[table][0]!.required ? { primaryKey: [table === 'milestones' ? 'milestone_id' : table === 'budget' ? 'budget_row_id' : OPEN_FIELDS[table][0]!.name] } : {}),
          missingValues: [''],
        },
      });
    }
    const pkg = {
      profile: 'tabular-data-package',
      name: 'gongbi-open-government-plan',
      title: bi(p.plan.title),
      version: p.cycle.label,
      cycleId: p.cycle.id,
      created: p.version.publishedAt,
      licenses: [{ name: this.licence.name, title: this.licence.name, path: this.licence.path }],
      resources,
    };
    const body = `${JSON.stringify(pkg, null, 2)}\n`;
    return { cycleId: p.cycle.id, label: p.cycle.label, publishedAt: p.version.publishedAt, body, contentType: 'application/json; charset=utf-8', hash: sha256(body) };
  }
}
