/**
 * The TipTap extensions of a section editor: the document schema (StarterKit, configured the
 * same way for every section) plus collaboration on one Y.XmlFragment and remote carets.
 */
import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { caretSelection, type CaretUser } from './caret.js';

/**
 * The schema part, usable headless. Commitment sections need paragraphs, headings 3–4,
 * lists, links, bold and italic; code is out of place in a government document.
 */
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

export interface CollabOptions {
  fragment: Y.XmlFragment;
  awareness: Awareness;
  /** The local person's awareness `user` at creation time (the caret plugin republishes it). */
  user: Record<string, unknown>;
  renderCaret: (user: CaretUser) => HTMLElement;
}

export function sectionExtensions({ fragment, awareness, user, renderCaret }: CollabOptions): AnyExtension[] {
  return [
    ...schemaExtensions(),
    Collaboration.configure({ fragment }),
    CollaborationCaret.configure({ provider: { awareness }, user, render: renderCaret, selectionRender: caretSelection }),
  ];
}
