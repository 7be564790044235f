/** The page-layout worker: a DOCX with its contents' page numbers, and a bounded queue (503 beyond it). */
import { afterAll, describe, expect, it } from 'vitest';
import { PagedDocxWriter } from '../../server/export/docxPaged.js';
import { demoInput, unzip } from './fixtures.js';

const writer = new PagedDocxWriter(1);
afterAll(() => writer.close());

/** The text of each paragraph of the contents (the w:sdt block), joined. */
const contents = (docx: Uint8Array) => {
  const xml = unzip(docx)['word/document.xml']!;
  const toc = xml.slice(xml.indexOf('<w:sdt>'), xml.indexOf('</w:sdt>'));
  return [...toc.matchAll(/<w:p[ >].*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
};

describe('PagedDocxWriter', { timeout: 120_000 }, () => {
  it('writes the contents with a page number after every entry', async () => {
    const lines = contents(await writer.render(demoInput('zh')));
    expect(lines.find((l) => l.startsWith('1-1 '))).toMatch(/\D\d+$/);
    expect(lines.filter((l) => /\d$/.test(l)).length).toBeGreaterThanOrEqual(24);
  });

  it('refuses with 503 when more layouts wait than it allows, and serves again afterwards', async () => {
    const input = demoInput('en');
    const all = await Promise.allSettled([writer.render(input), writer.render(input), writer.render(input)]);
    const refused = all.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { status: number; code: string });
    expect(refused).toEqual([expect.objectContaining({ status: 503, code: 'docx_busy' })]);
    expect(all.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(contents(await writer.render(input)).some((l) => /\d$/.test(l))).toBe(true);
  });
});
