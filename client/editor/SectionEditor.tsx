/** One rich-text section in one language: a TipTap editor bound to the section's Y.XmlFragment. */
import { EditorContent, useEditor } from '@tiptap/react';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { useEffect, useRef } from 'react';
import { canEdit } from '../identity/access.js';
import { markTranslated, sectionFragment, type Lang, type SectionKey } from '../../shared/schema/index.js';
import { contentLang, useCommitment } from '../commitment/CommitmentContext.js';
import { sectionExtensions } from './extensions.js';
import { cleanPastedHtml } from './pasteCleanup.js';
import { looksLikeMarkdown, markdownToPasteHtml } from './pasteMarkdown.js';
import { Toolbar } from './Toolbar.js';
import { CommentButton } from '../comments/CommentButton.js';
import { useCommentsController } from '../comments/CommentsContext.js';
import { commentHighlights } from '../comments/highlights.js';

interface Props {
  sectionKey: SectionKey;
  lang: Lang;
  /** Ids of the visible label (field label + language tag) that name the editor. */
  labelledBy: string;
  /** The accessible name as text, for the toolbar's own label. */
  name: string;
}

export function SectionEditor({ sectionKey, lang, labelledBy, name }: Props) {
  const { doc, awareness, renderCaret, access } = useCommitment();
  const editable = canEdit(access, lang);
  const openLink = useRef<() => void>(() => {});
  // Comment threads on this section: highlights in the text, and the "Comment" button.
  const comments = useCommentsController();
  const field = `section.${sectionKey}.${lang}`;
  const editor = useEditor(
    {
      extensions: [
        ...sectionExtensions({
          fragment: sectionFragment(doc, sectionKey, lang),
          awareness,
          user: ((awareness.getLocalState() ?? {}) as { user?: Record<string, unknown> }).user ?? {},
          renderCaret,
        }),
        ...(comments ? [commentHighlights(comments, field)] : []),
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
      <CommentButton editor={editor} field={field} name={name} />
    </div>
  );
}
