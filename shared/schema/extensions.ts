/**
 * The one editor schema: the TipTap extensions a commitment section is made of, headless (no
 * React, no DOM), so the client editor and the tests build from the same list. Commitment
 * sections need paragraphs, headings 3–4, lists, links, bold and italic; code is out of place
 * in a government document. Imported by path (not through ./index.js) so the server does not
 * load TipTap with the rest of the schema.
 *
 * @example new Editor({ extensions: [...schemaExtensions(), Collaboration.configure({ fragment })] })
 */
import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

export function schemaExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo that only undoes this person's changes.
      undoRedo: false,
      // Every replica would append its own trailing paragraph and they would pile up.
      trailingNode: false,
      heading: { levels: [3, 4] },
      code: false,
      codeBlock: false,
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['http', 'https', 'mailto'] },
    }),
  ];
}
