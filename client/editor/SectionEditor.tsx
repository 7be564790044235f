/**
 * One rich-text section in one language: a TipTap editor bound to the section's Y.XmlFragment.
 * The page around it supplies the document (`host`) and any plug-in (comments: highlights and
 * the "Comment" button), so that editor/ depends on neither commitment/ nor comments/.
 */
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import type { Extensions } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { useEffect, useRef, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { canEdit, type DocAccess } from '../identity/access.js';
import { markTranslated, sectionFragment, type Lang, type SectionKey } from '../../shared/schema/index.js';
import { contentLang } from '../i18n/format.js';
import type { CaretUser } from './caret.js';
import { sectionExtensions } from './extensions.js';
import { cleanPastedHtml } from './pasteCleanup.js';
import { looksLikeMarkdown, markdownToPasteHtml } from './pasteMarkdown.js';
import { Toolbar } from './Toolbar.js';

/** The open document the editor writes into, and what this person may change in it. */
export interface SectionEditorHost {
  doc: Y.Doc;
  awareness: Awareness;
  renderCaret: (user: CaretUser) => HTMLElement;
  access: DocAccess;
}

/** What a feature adds to one section editor: TipTap extensions, and what to show under it. */
export interface SectionEditorPlugin {
  /** Read when the editor is made (as the editor's own extensions are). */
  extensions: Extensions;
  render?: (editor: Editor | null) => ReactNode;
}

interface Props {
  sectionKey: SectionKey;
  lang: Lang;
  /** Ids of the visible label (field label + language tag) that name the editor. */
  labelledBy: string;
  /** The accessible name as text, for the toolbar's own label. */
  name: string;
  host: SectionEditorHost;
  plugin?: SectionEditorPlugin;
}

export function SectionEditor({ sectionKey, lang, labelledBy, name, host, plugin }: Props) {
  const { doc, awareness, renderCaret, access } = host;
  const editable = canEdit(access, lang);
  const openLink = useRef<() => void>(() => {});
  const editor = useEditor(
    {
      extensions: [
        ...sectionExtensions({
          fragment: sectionFragment(doc, sectionKey, lang),
          awareness,
          user: ((awareness.getLocalState() ?? {}) as { user?: Record<string, unknown> }).user ?? {},
          renderCaret,
        }),
        ...(plugin?.extensions ?? []),
      ],
      editorProps: {
        attributes: {
          'aria-labelledby': labelledBy,
          role: 'textbox',
          'aria-multiline': 'true',
          class: 'rt-content',
          lang: contentLang(lang),
          spellcheck: lang === 'en' ? 'true' : 'false',
        },
        transformPastedHTML: cleanPastedHtml,
        // Markdown arrives as plain text only; HTML on the clipboard (Word, Google Docs) wins.
        handlePaste: (view, event) => {
          const data = event.clipboardData;
          const text = data?.getData('text/plain') ?? '';
          if (!data || data.getData('text/html') || !looksLikeMarkdown(text)) return false;
          // pasteHTML runs the paste again with an empty clipboard event, which ends here.
          return view.pasteHTML(markdownToPasteHtml(text));
        },
        handleKeyDown: (_view, event) => {
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
            event.preventDefault();
            openLink.current();
            return true;
          }
          return false;
        },
      },
      onUpdate: ({ transaction }) => {
        // Only this person's English typing says "the English now matches the Chinese".
        if (lang === 'en' && !isChangeOrigin(transaction)) markTranslated(doc, `section.${sectionKey}`);
      },
      editable,
      shouldRerenderOnTransaction: false,
    },
    [doc, sectionKey, lang],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <div className={`rt${editable ? '' : ' rt-readonly'}`} data-field={`section.${sectionKey}.${lang}`}>
      {editable && <Toolbar editor={editor} name={name} registerOpenLink={(fn) => (openLink.current = fn)} />}
      <EditorContent editor={editor} />
      {plugin?.render?.(editor)}
    </div>
  );
}
