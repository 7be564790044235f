/** How another person's caret looks in a rich-text editor: a coloured bar with name and affiliation. */

export interface CaretUser {
  name?: string;
  color?: string;
  affiliation?: string;
  affiliationName?: string;
}

/**
 * @param affiliationLabel turns `agency` / `civil_society` into words in the current UI
 *   language (read at render time, so carets follow a language switch when they next move).
 */
export function makeCaretRenderer(affiliationLabel: (affiliation: string) => string) {
  return (user: CaretUser): HTMLElement => {
    const color = /^#[0-9a-f]{6}$/i.test(user.color ?? '') ? user.color! : '#475569';
    const caret = document.createElement('span');
    caret.className = 'collab-caret';
    caret.style.borderColor = color;
    const label = document.createElement('span');
    label.className = 'collab-caret__label';
    label.style.backgroundColor = color;
    // Name and agency/civil society only: the organisation is in the presence list.
    const who = user.affiliation ? affiliationLabel(user.affiliation) : '';
    label.textContent = who ? `${user.name ?? ''} · ${who}` : (user.name ?? '');
    // The label is a visual echo of the presence list, which screen readers get instead.
    caret.setAttribute('aria-hidden', 'true');
    caret.append(label);
    return caret;
  };
}

export function caretSelection(user: CaretUser) {
  const color = /^#[0-9a-f]{6}$/i.test(user.color ?? '') ? user.color! : '#475569';
  return { nodeName: 'span', class: 'collab-selection', style: `background-color: ${color}33` };
}
