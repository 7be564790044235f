/**
 * Raw data of the demo plan: Taiwan's first Open Government National Action Plan
 * (2021-01 to 2024-05), 19 commitments in 5 domains, as presented at the task force's 2nd
 * meeting (2020-12-31). Plain records only; `demoPlan.ts` turns them into PlanJSON and
 * CommitmentJSON. The section texts are a faithful summary for demonstration, not the
 * approved wording.
 *
 * A section is a list of blocks: a string is a paragraph, a string[] is a bullet list.
 */
import type { Bilingual, OgpValue } from '../../shared/schema/index.js';

export type DemoBlock = string | string[];
export type DemoSection = Bilingual<DemoBlock[]>;
/** One yearly milestone: [milestone zh, milestone en, indicator zh, indicator en]. */
export type DemoMilestone = [string, string, string, string];

export interface DemoDomain {
  id: string;
  zh: string;
  en: string;
}

export interface DemoAgency {
  zh: string;
  en: string;
}

export interface DemoCommitment {
  /** Becomes the id `c-<two-digit position>-<slug>`. */
  slug: string;
  number: string;
  domainId: string;
  title: Bilingual;
  partners: Bilingual;
  lead: AgencyId;
  co: AgencyId[];
  ogp: OgpValue[];
  startDate?: string;
  endDate?: string;
  problem: DemoSection;
  content: DemoSection;
  relevance: DemoSection;
  other: DemoSection;
  /** Milestones of 2021, 2022, 2023 and 2024, in that order. */
  milestones: [DemoMilestone, DemoMilestone, DemoMilestone, DemoMilestone];
}

export const DEMO_PLAN = {
  id: 'plan-nap1',
  title: { zh: '開放政府國家行動方案（2021-2024）', en: 'Open Government National Action Plan (2021–2024)' },
  periodStart: '2021-01-01',
  periodEnd: '2024-05-31',
} as const;

export const DEMO_DOMAINS: DemoDomain[] = [
  { id: 'd1', zh: '推動資料開放與資訊公開', en: 'Promoting open data and access to information' },
  { id: 'd2', zh: '擴大公共參與機制', en: 'Expanding public participation mechanisms' },
  { id: 'd3', zh: '增加性別及族群包容性對話', en: 'Increasing inclusive dialogue on gender and ethnicity' },
  { id: 'd4', zh: '落實清廉施政', en: 'Implementing integrity in governance' },
  { id: 'd5', zh: '執行洗錢防制', en: 'Implementing anti-money laundering measures' },
];

/** Agencies as named in 2020–2021 (before the 2022–2023 reorganisations). */
export const DEMO_AGENCIES = {
  ndc: { zh: '國家發展委員會', en: 'National Development Council' },
  'ey-agencies': { zh: '行政院所屬各機關', en: 'Agencies of the Executive Yuan' },
  most: { zh: '科技部', en: 'Ministry of Science and Technology' },
  narlabs: { zh: '國家實驗研究院', en: 'National Applied Research Laboratories' },
  epa: { zh: '行政院環境保護署', en: 'Environmental Protection Administration' },
  moj: { zh: '法務部', en: 'Ministry of Justice' },
  moea: { zh: '經濟部', en: 'Ministry of Economic Affairs' },
  coa: { zh: '行政院農業委員會', en: 'Council of Agriculture' },
  cec: { zh: '中央選舉委員會', en: 'Central Election Commission' },
  moi: { zh: '內政部', en: 'Ministry of the Interior' },
  mol: { zh: '勞動部', en: 'Ministry of Labor' },
  moe: { zh: '教育部', en: 'Ministry of Education' },
  dge: { zh: '行政院性別平等處', en: 'Department of Gender Equality, Executive Yuan' },
  cip: { zh: '原住民族委員會', en: 'Council of Indigenous Peoples' },
  hac: { zh: '客家委員會', en: 'Hakka Affairs Council' },
  cy: { zh: '監察院', en: 'Control Yuan' },
  fsc: { zh: '金融監督管理委員會', en: 'Financial Supervisory Commission' },
  pcc: { zh: '行政院公共工程委員會', en: 'Public Construction Commission' },
} satisfies Record<string, DemoAgency>;
export type AgencyId = keyof typeof DEMO_AGENCIES;

/**
 * Agencies of the directory that lead no demo commitment: those the 2022–2023 reorganisations
 * created, to which a coordinator can move commitments.
 */
export const DEMO_DIRECTORY_EXTRA: Record<string, DemoAgency> = {
  moda: { zh: '數位發展部', en: 'Ministry of Digital Affairs' },
  aac: { zh: '法務部廉政署', en: 'Agency Against Corruption' },
  moenv: { zh: '環境部', en: 'Ministry of Environment' },
  nstc: { zh: '國家科學及技術委員會', en: 'National Science and Technology Council' },
};

const TASK_FORCE: Bilingual = { zh: '推動小組民間委員', en: 'Civil-society members of the task force' };
const with_ = (zh: string, en: string): Bilingual => ({ zh: `${TASK_FORCE.zh}、${zh}`, en: `${TASK_FORCE.en}; ${en}` });

