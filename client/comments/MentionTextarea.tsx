/**
 * A comment box that offers the plan's people after `@`: arrow keys move in the list, Enter
 * or Tab picks, Escape closes. The textarea keeps focus (aria-activedescendant names the
 * highlighted person for screen readers).
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { PersonView } from '../../shared/protocol/public.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { matchPeople, mentionQuery } from './mentions.js';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  people: PersonView[];
  autoFocus?: boolean;
  /** Ctrl/⌘+Enter sends. */
  onSubmit?: () => void;
}

export function MentionTextarea({ label, value, onChange, people, autoFocus, onSubmit }: Props) {
  const { t } = useI18n();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [highlight, setHighlight] = useState(0);
  const [closed, setClosed] = useState(false);
  const query = mentionQuery(value, caret);
  const options = query && !closed ? matchPeople(people, query.query) : [];
  const open = options.length > 0;

  const pick = (person: PersonView) => {
    if (!query) return;
    const next = `${value.slice(0, query.start)}@${person.name} ${value.slice(caret)}`;
    const at = query.start + person.name.length + 2;
    onChange(next);
    setCaret(at);
    requestAnimationFrame(() => area.current?.setSelectionRange(at, at));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setHighlight((h) => (h + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      pick(options[Math.min(highlight, options.length - 1)]!);
    } else if (open && e.key === 'Escape') {
      e.preventDefault();
      setClosed(true);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="mention-box">
      <label htmlFor={`${id}-text`} className="visually-hidden">{label}</label>
      <textarea
        ref={area}
        id={`${id}-text`}
        value={value}
        rows={3}
        autoFocus={autoFocus}
        aria-describedby={`${id}-hint`}
        aria-controls={open ? `${id}-list` : undefined}
        aria-activedescendant={open ? `${id}-opt-${Math.min(highlight, options.length - 1)}` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setClosed(false);
          setHighlight(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-hint`} className="hint">{t('commentMentionHint')}</p>
      {open && (
        <ul id={`${id}-list`} role="listbox" aria-label={t('mentionListLabel')} className="mention-list">
          {options.map((p, i) => (
            <li
              key={p.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === Math.min(highlight, options.length - 1)}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
            >
              <span className="mention-name">{p.name}</span> <span className="muted small">{p.affiliation.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
