/** A realistic commitment table (bilingual, lists, milestones) shared by the diff tests. */
import type { CommitmentJSON, MilestoneJSON, RichDoc, RichNode } from '../../shared/schema/index.js';

export const text = (t: string, bold = false): RichNode => (bold ? { type: 'text', text: t, marks: [{ type: 'bold' }] } : { type: 'text', text: t });
export const p = (...runs: Array<string | RichNode>): RichNode =>
  runs.length ? { type: 'paragraph', content: runs.map((r) => (typeof r === 'string' ? text(r) : r)) } : { type: 'paragraph' };
export const h = (level: number, t: string): RichNode => ({ type: 'heading', attrs: { level }, content: [text(t)] });
export const li = (t: string, ...nested: RichNode[]): RichNode => ({ type: 'listItem', content: [p(t), ...nested] });
export const ul = (...items: RichNode[]): RichNode => ({ type: 'bulletList', content: items });
export const ol = (...items: RichNode[]): RichNode => ({ type: 'orderedList', attrs: { start: 1 }, content: items });
export const doc = (...content: RichNode[]): RichDoc => ({ type: 'doc', content });

export const PROBLEM_ZH = [
  '政府資料開放已推動多年，但資料品質與更新頻率不一，民眾難以加值利用。',
  '各機關對於資訊公開的範圍認定不同，申請程序亦不一致。',
  '民間團體反映，重要決策過程的會議紀錄公開不夠即時。',
];
export const PROBLEM_EN = [
  'Open government data has been promoted for years, but quality and update frequency vary.',
  'Agencies interpret the scope of information disclosure differently.',
  'Civil society reports that minutes of key decisions are not published promptly.',
];

export function milestone(id: string, zh: string, en: string, indicatorZh: string, indicatorEn: string, period: string): MilestoneJSON {
  return {
    id,
    period,
    text: { zh, en },
    indicator: { zh: indicatorZh, en: indicatorEn },
    due: `${period}-12-31`,
    status: 'not_started',
    evidence: '',
  };
}

export function baseCommitment(): CommitmentJSON {
  return {
    schemaVersion: 1,
    id: 'c-1-1',
    number: '1.1',
    domainId: 'open-data',
    status: 'in_progress',
    startDate: '2021-01-01',
    endDate: '2024-05-31',
    title: { zh: '推動資料開放與資訊公開', en: 'Promote open data and access to information' },
    partners: { zh: '開放文化基金會、台灣透明組織', en: 'Open Culture Foundation; Transparency International Taiwan' },
    leadAgency: { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' },
    coAgencies: [{ id: 'moj', zh: '法務部', en: 'Ministry of Justice' }],
    ogpValues: { transparency: true, participation: true, accountability: false, innovation: false },
    sections: {
      problem: { zh: doc(...PROBLEM_ZH.map((t) => p(t))), en: doc(...PROBLEM_EN.map((t) => p(t))) },
      content: {
        zh: doc(
          h(2, '推動策略'),
          p('本承諾事項將分三個面向推動：'),
          ul(li('訂定資料品質標準'), li('建立資料需求回應機制')),
          p('預計於 ', text('2022 年', true), '前完成法規修正。'),
        ),
        en: doc(
          h(2, 'Strategy'),
          p('This commitment has three strands:'),
          ul(li('Set data quality standards'), li('Respond to data requests')),
          p('Amend regulations by ', text('2022', true), '.'),
        ),
      },
      relevance: {
        zh: doc(p('透明：公開資料品質指標。'), p('公民參與：邀請民間共同訂定優先開放項目。')),
        en: doc(p('Transparency: publish data quality indicators.')),
      },
      other: { zh: doc(p('預算：新臺幣 1,200 萬元')), en: doc() },
    },
    milestones: [
      milestone('m1', '盤點高應用價值資料集', 'Inventory high-value datasets', '完成 20 個資料集盤點', 'Inventory of 20 datasets', '2021'),
      milestone('m2', '辦理民眾參與工作坊', 'Hold public participation workshops', '辦理 3 場工作坊', 'Hold 3 workshops', '2022'),
      milestone('m3', '修正政府資訊公開法', 'Amend the Freedom of Government Information Law', '送立法院審議', 'Bill sent to the Legislative Yuan', '2023'),
      milestone('m4', '發布資料品質年報', 'Publish an annual data quality report', '每年發布 1 份年報', 'One report per year', '2024'),
    ],
    enBasis: { 'section.problem': '1a2b3c4d', title: '5e6f7a8b' },
  };
}