export const DEMO_COMMITMENTS: DemoCommitment[] = [
  // ---- 1 推動資料開放與資訊公開 ------------------------------------------------------------
  {
    slug: 'open-data-reuse',
    number: '1-1',
    domainId: 'd1',
    title: { zh: '完備政府資料開放與再利用制度', en: 'Improving the system for opening and reusing government data' },
    partners: with_('開放資料社群、資料使用者代表', 'open data community; data user representatives'),
    lead: 'ndc',
    co: ['ey-agencies'],
    ogp: ['transparency', 'participation', 'innovation'],
    problem: {
      zh: [
        '政府資料開放是促進公民參與的第一步。我國自 2012 年起推動政府資料開放，建置「政府資料開放平臺」，以開放格式、無償且不可撤回的方式授權各界加值運用，至 2020 年底已累計開放逾 4 萬 7 千項資料集。',
        '然而民間仍期待更完善的制度，讓政府資料發揮最大價值：',
        [
          '民間期待政府主動釋出與生活切身相關、具應用價值的資料，而不只是依機關既有分類開放。',
          '資料品質與可用性仍待提升，開放資料以靜態檔案為大宗，動態 API 比例偏低。',
          '機關資料開放諮詢小組雖已納入民間委員，決策過程仍不夠公開透明，民眾提出的資料需求也缺乏明確的處理程序。',
        ],
      ],
      en: [
        'Open government data is the first step towards civic participation. Since 2012 Taiwan has opened government data through the Government Open Data Platform, licensing it in open formats, free of charge and irrevocably for reuse; by the end of 2020 more than 47,000 datasets had been published.',
        'Civil society still expects a better system to make the most of government data:',
        [
          'People expect the government to release, on its own initiative, data of practical value that touches their daily lives, not only data organised by agencies’ existing categories.',
          'Data quality and usability can improve: most open data is published as static files and the share of dynamic APIs is low.',
          'Although agencies’ open data advisory groups include civil-society members, their decisions are not transparent enough, and there is no clear procedure for handling the public’s requests for data.',
        ],
      ],
    },
    content: {
      zh: [
        '參酌國際資料開放及應用政策，並徵詢外部意見，以公私協力強化政府資料開放與再利用機制：',
        [
          '聚焦優先開放具應用價值之資料：與機關及民間代表共同研議高應用價值資料之篩選及公眾諮詢程序，並訂定作業要點。',
          '強化資料品質：提高動態 API 及機器可讀格式之比例，建立資料品質檢核與回饋機制。',
          '建立處理民眾資料需求程序：明定受理、回應與追蹤方式，並公開處理進度與結果。',
        ],
      ],
      en: [
        'Drawing on international open data and data-use policies and on external consultation, strengthen the opening and reuse of government data through public–private collaboration:',
        [
          'Prioritise data of practical value: define, with agencies and civil-society representatives, a procedure for selecting high-value data and consulting the public, and issue it as guidelines.',
          'Improve data quality: raise the share of dynamic APIs and machine-readable formats, and set up data quality checks and feedback.',
          'Establish a procedure for the public’s data requests: define how requests are received, answered and followed up, and publish their progress and outcome.',
        ],
      ],
    },
    relevance: {
      zh: [
        '透明：主動開放具應用價值之資料，並公開民眾資料需求之處理結果。',
        '公民參與：高應用價值資料之篩選納入民間代表及公眾諮詢。',
        '科技與創新：以 API 及開放格式提供資料，促進民間加值應用與資料經濟發展。',
      ],
      en: [
        'Transparency: data of practical value is opened proactively, and the outcome of the public’s data requests is published.',
        'Civic participation: civil-society representatives and public consultation take part in selecting high-value data.',
        'Technology and innovation: data provided through APIs and open formats supports value-added reuse and the data economy.',
      ],
    },
    other: {
      zh: [
        '預算：由國家發展委員會年度公務預算支應，執行期間於線上逐步補充。',
        '相關計畫：數位政府計畫、政府資料開放平臺維運及資料品質提升計畫。',
      ],
      en: [
        'Budget: funded from the National Development Council’s annual budget; details will be added online during implementation.',
        'Linked programmes: the Digital Government Programme; operation of the Government Open Data Platform and data quality improvement.',
      ],
    },
    milestones: [
      ['研議高應用價值資料篩選程序，與民間代表共同研商', 'Draft, with civil-society representatives, a procedure for selecting high-value data', '召開 3 場公私協力研商會議', 'Hold 3 public–private consultation meetings'],
      ['訂定高應用價值資料篩選及公眾諮詢作業要點', 'Issue guidelines on selecting high-value data and consulting the public', '發布作業要點 1 項並完成公眾諮詢 1 次', 'Publish 1 set of guidelines and complete 1 public consultation'],
      ['依作業要點優先開放高應用價值資料', 'Open high-value data first, following the guidelines', '新增開放高應用價值資料集 100 項，動態 API 比例達 20%', 'Open 100 more high-value datasets; dynamic APIs reach 20% of datasets'],
      ['建立民眾資料需求處理程序並公開處理情形', 'Establish a procedure for the public’s data requests and publish how they are handled', '民眾資料需求於 30 日內回應比率達 90%', '90% of data requests answered within 30 days'],
    ],
  },
  {
    slug: 'open-data-platform',
    number: '1-2',
    domainId: 'd1',
    title: { zh: '建立開放資料及平台，提供加值運用', en: 'Building open data and platforms for value-added use' },
    partners: with_('學研機構、公民科技社群', 'research institutions; civic tech community'),
    lead: 'most',
    co: ['narlabs', 'epa'],
    ogp: ['transparency', 'participation', 'innovation'],
    problem: {
      zh: [
        '空氣品質、水情、地震與防救災等民生議題，需要即時且跨機關整合的感測資料。目前相關資料分散於各機關，格式不一，民眾難以取得與理解。',
        '此外，學研團隊、新創及公民團體即使取得資料，也常缺乏處理大量資料所需的計算與儲存資源，使開放資料難以轉化為有感的服務。',
      ],
      en: [
        'Issues that affect daily life, such as air quality, water, earthquakes and disaster response, need real-time sensor data integrated across agencies. Today these data are scattered among agencies in different formats, and are hard for the public to obtain and understand.',
        'Even when research teams, start-ups and civic groups obtain the data, they often lack the computing and storage resources needed to process it, so open data rarely becomes services people can feel.',
      ],
    },
    content: {
      zh: [
        '透過「民生公共物聯網」等計畫，建立開放資料平台並提供加值運用資源：',
        [
          '建立資料服務平台，整合空品、水資源、地震及防救災等感測資料，以開放格式及 API 提供。',
          '提供雲端運算及儲存資源，供學研、新創及公民團體申請使用。',
          '每年舉辦資料使用者研討會，蒐集使用者回饋以改善資料服務。',
        ],
      ],
      en: [
        'Through the Civil IoT Taiwan programme and related projects, build open data platforms and provide resources for value-added use:',
        [
          'Build a data service platform integrating air quality, water resources, earthquake and disaster-response sensor data, provided in open formats and through APIs.',
          'Provide cloud computing and storage that research teams, start-ups and civic groups can apply to use.',
          'Hold a data user conference every year and use the feedback to improve the data services.',
        ],
      ],
    },
    relevance: {
      zh: [
        '透明：即時開放民生相關感測資料。科技與創新：提供計算資源，促進資料加值運用。公民參與：透過使用者研討會，讓使用者參與資料服務之改善。',
      ],
      en: [
        'Transparency: real-time sensor data about daily life is opened. Technology and innovation: computing resources support value-added use of the data. Civic participation: users help improve the data services through the user conferences.',
      ],
    },
    other: {
      zh: [
        '預算：相關經費由「建構民生公共物聯網計畫」及前瞻基礎建設計畫之雲端服務及大數據運算平台計畫支應；所投入之資源不易貨幣化，將於線上逐步補充。',
      ],
      en: [
        'Budget: funded by the Civil IoT Taiwan programme and the cloud services and big data computing platform project of the Forward-looking Infrastructure Development Program; the resources involved are hard to express in money and will be described online over time.',
      ],
    },
    milestones: [
      ['建立民生公共物聯網資料服務平台', 'Launch the Civil IoT data service platform', '開放感測資料集 50 項', 'Open 50 sensor datasets'],
      ['提供計算資源供各界申請使用', 'Offer computing resources on application', '支援 20 個外部團隊使用計算資源', 'Support 20 external teams using the computing resources'],
      ['舉辦資料使用者研討會', 'Hold data user conferences', '辦理 2 場研討會，參與達 300 人次', 'Hold 2 conferences with 300 attendances'],
      ['彙整使用者回饋並改善平台', 'Improve the platform based on user feedback', '完成使用者回饋分析報告 1 份，開放資料集累計達 100 項', 'Publish 1 user feedback report; 100 datasets open in total'],
    ],
  },
  {
    slug: 'privacy',
    number: '1-3',
    domainId: 'd1',
    title: { zh: '強化數位隱私保護及個人資料保障', en: 'Strengthening digital privacy and personal data protection' },
    partners: with_('數位人權團體、法律學者', 'digital rights groups; legal scholars'),
    lead: 'ndc',
    co: [],
    ogp: ['transparency', 'accountability', 'innovation'],
    problem: {
      zh: [
        '數位服務普及，政府與企業蒐集、處理及利用個人資料的規模大幅增加。個資當事人對自身資料如何被使用了解有限，行使查詢、更正、刪除等權利的管道也不明確。',
        '機關推動新興數位服務時，缺乏系統性的個資影響評估，個資保護的專責機制亦有待建立。',
      ],
      en: [
        'As digital services spread, the government and businesses collect, process and use far more personal data. Data subjects know little about how their data is used, and the channels for exercising their rights to access, correct or delete it are unclear.',
        'Agencies launching new digital services lack a systematic assessment of the impact on personal data, and a dedicated body for personal data protection has yet to be established.',
      ],
    },
    content: {
      zh: [
        '以公私協力方式強化數位隱私及個資保障：',
        [
          '強化個資當事人權利保障，研議便捷的權利行使管道與指引。',
          '推動個人資料保護影響評估（PIA），發布評估指引並擇定機關試行。',
          '研議個資保護獨立專責機關之組織及法制規劃。',
        ],
      ],
      en: [
        'Strengthen digital privacy and personal data protection through public–private collaboration:',
        [
          'Strengthen the rights of data subjects, with convenient channels and guidance for exercising them.',
          'Introduce privacy impact assessments (PIA): publish guidance and pilot it in selected agencies.',
          'Plan the organisation and legal basis of an independent personal data protection authority.',
        ],
      ],
    },
    relevance: {
      zh: [
        '透明：讓當事人了解其個資如何被蒐集與利用。公共課責：以影響評估及專責機關確保機關對個資處理負責。科技與創新：在保障隱私的前提下推動數位服務。',
      ],
      en: [
        'Transparency: data subjects learn how their data is collected and used. Public accountability: impact assessments and a dedicated authority hold agencies responsible for how they process personal data. Technology and innovation: digital services advance while protecting privacy.',
      ],
    },
    other: {
      zh: [
        '預算：由國家發展委員會個人資料保護專案辦公室年度預算支應。',
        '組織調整：個資保護專責機關成立後，本承諾事項隨業務移交新機關，並於推動小組會議確認權責機關之變更。',
      ],
      en: [
        'Budget: funded from the annual budget of the National Development Council’s Personal Data Protection Office.',
        'Reorganisation: once a personal data protection authority is established, this commitment moves to it with the rest of the portfolio, and the change of lead agency is confirmed at a task-force meeting.',
      ],
    },
    milestones: [
      ['蒐集個資當事人行使權利之問題與建議', 'Collect problems and suggestions on how data subjects exercise their rights', '辦理 2 場公私協力座談會', 'Hold 2 public–private forums'],
      ['發布個人資料保護影響評估指引', 'Publish privacy impact assessment guidance', '發布指引 1 份', 'Publish 1 guidance document'],
      ['擇定機關試行個人資料保護影響評估', 'Pilot privacy impact assessments in selected agencies', '3 個機關完成試行', '3 agencies complete a pilot'],
      ['檢討試行成果並提出精進建議', 'Review the pilots and recommend improvements', '公開成果報告 1 份', 'Publish 1 results report'],
    ],
  },
  {
    slug: 'access-to-information',
    number: '1-4',
    domainId: 'd1',
    title: { zh: '落實政府資訊公開法之資訊取用權', en: 'Realising the right of access to information under the Freedom of Government Information Law' },
    partners: with_('資訊公開倡議團體、行政法學者', 'freedom of information advocates; administrative law scholars'),
    lead: 'moj',
    co: [],
    ogp: ['transparency', 'participation', 'accountability'],
    problem: {
      zh: [
        '政府資訊公開法自 2005 年施行，惟各機關承辦人員對應公開範圍及限制公開事由（如第 18 條）之理解不一，民眾申請政府資訊時常遇到駁回理由不明確、收費標準不一致等問題。',
        '各機關受理申請之件數、准駁情形及理由亦缺乏整體統計，難以檢視法律落實的程度。',
      ],
      en: [
        'The Freedom of Government Information Law has been in force since 2005, but officials interpret the scope of disclosure and the exemptions (such as Article 18) differently; requesters often meet unclear reasons for refusal and inconsistent fees.',
        'There are no overall statistics on how many requests agencies receive, how many are granted or refused and why, so it is hard to see how well the law is implemented.',
      ],
    },
    content: {
      zh: [
        [
          '強化公務員政府資訊公開法之教育訓練，編製常見爭議案例彙編。',
          '向民眾、機關承辦人員及法制人員徵詢申請及處理政府資訊時遇到之問題，並統計各機關受理申請之准駁情形與理由。',
          '檢討各機關政府資訊收費標準，研議合理一致之收費原則。',
        ],
      ],
      en: [
        [
          'Strengthen civil-service training on the Freedom of Government Information Law and compile a casebook of common disputes.',
          'Ask the public, case officers and legal staff about the problems they meet when requesting or handling government information, and compile statistics on agencies’ decisions on requests and the reasons given.',
          'Review agencies’ fees for government information and propose reasonable, consistent fee principles.',
        ],
      ],
    },
    relevance: {
      zh: [
        '透明：提升政府資訊公開之落實程度。公民參與：徵詢申請人及機關人員之經驗。公共課責：公開各機關准駁統計，讓外界得以檢視。',
      ],
      en: [
        'Transparency: the law is better implemented. Civic participation: the experience of requesters and officials is sought. Public accountability: agencies’ decision statistics are published for scrutiny.',
      ],
    },
    other: {
      zh: ['預算：由法務部年度預算支應。', '相關資料：各機關政府資訊公開申請案件及訴願案件統計。'],
      en: ['Budget: funded from the Ministry of Justice’s annual budget.', 'Related data: statistics of agencies’ information requests and administrative appeals.'],
    },
    milestones: [
      ['辦理公務員政府資訊公開法教育訓練', 'Train civil servants on the Freedom of Government Information Law', '辦理 4 場教育訓練，參訓達 400 人次', 'Hold 4 training sessions with 400 attendances'],
      ['徵詢民眾、機關承辦人員及法制人員遇到之問題，並統計准駁情形', 'Consult the public, case officers and legal staff, and compile decision statistics', '完成調查及統計分析報告 1 份', 'Publish 1 survey and statistics report'],
      ['檢討各機關政府資訊收費標準', 'Review agencies’ fees for government information', '完成收費標準檢討報告 1 份並召開 2 場諮詢會議', 'Publish 1 fee review and hold 2 consultation meetings'],
      ['修正收費原則或作業指引', 'Revise the fee principles or operating guidance', '發布修正後之收費原則或指引 1 項', 'Issue 1 revised set of fee principles or guidance'],
    ],
  },
  {
    slug: 'environmental-disclosure',
    number: '1-5',
    domainId: 'd1',
    title: { zh: '環境議題之資訊揭露', en: 'Disclosure of environmental information' },
    partners: with_('環境團體、漁民團體、地方社區', 'environmental groups; fishers’ associations; local communities'),
    lead: 'moea',
    co: ['epa', 'coa'],
    ogp: ['transparency', 'participation'],
    problem: {
      zh: [
        '推動能源轉型以來，離岸風電與太陽光電案場快速增加，地方居民、漁民及環境團體關注開發對生態、漁業及土地利用之影響。',
        '相關海域資料分散於不同機關，光電案場之環境資訊亦未充分揭露，民眾參與討論的基礎不足，容易產生爭議與不信任。',
      ],
      en: [
        'Since the energy transition began, offshore wind farms and solar photovoltaic sites have grown quickly, and residents, fishers and environmental groups are concerned about their effects on ecology, fisheries and land use.',
        'Marine data is scattered across agencies and the environmental information of solar sites is not fully disclosed, so the public lacks a basis for discussion, which breeds disputes and mistrust.',
      ],
    },
    content: {
      zh: [
        [
          '加強培力：辦理環境資訊培力課程，提升民眾與地方團體理解及參與之能力。',
          '整合離岸風電既有之海域相關資料（生態、漁業、航道等），建置單一查詢介面並公開。',
          '揭露太陽光電案場之環境資訊，包括設置區位及環境檢核結果。',
        ],
      ],
      en: [
        [
          'Capacity building: training on environmental information so residents and local groups can understand it and take part.',
          'Integrate existing marine data related to offshore wind (ecology, fisheries, shipping lanes) behind a single public search interface.',
          'Disclose environmental information on solar photovoltaic sites, including their location and environmental screening results.',
        ],
      ],
    },
    relevance: {
      zh: ['透明：整合並揭露能源開發相關環境資訊。公民參與：透過培力及公開資料，讓地方居民能實質參與能源設施之討論。'],
      en: ['Transparency: environmental information on energy development is integrated and disclosed. Civic participation: training and open data let local residents take a real part in discussions about energy facilities.'],
    },
    other: {
      zh: ['預算：由經濟部能源相關計畫支應，並與環境影響評估資訊公開相互連結。', '本承諾事項由推動小組第一次會議依民間委員建議新增。'],
      en: ['Budget: funded by the Ministry of Economic Affairs’ energy programmes, linked with the disclosure of environmental impact assessments.', 'This commitment was added at the task force’s first meeting on the proposal of a civil-society member.'],
    },
    milestones: [
      ['辦理環境資訊培力工作坊', 'Hold environmental information workshops', '辦理 3 場工作坊', 'Hold 3 workshops'],
      ['整合離岸風電海域相關資料並上線查詢', 'Integrate offshore wind marine data and put it online', '整合 10 類海域資料', 'Integrate 10 categories of marine data'],
      ['揭露太陽光電案場環境資訊', 'Disclose environmental information on solar sites', '公開 500 處案場之環境資訊', 'Publish environmental information for 500 sites'],
      ['蒐集各界回饋並檢討資料揭露內容', 'Collect feedback and review what is disclosed', '辦理 2 場公開說明會並完成檢討報告 1 份', 'Hold 2 public briefings and publish 1 review'],
    ],
  },
  // ---- 2 擴大公共參與機制 ------------------------------------------------------------------
  {
    slug: 'referendum-e-petition',
    number: '2-1',
    domainId: 'd2',
    title: { zh: '推動全國性公民投票電子連署', en: 'Electronic signature collection for national referendums' },
    partners: with_('公民團體、資訊安全專家', 'civic groups; information security experts'),
    lead: 'cec',
    co: ['moi'],
    ogp: ['transparency', 'participation', 'innovation'],
    problem: {
      zh: [
        '全國性公民投票之連署目前以紙本為主，提案人須蒐集大量紙本連署書，選務機關查對耗費大量人力、時間與經費，紙本連署書亦有連署人個資外洩之風險。',
      ],
      en: [
        'Signatures for national referendums are still collected mainly on paper: proposers gather large numbers of paper forms, election offices spend much staff time and money checking them, and the forms put signatories’ personal data at risk.',
      ],
    },
    content: {
      zh: [
        '推動全國性公民投票電子連署系統上線：',
        [
          '提升電子連署透明度，公開連署進度及查對結果。',
          '確保連署人個資保護，系統通過資訊安全檢測。',
          '加快查對時效並降低連署及查對成本。',
        ],
      ],
      en: [
        'Launch an electronic signature system for national referendums:',
        [
          'Make e-signature collection transparent by publishing its progress and the verification results.',
          'Protect signatories’ personal data, with the system passing security testing.',
          'Speed up verification and lower the cost of collecting and checking signatures.',
        ],
      ],
    },
    relevance: {
      zh: ['公民參與：降低民眾參與公民投票提案之門檻。透明：公開連署進度。科技與創新：以數位工具取代紙本作業。'],
      en: ['Civic participation: lowers the barrier to proposing a referendum. Transparency: signature progress is published. Technology and innovation: digital tools replace paperwork.'],
    },
    other: {
      zh: ['預算：系統建置及維運經費由中央選舉委員會年度預算支應。', '相關法規：公民投票法。'],
      en: ['Budget: building and running the system is funded from the Central Election Commission’s annual budget.', 'Related law: the Referendum Act.'],
    },
    milestones: [
      ['完成電子連署系統建置', 'Finish building the e-signature system', '完成系統建置及資安檢測 1 次', 'System built and 1 security test passed'],
      ['系統上線並公開連署進度', 'Launch the system and publish signature progress', '系統上線 1 套並提供連署進度查詢', '1 system live with public progress tracking'],
      ['辦理電子連署系統宣導並蒐集使用者回饋', 'Promote the system and collect user feedback', '辦理 4 場說明會', 'Hold 4 information sessions'],
      ['檢討查對時效與成本', 'Review verification time and cost', '查對時間較紙本作業縮短 50%', 'Verification takes 50% less time than on paper'],
    ],
  },
  {
    slug: 'regional-revitalization',
    number: '2-2',
    domainId: 'd2',
    title: { zh: '建立地方創生互動平台', en: 'An interactive platform for regional revitalization' },
    partners: with_('地方創生團隊、返鄉青年', 'regional revitalization teams; young people returning home'),
    lead: 'ndc',
    co: [],
    ogp: ['transparency', 'participation'],
    problem: {
      zh: [
        '我國面臨人口高齡化、人口過度集中大都市及城鄉發展失衡等問題。地方團隊與返鄉青年缺乏資訊與經驗交流之管道，成功案例未被系統性整理與分享，地方政府對地方創生之共識亦有待加強。',
      ],
      en: [
        'Taiwan faces an ageing population, concentration of people in big cities and unbalanced urban–rural development. Local teams and young people returning home lack channels to exchange information and experience, successful cases are not collected and shared systematically, and local governments’ commitment to regional revitalization needs strengthening.',
      ],
    },
    content: {
      zh: [
        [
          '建置地方創生資訊共享交流平台，彙整政策資源與各地團隊資訊。',
          '運用平台之資訊共享與共創，以故事性方式呈現地方創生案例，讓沒去過的人也能感受在地的溫度。',
          '提供地方青年提出意見及遭遇困難之管道；涉及中央法規調整之建議，轉介至公共政策網路參與平臺或行政院青年諮詢委員會處理。',
        ],
      ],
      en: [
        [
          'Build a platform for sharing information on regional revitalization, bringing together policy resources and local teams.',
          'Use the platform’s sharing and co-creation to tell regional revitalization cases as stories, so that people who have never been there can feel the place.',
          'Give local young people a channel to raise ideas and difficulties; suggestions that require changes to national regulations are referred to the Public Policy Online Participation Platform (Join) or the Executive Yuan Youth Advisory Committee.',
        ],
      ],
    },
    relevance: {
      zh: ['公民參與：讓在地團隊主動在平台上分享與共創，而非由上而下推動。透明：公開政策資源與案例。'],
      en: ['Civic participation: local teams share and co-create on the platform themselves rather than being directed from above. Transparency: policy resources and cases are public.'],
    },
    other: {
      zh: ['預算：由國家發展委員會地方創生相關計畫支應。', '相關計畫：地方創生國家戰略計畫、公共政策網路參與平臺。'],
      en: ['Budget: funded by the National Development Council’s regional revitalization programmes.', 'Linked programmes: the National Strategic Plan for Regional Revitalization; the Join platform.'],
    },
    milestones: [
      ['建置地方創生互動平台', 'Launch the regional revitalization platform', '平台上線並收錄 50 個地方團隊資訊', 'Platform live with 50 local teams listed'],
      ['蒐集地方創生案例並以故事性方式撰寫', 'Collect cases and write them as stories', '完成 30 則案例', 'Publish 30 cases'],
      ['辦理線上及實體交流活動', 'Hold online and in-person exchanges', '辦理 6 場交流活動', 'Hold 6 exchange events'],
      ['累積平台共創案例', 'Grow the co-created cases on the platform', '平台共創案例累計達 60 則', '60 co-created cases on the platform'],
    ],
  },
  {
    slug: 'labour-unions',
    number: '2-3',
    domainId: 'd2',
    title: { zh: '鼓勵勞工籌組工會', en: 'Encouraging workers to form trade unions' },
    partners: with_('勞工團體、工會代表', 'labour groups; trade union representatives'),
    lead: 'mol',
    co: [],
    ogp: ['transparency', 'participation'],
    problem: {
      zh: [
        '我國企業工會組織率偏低，勞工籌組工會常面臨資訊不足、登記程序繁瑣及擔心遭受不利待遇等困境，勞工集體參與勞動條件決定之管道有限。',
      ],
      en: [
        'Union density in Taiwanese enterprises is low. Workers who want to form a union often lack information, face cumbersome registration and fear unfavourable treatment, so they have few collective channels to shape their working conditions.',
      ],
    },
    content: {
      zh: [
        [
          '蒐集勞工籌組工會之困境，與勞工團體共同研議改善方式。',
          '簡化籌組工會之流程，提供線上申辦及諮詢服務。',
          '辦理多元宣導，推廣組織工會及職業安全衛生觀念。',
        ],
      ],
      en: [
        [
          'Collect the difficulties workers meet when forming unions and work out improvements with labour groups.',
          'Simplify the process of forming a union, with online applications and advice.',
          'Run varied outreach on forming unions and on occupational safety and health.',
        ],
      ],
    },
    relevance: {
      zh: ['公民參與：強化勞工集體發聲之能力。透明：公開籌組工會之程序與資訊。'],
      en: ['Civic participation: strengthens workers’ collective voice. Transparency: the process and information for forming a union are public.'],
    },
    other: {
      zh: ['預算：由勞動部年度預算支應。'],
      en: ['Budget: funded from the Ministry of Labor’s annual budget.'],
    },
    milestones: [
      ['蒐集勞工籌組工會之困境', 'Collect the difficulties of forming unions', '辦理 3 場座談會並完成問題彙整', 'Hold 3 forums and publish a summary of the issues'],
      ['簡化籌組工會流程', 'Simplify the union formation process', '完成流程簡化 1 項並提供線上申辦', 'Simplify 1 procedure and offer it online'],
      ['辦理組織工會及職業安全衛生多元宣導', 'Run outreach on unions and occupational safety', '辦理 20 場宣導活動', 'Hold 20 outreach events'],
      ['評估推動成效', 'Evaluate the results', '完成成效評估報告 1 份', 'Publish 1 evaluation report'],
    ],
  },
  {
    slug: 'youth-participation',
    number: '2-4',
    domainId: 'd2',
    title: { zh: '擴大青年政策參與', en: 'Expanding youth participation in policy making' },
    partners: with_('青年團體、青年諮詢委員', 'youth organisations; youth advisory members'),
    lead: 'moe',
    co: [],
    ogp: ['transparency', 'participation', 'innovation'],
    problem: {
      zh: [
        '青年是政策的重要利害關係人，但參與政策討論之管道分散，中央與地方之青年諮詢機制資訊未整合，學校校務資料亦不易取得，青年難以依據資料參與校園及公共事務。',
      ],
      en: [
        'Young people are key stakeholders in policy, but the channels for them to take part are scattered, information on national and local youth advisory bodies is not integrated, and school administrative data is hard to obtain, so young people cannot easily take part in campus and public affairs on the basis of data.',
      ],
    },
    content: {
      zh: [
        [
          '持續辦理「青年好政 Let’s Talk」審議討論，並追蹤政策建議之回應。',
          '整合全國青年諮詢機制資訊網站。',
          '研訂高級中等以上學校校務資料開放原則。',
        ],
      ],
      en: [
        [
          'Continue the “Youth Policy Let’s Talk” deliberations and follow up the responses to their policy proposals.',
          'Integrate information on youth advisory bodies nationwide into one website.',
          'Draw up principles for opening the administrative data of senior high schools and above.',
        ],
      ],
    },
    relevance: {
      zh: ['公民參與：以審議民主方式讓青年參與政策形成。透明：開放校務資料及青諮資訊。科技與創新：運用數位工具擴大參與。'],
      en: ['Civic participation: deliberative methods bring young people into policy making. Transparency: school data and youth advisory information are opened. Technology and innovation: digital tools widen participation.'],
    },
    other: {
      zh: ['預算：由教育部青年發展署年度預算支應。'],
      en: ['Budget: funded from the annual budget of the Ministry of Education’s Youth Development Administration.'],
    },
    milestones: [
      ['辦理青年好政 Let’s Talk', 'Hold Youth Policy Let’s Talk deliberations', '辦理 20 場審議討論', 'Hold 20 deliberations'],
      ['整合全國青年諮詢資訊網站', 'Integrate the national youth advisory website', '網站上線並整合 22 個直轄市、縣（市）青諮資訊', 'Website live covering 22 cities and counties'],
      ['研訂高級中等以上學校校務資料開放原則', 'Draw up principles for opening school data', '發布開放原則 1 項', 'Issue 1 set of principles'],
      ['持續辦理 Let’s Talk 並追蹤政策回應', 'Continue Let’s Talk and track responses', '政策建議獲機關書面回應比率達 100%', '100% of proposals receive a written response from the agency'],
    ],
  },
  {
    slug: 'civic-education',
    number: '2-5',
    domainId: 'd2',
    title: { zh: '將開放政府觀念納入公民與社會課程', en: 'Bringing open government into civics education' },
    partners: with_('公民科教師、教育團體', 'civics teachers; education groups'),
    lead: 'moe',
    co: [],
    ogp: ['transparency', 'participation'],
    problem: {
      zh: [
        '十二年國民基本教育課程綱要之社會領域已涵蓋民主參與及政府運作，但開放政府之核心價值（透明、參與、課責）與實際參與管道尚未系統性納入教學，學校人員對開放政府之了解亦有限。',
      ],
      en: [
        'The social studies curriculum of the 12-year basic education covers democratic participation and how government works, but the core values of open government (transparency, participation, accountability) and the practical channels for taking part are not yet taught systematically, and school staff know little about open government.',
      ],
    },
    content: {
      zh: [
        [
          '盤點公民與社會課程中與開放政府相關之學習內容。',
          '發展開放政府教學示例及教材。',
          '辦理教師研習，提升學校人員對開放政府之了解。',
        ],
      ],
      en: [
        [
          'Map the content of civics courses related to open government.',
          'Develop open government teaching examples and materials.',
          'Train teachers so school staff understand open government better.',
        ],
      ],
    },
    relevance: {
      zh: ['公民參與：從教育扎根，培養未來公民參與公共事務之能力。透明：讓學生認識政府資訊公開與開放資料之運用。'],
      en: ['Civic participation: education builds future citizens’ ability to take part in public affairs. Transparency: students learn about freedom of information and open data.'],
    },
    other: {
      zh: ['預算：由教育部國民及學前教育署年度預算支應。'],
      en: ['Budget: funded from the annual budget of the Ministry of Education’s K-12 Education Administration.'],
    },
    milestones: [
      ['盤點公民與社會課程相關學習內容', 'Map related content in civics courses', '完成盤點報告 1 份', 'Publish 1 mapping report'],
      ['發展開放政府教學示例', 'Develop open government teaching examples', '完成教學示例 5 份', 'Publish 5 teaching examples'],
      ['辦理教師研習', 'Train teachers', '辦理 6 場研習，參與達 300 人次', 'Hold 6 workshops with 300 attendances'],
      ['推廣教學示例並蒐集回饋', 'Promote the teaching examples and collect feedback', '教學示例下載達 1,000 次並完成回饋分析', '1,000 downloads and a feedback analysis'],
    ],
  },
  // ---- 3 增加性別及族群包容性對話 ----------------------------------------------------------
  {
    slug: 'gender-inclusion',
    number: '3-1',
    domainId: 'd3',
    title: { zh: '促進性別包容性對話參與', en: 'Promoting inclusive dialogue and participation on gender' },
    partners: with_('婦女團體、性別平等倡議團體', 'women’s groups; gender equality advocates'),
    lead: 'dge',
    co: [],
    ogp: ['transparency', 'participation', 'accountability'],
    problem: {
      zh: [
        '我國透過 CEDAW 國家報告及國際審查檢視性別平等之落實，惟民間參與報告撰寫及審查之管道有限，全民對 CEDAW 之認識仍待提升，報告多以不易再利用之格式公開。',
        '公部門決策過程中之性別平等參與，亦有持續精進之空間。',
      ],
      en: [
        'Taiwan reviews its progress on gender equality through CEDAW national reports and international review, but civil society has limited channels to take part in writing and reviewing the reports, public awareness of CEDAW is still low, and the reports are mostly published in formats that are hard to reuse.',
        'Gender-equal participation in public-sector decision making can also improve further.',
      ],
    },
    content: {
      zh: [
        [
          '增進 CEDAW 國家報告之公民參與管道。',
          '提升全民對 CEDAW 之認識。',
          '以開放格式公開 CEDAW 國家報告及審查資料。',
          '促進公部門決策參與之性別平等。',
        ],
      ],
      en: [
        [
          'Open more channels for civic participation in the CEDAW national report.',
          'Raise public awareness of CEDAW.',
          'Publish the CEDAW national reports and review materials in open formats.',
          'Promote gender equality in public-sector decision making.',
        ],
      ],
    },
    relevance: {
      zh: ['透明：以開放格式公開報告。公民參與：擴大民間參與國家報告。公共課責：透過國際審查及結論性意見追蹤政府落實情形。'],
      en: ['Transparency: reports are published in open formats. Civic participation: civil society takes a larger part in the national report. Public accountability: international review and concluding observations track the government’s progress.'],
    },
    other: {
      zh: ['預算：由行政院性別平等處年度預算支應。'],
      en: ['Budget: funded from the annual budget of the Executive Yuan’s Department of Gender Equality.'],
    },
    milestones: [
      ['以開放格式公開 CEDAW 國家報告', 'Publish the CEDAW national report in open formats', '公開國家報告及結論性意見各 1 份', 'Publish 1 national report and 1 set of concluding observations'],
      ['辦理 CEDAW 國家報告公民參與會議', 'Hold civic participation meetings on the CEDAW report', '辦理 5 場公民參與會議', 'Hold 5 participation meetings'],
      ['辦理 CEDAW 宣導', 'Run CEDAW awareness activities', '辦理 10 場宣導活動', 'Hold 10 awareness events'],
      ['提升公部門決策之性別平等參與', 'Improve gender balance in public decision making', '行政院所屬委員會任一性別達三分之一之比率達 95%', '95% of Executive Yuan committees have at least one third of each gender'],
    ],
  },
  {
    slug: 'indigenous-participation',
    number: '3-2',
    domainId: 'd3',
    title: { zh: '擴大原住民族跨域參與及國際接軌', en: 'Expanding indigenous peoples’ cross-sector participation and international engagement' },
    partners: with_('原住民族團體、部落代表', 'indigenous organisations; tribal representatives'),
    lead: 'cip',
    co: [],
    ogp: ['transparency', 'participation'],
    problem: {
      zh: [
        '原住民族政策之形成，部落及族人直接提案之管道有限；南島民族相關圖書及研究資料分散，不利與國際南島語族社群交流。',
      ],
      en: [
        'Tribes and indigenous people have few direct channels to propose indigenous policy, and books and research on Austronesian peoples are scattered, which hinders exchange with Austronesian communities abroad.',
      ],
    },
    content: {
      zh: [
        [
          '研擬民眾參與原住民族政策之提案機制。',
          '建立南島圖書資訊資料庫，促進與國際南島語族之交流。',
        ],
      ],
      en: [
        [
          'Design a mechanism for the public to propose indigenous policy.',
          'Build an Austronesian library and information database to foster exchange with Austronesian peoples abroad.',
        ],
      ],
    },
    relevance: {
      zh: ['公民參與：建立族人直接提案之管道。透明：開放南島圖書資訊。'],
      en: ['Civic participation: indigenous people gain a direct channel to make proposals. Transparency: Austronesian library information is opened.'],
    },
    other: {
      zh: ['預算：由原住民族委員會年度預算支應。'],
      en: ['Budget: funded from the Council of Indigenous Peoples’ annual budget.'],
    },
    milestones: [
      ['研擬原住民族政策民眾提案機制', 'Design the public proposal mechanism for indigenous policy', '召開 4 場部落諮詢會議', 'Hold 4 tribal consultation meetings'],
      ['試行政策提案機制', 'Pilot the proposal mechanism', '受理並回應 10 件民眾提案', 'Receive and answer 10 public proposals'],
      ['建立南島圖書資訊資料庫', 'Build the Austronesian library database', '資料庫收錄 1,000 筆資料', 'Database holds 1,000 records'],
      ['推廣資料庫並辦理國際交流', 'Promote the database and hold international exchanges', '辦理 2 場國際交流活動', 'Hold 2 international exchange events'],
    ],
  },
  {
    slug: 'new-immigrants',
    number: '3-3',
    domainId: 'd3',
    title: { zh: '促進新住民公共參與及發展', en: 'Promoting new immigrants’ public participation and development' },
    partners: with_('新住民團體、多元文化組織', 'new immigrant associations; multicultural organisations'),
    lead: 'moi',
    co: [],
    ogp: ['transparency', 'participation'],
    problem: {
      zh: [
        '我國新住民人數已逾 50 萬人，惟受語言、資訊及社會網絡限制，參與公共事務及政策討論之機會有限，其意見不易反映於政策之中。',
      ],
      en: [
        'Taiwan has more than 500,000 new immigrants, but language, information and social networks limit their chances to take part in public affairs and policy discussion, and their views rarely reach policy.',
      ],
    },
    content: {
      zh: [
        [
          '培力增能、多元發展：辦理新住民及其子女培力課程，提升參與公共事務之能力。',
          '公民參與、民主深根：鼓勵新住民參與相關委員會及公共討論，並提供多語資訊。',
        ],
      ],
      en: [
        [
          'Empowerment and diverse development: training for new immigrants and their children to build their capacity to take part in public affairs.',
          'Civic participation and deeper democracy: encourage new immigrants to join relevant committees and public discussion, with information in several languages.',
        ],
      ],
    },
    relevance: {
      zh: ['公民參與：擴大新住民參與公共事務。透明：以多語提供政策資訊。'],
      en: ['Civic participation: new immigrants take a larger part in public affairs. Transparency: policy information is available in several languages.'],
    },
    other: {
      zh: ['預算：由內政部移民署新住民發展基金支應。'],
      en: ['Budget: funded by the New Immigrants Development Fund of the Ministry of the Interior’s National Immigration Agency.'],
    },
    milestones: [
      ['辦理新住民培力課程', 'Run training for new immigrants', '辦理 20 場課程', 'Hold 20 courses'],
      ['擴大新住民參與公共事務', 'Widen new immigrants’ participation in public affairs', '新住民參與中央及地方相關會議達 100 人次', '100 attendances by new immigrants at national and local meetings'],
      ['辦理多語公共參與說明會', 'Hold multilingual participation sessions', '辦理 10 場多語說明會', 'Hold 10 multilingual sessions'],
      ['評估新住民參與成效', 'Evaluate new immigrants’ participation', '完成成效評估報告 1 份', 'Publish 1 evaluation report'],
    ],
  },
  {
    slug: 'hakka-participation',
    number: '3-4',
    domainId: 'd3',
    title: { zh: '推動客家議題公共參與', en: 'Promoting public participation in Hakka affairs' },
    partners: with_('客家社團、客家青年', 'Hakka associations; young Hakka people'),
    lead: 'hac',
    co: [],
    ogp: ['transparency', 'participation'],
    problem: {
      zh: [
        '客家事務之推動多由政府主導，民間團體及客家青年參與政策討論之管道有限；客家相關資訊之開放程度亦不足，不利各界加值運用。',
      ],
      en: [
        'Hakka affairs are mostly led by the government; civic groups and young Hakka people have few channels to take part in policy discussion, and little Hakka-related information is open for reuse.',
      ],
    },
    content: {
      zh: [
        [
          '透過公私協力推動客家事務。',
          '鼓勵客家青年參與客家公共事務。',
          '提升客家議題之資訊開放。',
        ],
      ],
      en: [
        [
          'Advance Hakka affairs through public–private collaboration.',
          'Encourage young Hakka people to take part in Hakka public affairs.',
          'Open more information on Hakka issues.',
        ],
      ],
    },
    relevance: {
      zh: ['公民參與：擴大客家社群及青年參與。透明：開放客家相關資料。'],
      en: ['Civic participation: the Hakka community and its youth take a larger part. Transparency: Hakka-related data is opened.'],
    },
    other: {
      zh: ['預算：由客家委員會年度預算支應。'],
      en: ['Budget: funded from the Hakka Affairs Council’s annual budget.'],
    },
    milestones: [
      ['盤點並開放客家相關資料', 'Inventory and open Hakka-related data', '新增開放 20 項資料集', 'Open 20 more datasets'],
      ['辦理客家青年公共參與培力', 'Train young Hakka people in public participation', '辦理 4 場青年工作坊', 'Hold 4 youth workshops'],
      ['公私協力推動客家事務', 'Advance Hakka affairs with civil society', '召開 6 場公私協力會議', 'Hold 6 public–private meetings'],
      ['檢討客家議題資訊開放', 'Review the opening of Hakka information', '累計開放 50 項資料集並完成檢討', '50 datasets open in total and a review published'],
    ],
  },
  // ---- 4 落實清廉施政 ----------------------------------------------------------------------
  {
    slug: 'political-donations',
    number: '4-1',
    domainId: 'd4',
    title: { zh: '強化政治獻金透明化', en: 'Enhancing the transparency of political donations' },
    partners: with_('國會監督團體、公民科技社群', 'parliamentary watchdog groups; civic tech community'),
    lead: 'moi',
    co: ['cy', 'fsc'],
    ogp: ['transparency', 'accountability', 'innovation'],
    problem: {
      zh: [
        '政治獻金會計報告依現行規定於選後數月始公開，且多為掃描影像，不易檢索與分析；選舉經費之透明度不足。',
        '企業政治獻金與關係人交易之資訊未強制揭露，外界難以檢視可能之利益衝突。',
      ],
      en: [
        'Political donation accounts are published only months after an election under current rules, mostly as scanned images that are hard to search and analyse, and campaign spending is not transparent enough.',
        'Corporate political donations and related-party transactions need not be disclosed, so possible conflicts of interest are hard to scrutinise.',
      ],
    },
    content: {
      zh: [
        [
          '研議政治獻金或選舉經費透明化機制。',
          '更新政治獻金資訊系統，以機器可讀之開放格式提供申報資料。',
          '推動強制揭露關係人交易資訊之修法作業。',
        ],
      ],
      en: [
        [
          'Study mechanisms to make political donations and campaign spending transparent.',
          'Update the political donation information system to provide the declared data in machine-readable open formats.',
          'Prepare legislative amendments requiring the disclosure of related-party transactions.',
        ],
      ],
    },
    relevance: {
      zh: ['透明：以開放格式公開政治獻金資料。公共課責：讓外界檢視政治人物與捐贈者之關係。科技與創新：以資訊系統取代紙本申報與影像公開。'],
      en: ['Transparency: political donation data is published in open formats. Public accountability: the public can examine the ties between politicians and donors. Technology and innovation: an information system replaces paper declarations and scanned images.'],
    },
    other: {
      zh: ['預算：由內政部及相關機關年度預算支應。', '相關法規：政治獻金法、公職人員選舉罷免法。'],
      en: ['Budget: funded from the annual budgets of the Ministry of the Interior and the agencies involved.', 'Related laws: the Political Donations Act; the Civil Servants Election and Recall Act.'],
    },
    milestones: [
      ['研議政治獻金及選舉經費透明化機制', 'Study transparency mechanisms for donations and campaign spending', '召開 3 場公私協力研商會議', 'Hold 3 public–private consultation meetings'],
      ['更新政治獻金資訊系統', 'Update the political donation information system', '系統更新 1 套，並以開放格式提供 2 類申報資料（收支明細及會計報告）', 'Update 1 system; publish 2 kinds of declared data (itemised receipts and expenditures, accounting reports) in open formats'],
      ['推動強制揭露關係人交易資訊之修法', 'Advance amendments on related-party transaction disclosure', '完成修法草案 1 案', 'Complete 1 draft amendment'],
      ['檢討透明化成效', 'Review the transparency results', '公開成效檢討報告 1 份', 'Publish 1 review report'],
    ],
  },
  {
    slug: 'procurement-integrity',
    number: '4-2',
    domainId: 'd4',
    title: { zh: '建構與精進機關採購廉政平台', en: 'Building and improving procurement integrity platforms' },
    partners: with_('反貪腐團體、產業公會', 'anti-corruption groups; industry associations'),
    lead: 'moj',
    co: ['pcc'],
    ogp: ['transparency', 'participation', 'accountability'],
    problem: {
      zh: [
        '重大公共工程及採購案件金額龐大，易生圍標、綁標等弊端。各機關雖已設置採購廉政平台，由檢調、政風與業者共同參與，惟資訊分散於各機關，缺乏統一入口及一致之公開資料格式，外界難以監督。',
      ],
      en: [
        'Major public works and procurement involve large sums and invite bid-rigging and tailored specifications. Agencies have set up procurement integrity platforms bringing together prosecutors, ethics units and businesses, but their information is scattered, with no single entry point or consistent open data format, which makes outside oversight difficult.',
      ],
    },
    content: {
      zh: [
        [
          '設置廉政平台單一入口網。',
          '研擬平台公開資料之統一架構及格式，並參考開放契約（Open Contracting）資料標準，擇定重大採購案件試行。',
          '對內加強廉政平台之行銷及典範案例分享。',
        ],
      ],
      en: [
        [
          'Set up a single portal for the integrity platforms.',
          'Define a common structure and format for the platforms’ open data, drawing on the Open Contracting Data Standard, and pilot it on selected major procurements.',
          'Promote the integrity platforms within government and share exemplary cases.',
        ],
      ],
    },
    relevance: {
      zh: ['透明：公開重大採購案件之廉政平台資訊。公民參與：邀請業者及民間參與監督。公共課責：強化採購過程之外部監督。'],
      en: ['Transparency: integrity platform information on major procurements is public. Civic participation: businesses and civil society help oversee procurement. Public accountability: external oversight of procurement is strengthened.'],
    },
    other: {
      zh: ['預算：由法務部廉政署年度預算支應。'],
      en: ['Budget: funded from the annual budget of the Ministry of Justice’s Agency Against Corruption.'],
    },
    milestones: [
      ['設置廉政平台單一入口網', 'Launch a single portal for the integrity platforms', '入口網上線 1 處', '1 portal live'],
      ['研擬平台公開資料統一架構及格式', 'Define a common open data structure and format', '發布資料格式規範 1 份', 'Publish 1 data format specification'],
      ['擇定重大採購案件試行開放契約資料', 'Pilot open contracting data on major procurements', '試行 3 件重大採購案件', 'Pilot 3 major procurements'],
      ['推廣典範案例', 'Promote exemplary cases', '辦理 4 場分享會並出版案例彙編 1 冊', 'Hold 4 sharing sessions and publish 1 casebook'],
    ],
  },
  {
    slug: 'whistleblower-protection',
    number: '4-3',
    domainId: 'd4',
    title: { zh: '推動揭弊者保護立法', en: 'Advancing whistleblower protection legislation' },
    partners: with_('反貪腐團體、勞工團體', 'anti-corruption groups; labour groups'),
    lead: 'moj',
    co: [],
    ogp: ['participation', 'accountability'],
    problem: {
      zh: [
        '揭弊者是發現貪腐及重大不法之關鍵，但我國尚無專法保障公私部門揭弊者，揭弊者常面臨解僱、降調等報復，民眾對揭弊者保護之認知亦不足。',
      ],
      en: [
        'Whistleblowers are key to uncovering corruption and serious wrongdoing, but Taiwan has no dedicated law protecting whistleblowers in the public and private sectors; they often face dismissal, demotion or other retaliation, and public awareness of whistleblower protection is low.',
      ],
    },
    content: {
      zh: [
        [
          '推動揭弊者保護法草案之立法工作，與民間團體共同研商重要爭點。',
          '辦理宣導，加強民眾對揭弊者保護之認知。',
        ],
      ],
      en: [
        [
          'Advance the draft whistleblower protection act, discussing its key issues with civil society.',
          'Run awareness activities so the public knows about whistleblower protection.',
        ],
      ],
    },
    relevance: {
      zh: ['公共課責：保障揭弊者，強化對公私部門不法之監督。公民參與：立法過程納入民間意見。'],
      en: ['Public accountability: protecting whistleblowers strengthens oversight of wrongdoing in both sectors. Civic participation: civil society’s views shape the legislation.'],
    },
    other: {
      zh: ['預算：由法務部年度預算支應。'],
      en: ['Budget: funded from the Ministry of Justice’s annual budget.'],
    },
    milestones: [
      ['研議揭弊者保護法草案', 'Prepare the draft whistleblower protection act', '召開 4 場公私協力諮詢會議', 'Hold 4 public–private consultation meetings'],
      ['草案報行政院審查', 'Submit the draft to the Executive Yuan', '草案經行政院會議通過 1 案', '1 draft approved by the Executive Yuan Council'],
      ['辦理揭弊者保護宣導', 'Run whistleblower protection awareness activities', '辦理 10 場宣導活動', 'Hold 10 awareness events'],
      ['調查民眾對揭弊者保護之認知', 'Survey public awareness of whistleblower protection', '民眾認知度較 2021 年提升 10 個百分點', 'Awareness 10 percentage points above 2021'],
    ],
  },
  // ---- 5 執行洗錢防制 ----------------------------------------------------------------------
  {
    slug: 'beneficial-ownership',
    number: '5-1',
    domainId: 'd5',
    title: { zh: '實質受益人資訊透明', en: 'Transparency of beneficial ownership information' },
    partners: with_('公益團體、會計及法律專業人士', 'public-interest groups; accounting and legal professionals'),
    lead: 'moea',
    co: ['fsc', 'moj'],
    ogp: ['transparency', 'accountability'],
    problem: {
      zh: [
        '法人及信託可能被用於隱藏不法資金之真正所有人。我國雖已建置公司負責人及主要股東資訊申報平台，惟公示資料查詢不便、申報資訊利用有限，公眾對法人透明度之認識亦不足；公益信託之客戶資訊揭露亦待加強。',
      ],
      en: [
        'Legal persons and trusts can be used to hide the real owners of illicit funds. Taiwan has a platform for declaring company directors and major shareholders, but the public registry is inconvenient to search, the declared data is little used, public awareness of corporate transparency is low, and the disclosure of charitable trusts’ client information needs strengthening.',
      ],
    },
    content: {
      zh: [
        [
          '提升商工登記公示資料查詢服務。',
          '提升公司負責人及主要股東資訊申報平台之使用。',
          '加強公眾對法人透明度之宣導及教育訓練。',
          '推動信託業辦理公益信託之客戶資訊揭露。',
        ],
      ],
      en: [
        [
          'Improve the search services of the business registration public registry.',
          'Increase the use of the platform for declaring company directors and major shareholders.',
          'Strengthen outreach and training on the transparency of legal persons.',
          'Have trust businesses disclose client information of charitable trusts.',
        ],
      ],
    },
    relevance: {
      zh: ['透明：公開法人及公益信託之相關資訊。公共課責：協助各界辨識實質受益人，阻絕洗錢管道。'],
      en: ['Transparency: information on legal persons and charitable trusts is public. Public accountability: helps everyone identify beneficial owners and closes money-laundering channels.'],
    },
    other: {
      zh: ['預算：由經濟部及金融監督管理委員會年度預算支應。', '相關法規：洗錢防制法、公司法。'],
      en: ['Budget: funded from the annual budgets of the Ministry of Economic Affairs and the Financial Supervisory Commission.', 'Related laws: the Money Laundering Control Act; the Company Act.'],
    },
    milestones: [
      ['提升商工登記公示資料查詢服務', 'Improve the business registry search services', '新增 2 項查詢功能', 'Add 2 search features'],
      ['推廣公司負責人及主要股東資訊申報平台', 'Promote the director and shareholder declaration platform', '申報率達 95%', 'Declaration rate reaches 95%'],
      ['辦理法人透明度宣導及教育訓練', 'Run outreach and training on corporate transparency', '辦理 6 場教育訓練', 'Hold 6 training sessions'],
      ['推動信託業辦理公益信託客戶資訊揭露', 'Have trust businesses disclose charitable trust client information', '公益信託資訊揭露比率達 100%', '100% of charitable trusts disclose the information'],
    ],
  },
  {
    slug: 'religious-finance',
    number: '5-2',
    domainId: 'd5',
    title: { zh: '執行宗教團體財務透明之政策，阻絕洗錢漏洞', en: 'Financial transparency of religious organisations to close money-laundering loopholes' },
    partners: with_('宗教團體代表、公益團體', 'representatives of religious organisations; public-interest groups'),
    lead: 'moi',
    co: ['moj'],
    ogp: ['transparency', 'accountability'],
    problem: {
      zh: [
        '宗教團體接受大量捐款，財務管理方式差異大，部分團體未依規定申報財務報告，可能成為洗錢防制之漏洞，亦影響社會對宗教團體之信任。',
      ],
      en: [
        'Religious organisations receive large donations and manage their finances in very different ways; some do not file the required financial reports, which can leave loopholes in anti-money-laundering controls and undermine public trust in religious organisations.',
      ],
    },
    content: {
      zh: [
        '以輔導代替處罰，兼顧宗教自由與財務透明：',
        [
          '辦理財務運作優良宗教團體觀摩會。',
          '對全國性宗教財團法人進行實地查核。',
          '公布依規定申報年度財務報告之宗教財團法人及寺廟名單。',
        ],
      ],
      en: [
        'Guidance rather than penalties, respecting religious freedom while improving financial transparency:',
        [
          'Hold study visits to religious organisations with good financial practice.',
          'Inspect national religious foundations on site.',
          'Publish the lists of religious foundations and temples that filed their annual financial reports as required.',
        ],
      ],
    },
    relevance: {
      zh: ['透明：公布申報名單。公共課責：透過實地查核強化宗教團體之財務課責。'],
      en: ['Transparency: filing lists are published. Public accountability: on-site inspections strengthen the financial accountability of religious organisations.'],
    },
    other: {
      zh: ['預算：本承諾事項已於承諾事項表中列明預算，由內政部年度預算支應。'],
      en: ['Budget: this commitment table states its budget, funded from the Ministry of the Interior’s annual budget.'],
    },
    milestones: [
      ['辦理財務運作優良宗教團體觀摩會', 'Hold study visits on good financial practice', '辦理 2 場觀摩會', 'Hold 2 study visits'],
      ['實地查核全國性宗教財團法人', 'Inspect national religious foundations on site', '實地查核 30 家', 'Inspect 30 foundations'],
      ['公布依規定申報財務報告之名單', 'Publish the lists of organisations that filed financial reports', '每年公布名單 1 次', 'Publish 1 list each year'],
      ['檢討查核成效', 'Review the inspection results', '申報率較 2021 年提升 10%', 'Filing rate 10% above 2021'],
    ],
  },
];
