/**
 * Where a file is given: dropped on the zone, or chosen with the file picker that the zone
 * opens on click, Enter or Space (it is a button to keyboards and screen readers).
 */
import { forwardRef, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';

const ACCEPT = '.docx,.md,.markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown';

export const DropZone = forwardRef<HTMLDivElement, { onFile: (file: File) => void; disabled: boolean }>(function DropZone({ onFile, disabled }, ref) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const open = () => {
    if (!disabled) input.current?.click();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <>
      <div
        ref={ref}
        className={`import-drop${over ? ' is-over' : ''}`}
        role="button"
        tabIndex={0}
        aria-disabled={disabled || undefined}
        onClick={open}
        onKeyDown={onKeyDown}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-action="import-drop"
      >
        <span className="import-drop__text">{t('importDrop')}</span>
        <span className="import-drop__hint muted">{t('importDropHint')}</span>
      </div>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        accept={ACCEPT}
        aria-label={t('importFileLabel')}
        data-action="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // The same file chosen again after a cancel must fire change again.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
});
