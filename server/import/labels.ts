/**
 * The labels commitment tables use for their fields and milestone columns, in zh-TW and
 * English: ours (FIELD_LABELS, what our exports write) plus the variants found in the plans
 * agencies actually circulate. Matching ignores spaces, punctuation, full/half-width forms
 * and a parenthetical tail, so 「與 OGP 價值之關聯：」 and "Relevance to OGP values" both match.
 */
import {
  COMMITMENT_STATUS_LABELS,
  FIELD_LABELS,
  MILESTONE_STATUS_LABELS,
  OGP_VALUE_LABELS,
  type CommitmentStatus,
  type Lang,
  type MilestoneStatus,
  type OgpValue,
} from '../../shared/schema/index.js';
import type { ImportField } from '../../shared/protocol/import.js';

/** A field of the commitment table a label names (dates split or together). */
export type LabelField = Exclude<ImportField, 'domain' | 'contact'> | 'startDate' | 'endDate' | 'status' | 'ogpValues' | ContactLabel;
export type ContactLabel = 'contact.name' | 'contact.title' | 'contact.email' | 'contact.phone';
export type MilestoneColumn = 'period' | 'text' | 'indicator' | 'start' | 'due' | 'status' | 'evidence';
export type BudgetColumn = 'year' | 'amount' | 'source' | 'note';

const FIELD_VARIANTS: Record<LabelField, { zh: string[]; en: string[] }> = {
  number: { zh: ['編號', '承諾事項編號', '序號'], en: ['No', 'Number', 'Commitment number', 'Commitment No', 'ID'] },
  title: { zh: ['承諾事項名稱', '承諾事項', '承諾名稱', '名稱', '標題'], en: ['Commitment title', 'Title', 'Commitment', 'Commitment name', 'Name'] },
  leadAgency: { zh: ['權責機關', '主辦機關', '主責機關', '負責機關', '權責單位'], en: ['Lead agency', 'Lead implementing agency', 'Responsible agency', 'Lead institution', 'Lead implementing agency/actor'] },
  coAgencies: { zh: ['協辦機關', '協力機關', '協辦單位', '共同辦理機關', '其他參與機關'], en: ['Co-implementing agencies', 'Co-implementing agency', 'Other involved agencies', 'Supporting agencies', 'Other government actors involved'] },
  partners: { zh: ['民間夥伴', '民間團體', '合作夥伴', '民間參與者', '民間合作夥伴'], en: ['Civil-society partners', 'Civil society partners', 'Partners', 'CSOs', 'Civil society organisations', 'Civil society organizations', 'Other actors involved'] },
  dates: { zh: ['起訖日期', '期程', '執行期程', '承諾事項期程', '實施期程', '辦理期程', '起迄日期'], en: ['Period', 'Duration', 'Start and end date', 'Dates', 'Timeline', 'Implementation period'] },
  startDate: { zh: ['開始日期', '起始日期'], en: ['Start date'] },
  endDate: { zh: ['結束日期', '完成日期'], en: ['End date'] },
  status: { zh: ['狀態', '辦理狀態'], en: ['Status'] },
  ogpValues: { zh: ['OGP 價值', 'OGP價值', '開放政府價值'], en: ['OGP values', 'OGP value'] },
  problem: { zh: ['公共問題', '欲解決之公共問題', '問題描述', '所欲解決之問題'], en: ['Public problem', 'Problem', 'What is the public problem', 'Problem addressed', 'Problem definition'] },
  content: { zh: ['承諾事項內容', '承諾內容', '承諾事項說明', '具體作法'], en: ['Commitment description', 'Description', 'What is the commitment', 'Commitment content'] },
  relevance: { zh: ['與OGP價值之關聯', '與 OGP 價值之關聯', '與開放政府價值之關聯', 'OGP價值關聯性'], en: ['Relevance to OGP values', 'Relevance', 'How is the commitment relevant to OGP values'] },
  other: { zh: ['其他資訊（預算、相關計畫）', '其他資訊', '其他', '備註'], en: ['Other information (budget, linked programmes)', 'Other information', 'Additional information', 'Notes'] },
  milestones: { zh: ['里程碑與衡量指標', '里程碑', '關鍵里程碑', '里程碑及衡量指標'], en: ['Milestones and indicators', 'Milestones', 'Key milestones', 'Milestone activities'] },
  budget: { zh: ['預算', '經費', '預算經費', '年度預算'], en: ['Budget', 'Funding'] },
  'contact.name': { zh: ['聯絡人', '聯絡人姓名', '承辦人'], en: ['Contact', 'Contact person', 'Contact name'] },
  'contact.title': { zh: ['聯絡人職稱', '職稱'], en: ['Contact title', 'Position'] },
  'contact.email': { zh: ['聯絡人電子郵件', '電子郵件', '電子信箱'], en: ['Contact e-mail', 'Contact email', 'E-mail', 'Email'] },
  'contact.phone': { zh: ['聯絡人電話', '聯絡電話', '電話'], en: ['Contact phone', 'Phone', 'Telephone'] },
};

const BUDGET_VARIANTS: Record<BudgetColumn, { zh: string[]; en: string[] }> = {
  year: { zh: ['年度', '預算年度', '會計年度'], en: ['Fiscal year', 'Year'] },
  amount: { zh: ['金額', '金額（新臺幣千元）', '預算金額', '經費'], en: ['Amount', 'Amount (NT$ thousands)'] },
  source: { zh: ['經費來源或計畫', '經費來源', '計畫', '來源'], en: ['Source or programme', 'Source', 'Programme', 'Program'] },
  note: { zh: ['備註', '說明'], en: ['Note', 'Notes'] },
};

