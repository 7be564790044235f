/** Inline form to add, change or remove the link on the selected text. */
import type { Editor } from '@tiptap/react';
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';

/** Adds https:// to bare addresses and refuses schemes that could run script. */
export function normaliseUrl(input: string): string | null {
  const url = input.trim();
  if (!url) return null;
  if (/^(https?:|mailto:)/i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  return `https://${url}`;
}

export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState<string>(() => (editor.getAttributes('link').href as string | undefined) ?? '');

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const href = normaliseUrl(value);
    const chain = editor.chain().focus().extendMarkRange('link');
    if (!href) chain.unsetLink().run();
    else if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else chain.setLink({ href }).run();
    onClose();
  };

  return (
    <form className="link-form" onSubmit={apply} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), close())}>
      <label htmlFor={`${id}-url`}>{t('linkUrl')}</label>
      <input id={`${id}-url`} type="url" inputMode="url" value={value} autoFocus placeholder="https://" onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="button small primary">{t('linkApply')}</button>
      {editor.isActive('link') && (
        <button type="button" className="button small" onClick={() => (editor.chain().focus().extendMarkRange('link').unsetLink().run(), onClose())}>
          {t('linkRemove')}
        </button>
      )}
      <button type="button" className="button small" onClick={close}>{t('cancel')}</button>
    </form>
  );
}
