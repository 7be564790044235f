/**
 * How another person's caret looks in a rich-text editor: a coloured bar with name and
 * affiliation. The name shows as the caret arrives and then fades (editor.css), so it does not
 * sit over the line above while its owner reads or thinks.
 */

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
    const label = document.createElement(captionTag());
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

const CAPTION_TAG = 'gongbi-caret-label';
const END = 'collab-caret__label--end';
/** How often a label checks its place while in the page: a few layout reads per caret and second. */
const FIT_EVERY_MS = 250;

/**
 * The label is a custom element that keeps its own place: a label that would run past the
 * editor's right edge (a caret near a line's end) hangs to the left of the bar instead, so the
 * name is never cut off. The editor keeps one caret element per person and moves it (a widget
 * with a key), and nothing tells the element it moved, so it looks while it is in the page; the
 * side is chosen from the bar's position, so flipping cannot flip it back. Putting it into the
 * page again restarts its fade-out (editor.css).
 */
function captionTag(): string {
  if (typeof customElements === 'undefined') return 'span';
  if (!customElements.get(CAPTION_TAG)) {
    customElements.define(
      CAPTION_TAG,
      class extends HTMLElement {
        private timer: ReturnType<typeof setInterval> | null = null;
        connectedCallback() {
          const fit = () => {
            const editor = this.closest('.ProseMirror');
            const bar = this.parentElement?.getBoundingClientRect();
            if (!editor || !bar) return;
            this.classList.toggle(END, bar.left + this.offsetWidth > editor.getBoundingClientRect().right);
          };
          requestAnimationFrame(fit);
          if (this.timer === null) this.timer = setInterval(fit, FIT_EVERY_MS);
        }
        disconnectedCallback() {
          if (this.timer !== null) clearInterval(this.timer);
          this.timer = null;
        }
      },
    );
  }
  return CAPTION_TAG;
}

export function caretSelection(user: CaretUser) {
  const color = /^#[0-9a-f]{6}$/i.test(user.color ?? '') ? user.color! : '#475569';
  return { nodeName: 'span', class: 'collab-selection', style: `background-color: ${color}33` };
}
