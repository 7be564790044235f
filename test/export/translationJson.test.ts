/** The JSON form of isEnglishOutdated agrees with the Y.Doc one in shared/schema on every translatable path. */
import { describe, expect, it } from 'vitest';
import { commitmentDoc, isEnglishOutdated, translationPaths, type TranslationPath } from '../../shared/schema/index.js';
import { isEnglishOutdatedJson, outdatedPathsJson, translationPathsJson } from '../../server/export/translationJson.js';
import { demoInput } from './fixtures.js';

describe('isEnglishOutdatedJson', () => {
  it('gives the same verdict as isEnglishOutdated on a Y.Doc', () => {
    const input = demoInput('zh', (cs) => {
      cs[0]!.title.zh += '（修訂）';
      cs[1]!.sections.content.zh.content.pop();
      cs[2]!.milestones[3]!.text.zh = '改寫';
      cs[3]!.partners.en = '';
      cs[3]!.partners.zh += '、新夥伴';
    });
    let outdated = 0;
    for (const c of input.commitments) {
      const doc = commitmentDoc(c);
      expect(translationPathsJson(c)).toEqual(translationPaths(doc));
      for (const path of translationPaths(doc)) {
        const verdict = isEnglishOutdated(doc, path as TranslationPath);
        expect(isEnglishOutdatedJson(c, path), `${c.id} ${path}`).toBe(verdict);
        if (verdict) outdated++;
      }
      doc.destroy();
    }
    expect(outdated).toBe(3);
    expect(outdatedPathsJson(input.commitments[2]!)).toEqual(['milestone.m2024.text']);
    expect(isEnglishOutdatedJson(input.commitments[0]!, 'nonsense.path')).toBe(false);
  });
});
