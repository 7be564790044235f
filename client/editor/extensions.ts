/**
 * The TipTap extensions of a section editor: the one document schema (shared/schema/extensions.ts)
 * plus collaboration on one Y.XmlFragment and remote carets.
 */
import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { caretSelection, type CaretUser } from './caret.js';
import { schemaExtensions } from '../../shared/schema/extensions.js';

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
