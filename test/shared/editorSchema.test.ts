/**
 * The one editor schema (shared/schema/extensions.ts) accepts everything the server writes
 * into sections: every section of the demo plan, read back from its Y.Doc the way the
 * server reads it, is a valid document of that schema (no node or mark an editor would drop).
 */
import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import * as Y from 'yjs';
import { schemaExtensions } from '../../shared/schema/extensions.js';
import { renderCommitment, writeCommitment, SECTION_KEYS } from '../../shared/schema/index.js';
import { demoPlan } from '../../server/seed/demoPlan.js';

describe('the editor schema', () => {
  const schema = getSchema(schemaExtensions());

  it('holds every section of the demo plan as the server writes and reads it', () => {
    let sections = 0;
    for (const commitment of demoPlan().commitments) {
      const doc = new Y.Doc();
      writeCommitment(doc, commitment);
      const stored = renderCommitment(doc);
      for (const key of SECTION_KEYS) {
        for (const lang of ['zh', 'en'] as const) {
          const json = stored.sections[key][lang];
          const node = schema.nodeFromJSON(json);
          expect(() => node.check(), `${commitment.id} ${key}:${lang}`).not.toThrow();
          // Nothing dropped or renamed on the way into the editor's model.
          expect(node.textContent).toBe(schema.nodeFromJSON(commitment.sections[key][lang]).textContent);
          sections++;
        }
      }
      doc.destroy();
    }
    expect(sections).toBe(19 * SECTION_KEYS.length * 2);
  });

  it('refuses what no section may hold (code blocks are left out on purpose)', () => {
    expect(() => schema.nodeFromJSON({ type: 'doc', content: [{ type: 'codeBlock', content: [{ type: 'text', text: 'x' }] }] })).toThrow();
    expect(() => schema.nodeFromJSON({ type: 'doc', content: [{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: '標題' }] }] }).check()).not.toThrow();
  });
});
