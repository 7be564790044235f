/**
 * The field list of a commitment table: what every part of Gongbi (editor, diff, export,
 * permissions) agrees a commitment consists of. Labels live here because the editor, the
 * exports and the diff all show them, in both UI languages.
 */

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A text held in both content languages; zh-TW is authoritative, en is its translation. */
export interface Bilingual<T = string> {
  zh: T;
  en: T;
}

/** Rich-text sections of the commitment table, each one TipTap editor per language. */
export const SECTION_KEYS = ['problem', 'content', 'relevance', 'other'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** Short bilingual texts kept as collaborative Y.Text (typed in place, merged per character). */
export const SHORT_TEXT_KEYS = ['title', 'partners'] as const;
export type ShortTextKey = (typeof SHORT_TEXT_KEYS)[number];

/** OGP values, also shown as checkboxes in the commitment table. */
export const OGP_VALUES = ['transparency', 'participation', 'accountability', 'innovation'] as const;
export type OgpValue = (typeof OGP_VALUES)[number];

export const COMMITMENT_STATUSES = ['draft', 'in_review', 'approved', 'in_progress', 'completed', 'withdrawn'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'completed', 'delayed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Milestone cells that are collaborative bilingual texts. */
export const MILESTONE_TEXT_KEYS = ['text', 'indicator'] as const;
export type MilestoneTextKey = (typeof MILESTONE_TEXT_KEYS)[number];

/** Milestone cells that are single values (last writer wins). */
export const MILESTONE_VALUE_KEYS = ['period', 'start', 'due', 'status', 'evidence'] as const;
export type MilestoneValueKey = (typeof MILESTONE_VALUE_KEYS)[number];

/** Budget row cells that are collaborative bilingual texts (the source or programme, a note). */
export const BUDGET_TEXT_KEYS = ['source', 'note'] as const;
export type BudgetTextKey = (typeof BUDGET_TEXT_KEYS)[number];

/** Budget row cells that are single values: the fiscal year (AD, `2026`) and the amount in NT$ thousands. */
export const BUDGET_VALUE_KEYS = ['year', 'amount'] as const;
export type BudgetValueKey = (typeof BUDGET_VALUE_KEYS)[number];

/** The lead agency's contact person: short single values (last writer wins). */
export const CONTACT_KEYS = ['name', 'title', 'email', 'phone'] as const;
export type ContactKey = (typeof CONTACT_KEYS)[number];

/** UI labels of every field, in both UI languages (also used by exports and the diff). */
export const FIELD_LABELS: Record<string, Bilingual> = {
  number: { zh: '編號', en: 'No.' },
  title: { zh: '承諾事項名稱', en: 'Commitment title' },
  domain: { zh: '範疇', en: 'Domain' },
  leadAgency: { zh: '權責機關', en: 'Lead agency' },
  coAgencies: { zh: '協辦機關', en: 'Co-implementing agencies' },
  partners: { zh: '民間夥伴', en: 'Civil-society partners' },
  startDate: { zh: '開始日期', en: 'Start date' },
  endDate: { zh: '結束日期', en: 'End date' },
  status: { zh: '狀態', en: 'Status' },
  ogpValues: { zh: 'OGP 價值', en: 'OGP values' },
  problem: { zh: '公共問題', en: 'Public problem' },
  content: { zh: '承諾事項內容', en: 'Commitment description' },
  relevance: { zh: '與 OGP 價值之關聯', en: 'Relevance to OGP values' },
  other: { zh: '其他資訊（預算、相關計畫）', en: 'Other information (budget, linked programmes)' },
  milestones: { zh: '里程碑與衡量指標', en: 'Milestones and indicators' },
  period: { zh: '期程', en: 'Period' },
  text: { zh: '里程碑', en: 'Milestone' },
  indicator: { zh: '可量化/驗證衡量指標', en: 'Quantifiable or verifiable indicator' },
  start: { zh: '預計開始日期', en: 'Planned start' },
  due: { zh: '完成日期', en: 'Due date' },
  evidence: { zh: '佐證連結', en: 'Evidence link' },
  budget: { zh: '預算', en: 'Budget' },
  year: { zh: '年度', en: 'Fiscal year' },
  amount: { zh: '金額（新臺幣千元）', en: 'Amount (NT$ thousands)' },
  source: { zh: '經費來源或計畫', en: 'Source or programme' },
  note: { zh: '備註', en: 'Note' },
  budgetTotal: { zh: '合計', en: 'Total' },
  contact: { zh: '聯絡人', en: 'Contact' },
  'contact.name': { zh: '聯絡人姓名', en: 'Contact name' },
  'contact.title': { zh: '聯絡人職稱', en: 'Contact title' },
  'contact.email': { zh: '聯絡人電子郵件', en: 'Contact e-mail' },
  'contact.phone': { zh: '聯絡人電話', en: 'Contact phone' },
};

export const OGP_VALUE_LABELS: Record<OgpValue, Bilingual> = {
  transparency: { zh: '透明', en: 'Transparency' },
  participation: { zh: '公民參與', en: 'Civic participation' },
  accountability: { zh: '公共課責', en: 'Public accountability' },
  innovation: { zh: '科技與創新', en: 'Technology and innovation' },
};

export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, Bilingual> = {
  draft: { zh: '草擬中', en: 'Draft' },
  in_review: { zh: '審查中', en: 'In review' },
  approved: { zh: '已核定', en: 'Approved' },
  in_progress: { zh: '執行中', en: 'In progress' },
  completed: { zh: '已完成', en: 'Completed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, Bilingual> = {
  not_started: { zh: '未開始', en: 'Not started' },
  in_progress: { zh: '進行中', en: 'In progress' },
  completed: { zh: '已完成', en: 'Completed' },
  delayed: { zh: '落後', en: 'Delayed' },
};
