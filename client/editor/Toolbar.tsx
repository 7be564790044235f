/**
 * The formatting toolbar of one section editor. One tab stop (arrow keys move inside, the
 * ARIA toolbar pattern), so keyboard users are not made to tab through nine buttons per editor.
 */
import { useEditorState, type Editor } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/zh.js';
import { BulletListIcon, LinkIcon, OrderedListIcon, RedoIcon, UndoIcon } from '../ui/icons.js';
import { LinkForm } from './LinkForm.js';

interface Props {
  editor: Editor | null;
  name: string;
  registerOpenLink: (open: () => void) => void;
}

interface Action {
  id: string;
  label: MessageKey;
  shortcut?: string;
  content: ReactNode;
  active?: boolean;
  disabled?: boolean;
  run: () => void;
}

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

export function Toolbar({ editor, name, registerOpenLink }: Props) {
  const { t } = useI18n();
  const [focusIndex, setFocusIndex] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  registerOpenLink(() => setLinkOpen(true));

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e && {
        bold: e.isActive('bold'),
        italic: e.isActive('italic'),
        h3: e.isActive('heading', { level: 3 }),
        h4: e.isActive('heading', { level: 4 }),
        bulletList: e.isActive('bulletList'),
        orderedList: e.isActive('orderedList'),
        link: e.isActive('link'),
        canUndo: e.can().undo(),
        canRedo: e.can().redo(),
      },
  });
  if (!editor || !state) return null;
  const chain = () => editor.chain().focus();

  const actions: Action[] = [
    { id: 'bold', label: 'bold', shortcut: `${mod}B`, content: <b>B</b>, active: state.bold, run: () => chain().toggleBold().run() },
    { id: 'italic', label: 'italic', shortcut: `${mod}I`, content: <i className="serif">I</i>, active: state.italic, run: () => chain().toggleItalic().run() },
    { id: 'h3', label: 'heading3', content: 'H3', active: state.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
    { id: 'h4', label: 'heading4', content: 'H4', active: state.h4, run: () => chain().toggleHeading({ level: 4 }).run() },
    { id: 'ul', label: 'bulletList', content: <BulletListIcon />, active: state.bulletList, run: () => chain().toggleBulletList().run() },
    { id: 'ol', label: 'orderedList', content: <OrderedListIcon />, active: state.orderedList, run: () => chain().toggleOrderedList().run() },
    { id: 'link', label: 'link', shortcut: `${mod}K`, content: <LinkIcon />, active: state.link, run: () => setLinkOpen((open) => !open) },
    { id: 'undo', label: 'undo', shortcut: `${mod}Z`, content: <UndoIcon />, disabled: !state.canUndo, run: () => chain().undo().run() },
    { id: 'redo', label: 'redo', shortcut: `${mod}Shift+Z`, content: <RedoIcon />, disabled: !state.canRedo, run: () => chain().redo().run() },
  ];

  const onKeyDown = (event: KeyboardEvent) => {
    const last = actions.length - 1;
    const next =
      event.key === 'ArrowRight' ? (focusIndex + 1) % actions.length
      : event.key === 'ArrowLeft' ? (focusIndex + last) % actions.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="rt-toolbar-wrap">
      <div className="rt-toolbar" role="toolbar" aria-label={t('toolbarLabel', { field: name })} onKeyDown={onKeyDown}>
        {actions.map((a, i) => (
          <button
            key={a.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            className={`tool${a.id === 'undo' ? ' tool-sep' : ''}`}
            tabIndex={i === focusIndex ? 0 : -1}
            aria-label={t(a.label)}
            aria-pressed={a.active === undefined ? undefined : a.active}
            aria-disabled={a.disabled || undefined}
            title={a.shortcut ? `${t(a.label)} (${a.shortcut})` : t(a.label)}
            // Keep the text selection in the editor when a button is clicked.
            onMouseDown={(e) => e.preventDefault()}
            onFocus={() => setFocusIndex(i)}
            onClick={() => !a.disabled && a.run()}
          >
            {a.content}
          </button>
        ))}
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
    </div>
  );
}
