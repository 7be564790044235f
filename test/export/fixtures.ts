/** Shared test inputs for the export tests: the demo plan as an ExportInput, an edited commitment's redline, hostile text, and small readers (zip, CSV). */
import { createRequire } from 'node:module';
import { unzipSync } from 'fflate';
import { demoPlan } from '../../server/seed/demoPlan.js';
import type { ExportInput, ExportLang } from '../../server/export/types.js';
import type { CommitmentJSON, RichDoc } from '../../shared/schema/index.js';
import { diffCommitment, type ChangeAuthor, type CommitmentDiff } from '../../shared/diff/index.js';
import type { RedlineInput } from '../../server/export/redline.js';

export const VERSION = { label: '第3次推動小組會議 核定本', date: '2021-04-30', hash: '9f2c1e0b7a5d4c3b2a1f0e9d8c7b6a5f' };

export function demoInput(lang: ExportLang = 'zh', patch?: (commitments: CommitmentJSON[]) => void): ExportInput {
  const { plan, commitments } = demoPlan();
  patch?.(commitments);
  return { plan, commitments, scope: { kind: 'plan' }, version: { ...VERSION }, lang };
}

// jsdom ships no types and @types/jsdom isn't installed; this is the little of it the tests use.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html?: string) => { window: Window & typeof globalThis } };

/** Parsed without running anything: jsdom runs no scripts and loads no resources by default. */
export const parseHtml = (html: string): Document => new JSDOM(html).window.document;

let xmlParser: DOMParser | undefined;
export function xmlWellFormed(xml: string): boolean {
  xmlParser ??= new (new JSDOM().window.DOMParser)();
  return xmlParser.parseFromString(xml, 'application/xml').getElementsByTagName('parsererror').length === 0;
}

export const unzip = (bytes: Uint8Array): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, new TextDecoder().decode(data)]));

export const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks; records end with CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (ch === '"') (quoted = false), i++;
      else (field += ch), i++;
    } else if (ch === '"' && field === '') (quoted = true), i++;
    else if (ch === ',') row.push(field), (field = ''), i++;
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    } else if (ch === '\n' || ch === '\r') throw new Error(`bare line break outside quotes at ${i}`);
    else (field += ch), i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('last record not terminated by CRLF');
  return rows;
}

const t = (text: string, marks?: Array<{ type: string; attrs?: Record<string, unknown> }>) => (marks ? { type: 'text', text, marks } : { type: 'text', text });

/** A section with every construct a hostile editor could put in rich text. */
export const HOSTILE_SECTION: RichDoc = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [t('<script>alert("p")</script> & <b onmouseover="x">bold?</b> | a|b *x* _y_ # [z](w)')] },
    {
      type: 'paragraph',
      content: [
        t('js link', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
        t(' · '),
        t('mixed-case js', [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(2)' } }]),
        t(' · '),
        t('tab js', [{ type: 'link', attrs: { href: 'java\tscript:alert(3)' } }]),
        t(' · '),
        t('data', [{ type: 'link', attrs: { href: 'data:text/html,<script>alert(4)</script>' } }]),
        t(' · '),
        t('file', [{ type: 'link', attrs: { href: 'file:///etc/passwd' } }]),
        t(' · '),
        t('vb', [{ type: 'link', attrs: { href: 'vbscript:msgbox(5)' } }]),
        t(' · '),
        t('safe link', [{ type: 'link', attrs: { href: 'https://example.org/a?q="><img src=x onerror=alert(6)>' } }]),
        t(' · '),
        t('mail', [{ type: 'link', attrs: { href: 'mailto:ogp@example.org' } }]),
      ],
    },
    { type: 'heading', attrs: { level: '"><script>alert(7)</script>' }, content: [t('Heading with bad level')] },
    { type: 'orderedList', attrs: { start: '3" onclick="x' }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [t('1. first'), { type: 'hardBreak' }, t('# second line')] }] }] },
    { type: 'rawHtml', attrs: { html: '<iframe src="https://evil.example/"></iframe>' }, content: [{ type: 'paragraph', content: [t('inside unknown node')] }] },
    { type: 'image', attrs: { src: 'http://127.0.0.1:1/img.png', alt: 'chart"><img src=x onerror=alert(8)>' } },
  ],
};

export const HOSTILE_TITLE = '"><img src=x onerror=alert(1)> \' onmouseover=\'alert(2) </title><script>alert(3)</script>';
export const HOSTILE_MILESTONE = '"><img src=x onerror=alert(1)>';

/** The demo with hostile text in commitment 1's title, a section, a milestone and its evidence link. */
export function hostileInput(lang: ExportLang = 'both'): ExportInput {
  return demoInput(lang, (cs) => {
    const c = cs[0]!;
    c.title = { zh: HOSTILE_TITLE, en: HOSTILE_TITLE };
    c.number = '1-1<x>';
    c.sections.problem = { zh: HOSTILE_SECTION, en: HOSTILE_SECTION };
    c.milestones[0]!.text = { zh: HOSTILE_MILESTONE, en: HOSTILE_MILESTONE };
    c.milestones[0]!.indicator = { zh: 'x" autofocus onfocus="alert(1)', en: '</td></tr></table><script>alert(2)</script>' };
    c.milestones[0]!.evidence = 'javascript:alert(9)';
    c.milestones[1]!.evidence = 'https://example.org/evidence?a=1&b=<2>';
    c.leadAgency = { ...c.leadAgency, zh: 'ag\u0000en\u0007cy\uD800' };
  });
}

const LIN: ChangeAuthor = { userId: 'u-lin', name: '林委員（民間）', affiliation: 'civil_society', at: '2021-03-02T06:05:00.000Z' };
const WANG: ChangeAuthor = { userId: 'u-wang', name: '王科長（法務部）', affiliation: 'agency', at: '2021-03-03T01:00:00.000Z' };
export const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

/** A demo commitment edited in every way a redline must show. */
export function editedRedline(lang: RedlineInput['lang'] = 'both'): RedlineInput {
  const { plan, commitments } = demoPlan();
  const before = commitments[3]!;
  const after: CommitmentJSON = structuredClone(before);
  after.milestones[0]!.indicator.zh = after.milestones[0]!.indicator.zh.replace('4 場', '5 場');
  after.title.en = `${after.title.en} ${HOSTILE}`;
  after.sections.problem.zh.content.push({ type: 'paragraph', content: [{ type: 'text', text: `民間補充：${HOSTILE}` }] });
  after.ogpValues.innovation = !after.ogpValues.innovation;
  after.status = 'in_review';
  after.milestones.push({ ...after.milestones[0]!, id: 'm-new', text: { zh: '新增里程碑', en: 'New milestone' } });
  after.milestones.splice(1, 1);
  const diff: CommitmentDiff = diffCommitment(before, after);
  diff.changes.forEach((c, i) => (c.authors = [i % 2 ? WANG : LIN]));
  return {
    plan,
    from: { ref: 'cycle:cy_1', label: '第3次推動小組會議', takenAt: '2021-04-30T02:00:00.000Z' },
    to: { ref: 'cycle:cy_2', label: `第4次 ${HOSTILE}`, takenAt: '2021-08-30T02:00:00.000Z' },
    lang,
    commitments: [{ commitmentId: after.id, number: after.number, title: after.title, diff, milestones: after.milestones }],
    added: [],
    removed: [{ id: 'c-x', number: '9-9', title: { zh: HOSTILE_TITLE, en: HOSTILE_TITLE } }],
  };
}