const COLUMN_VARIANTS: Record<MilestoneColumn, { zh: string[]; en: string[] }> = {
  period: { zh: ['期程', '時程', '期間', '年度', '執行期間'], en: ['Period', 'Timeline', 'Year'] },
  text: { zh: ['里程碑', '關鍵里程碑', '里程碑內容', '里程碑活動'], en: ['Milestone', 'Milestones', 'Key milestone', 'Milestone activity'] },
  indicator: { zh: ['可量化/驗證衡量指標', '可量化／驗證衡量指標', '衡量指標', '績效指標', '可量化指標', '關鍵績效指標'], en: ['Quantifiable or verifiable indicator', 'Indicator', 'Indicators', 'KPI', 'KPIs', 'Verifiable indicator'] },
  start: { zh: ['開始日期', '預計開始日期', '起始日期'], en: ['Start date', 'Expected start date'] },
  due: { zh: ['預計完成日期', '完成日期', '預定完成日期', '預計完成時間', '完成時間'], en: ['Due date', 'Expected completion date', 'Completion date', 'End date', 'Deadline'] },
  status: { zh: ['狀態', '執行狀態', '辦理情形'], en: ['Status'] },
  evidence: { zh: ['佐證連結', '佐證資料', '佐證'], en: ['Evidence link', 'Evidence'] },
};

/** Spaces, punctuation and width differences removed, lower-cased. */
export function normLabel(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s*_:：、,，.。/／\\\-–—()（）[\]【】「」『』'"’‘“”?？!！]/g, '');
}
const withoutParenthetical = (s: string) => s.normalize('NFKC').replace(/\([^)]*\)\s*$/, '');

type Table<K extends string> = Map<string, { key: K; lang: Lang }>;

function tableOf<K extends string>(variants: Record<K, { zh: string[]; en: string[] }>, ours: (k: K) => { zh: string; en: string } | undefined): Table<K> {
  const map: Table<K> = new Map();
  for (const key of Object.keys(variants) as K[]) {
    const own = ours(key);
    for (const lang of ['zh', 'en'] as const) {
      for (const v of [...(own ? [own[lang]] : []), ...variants[key][lang]]) {
        const n = normLabel(v);
        if (n && !map.has(n)) map.set(n, { key, lang });
      }
    }
  }
  return map;
}

const FIELDS = tableOf<LabelField>(FIELD_VARIANTS, (k) => FIELD_LABELS[k === 'dates' ? 'period' : k]);
const COLUMNS = tableOf<MilestoneColumn>(COLUMN_VARIANTS, (k) => FIELD_LABELS[k === 'status' ? 'status' : k]);
const BUDGET_COLUMN_LABELS = tableOf<BudgetColumn>(BUDGET_VARIANTS, (k) => FIELD_LABELS[k]);

/** Labels are short; a longer text is content even if it starts like one. */
const MAX_LABEL_CHARS = 60;

function lookup<K extends string>(table: Table<K>, text: string): { key: K; lang: Lang } | null {
  const t = text.trim();
  if (!t || t.length > MAX_LABEL_CHARS) return null;
  // "編號 / No." (our bilingual export) matches on either half.
  for (const part of [t, ...t.split(/\s+\/\s+/)]) {
    const hit = table.get(normLabel(part)) ?? table.get(normLabel(withoutParenthetical(part)));
    if (hit) return hit;
  }
  return null;
}

export const matchField = (text: string) => lookup(FIELDS, text);
export const matchColumn = (text: string) => lookup(COLUMNS, text);
export const matchBudgetColumn = (text: string) => lookup(BUDGET_COLUMN_LABELS, text);
/** The total line our exports write under the budget rows (合計 / Total). */
export const isBudgetTotal = (text: string) => ['合計', 'total', '總計'].includes(normLabel(text));

/** The header row of our Markdown export's field table ("欄位 | 內容"), which names no field. */
export function isFieldHeader(cells: string[]): boolean {
  const n = cells.map(normLabel);
  return n.length === 2 && ['欄位', 'field'].includes(n[0]!) && ['內容', 'content'].includes(n[1]!);
}

function valueLookup<K extends string>(labels: Record<K, { zh: string; en: string }>, text: string): K | null {
  const n = normLabel(text);
  if (!n) return null;
  for (const [key, l] of Object.entries(labels) as Array<[K, { zh: string; en: string }]>) {
    if (normLabel(l.zh) === n || normLabel(l.en) === n || key === n) return key;
  }
  return null;
}

export const matchCommitmentStatus = (text: string) => valueLookup<CommitmentStatus>(COMMITMENT_STATUS_LABELS, text);
export const matchMilestoneStatus = (text: string) => valueLookup<MilestoneStatus>(MILESTONE_STATUS_LABELS, text);

const CHECKED = /^\s*(?:☑|☒|✅|■|✓|✔|\[x\]|v\b)/i;
const UNCHECKED = /^\s*(?:☐|□|\[ \])/;

/**
 * OGP values from a cell: checkbox lines (☑ 透明 / ☐ 公民參與) or a list of the values that
 * apply. Null when nothing in it names a value.
 */
export function parseOgpValues(text: string): Record<OgpValue, boolean> | null {
  const out: Record<OgpValue, boolean> = { transparency: false, participation: false, accountability: false, innovation: false };
  let named = 0;
  for (const raw of text.split(/\n|[、,，;；]/)) {
    const on = !UNCHECKED.test(raw) && (CHECKED.test(raw) || !/^\s*[☐□]/.test(raw));
    const name = raw.replace(CHECKED, '').replace(UNCHECKED, '').trim();
    const key = valueLookup<OgpValue>(OGP_VALUE_LABELS, name);
    if (!key) continue;
    named++;
    out[key] = on;
  }
  return named ? out : null;
}
