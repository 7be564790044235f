/**
 * A skip link to the first field a person can type in inside `target` (a CSS selector), or to
 * the target itself when nothing there is editable (a reader): on a commitment page the header,
 * the view switch and the toolbar are a dozen Tab stops before the table, and a keyboard user
 * comes to write.
 */
import type { MouseEvent } from 'react';

const EDITABLE = 'input:not([type="radio"]):not([type="checkbox"]):not([readonly]):not([disabled]), textarea:not([readonly]):not([disabled]), [contenteditable="true"]';

export function SkipLink({ target, label }: { target: string; label: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    const area = document.querySelector<HTMLElement>(target);
    if (!area) return; // the page is still loading: the #main fallback of the href applies
    e.preventDefault();
    const field = area.querySelector<HTMLElement>(EDITABLE);
    if (field) {
      field.focus();
      return;
    }
    if (!area.hasAttribute('tabindex')) area.setAttribute('tabindex', '-1');
    area.focus();
  };
  return (
    <a className="skip-link" href="#main" onClick={onClick}>
      {label}
    </a>
  );
}
