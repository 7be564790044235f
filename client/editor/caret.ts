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

/**
 * The label is a custom element that watches its own place: a label that would run past the
 * editor's right edge (a caret near a line's end) hangs to the left of the bar instead, so the
 * name is never cut off. An IntersectionObserver on the editor tells it when it crosses an
 * edge as the caret moves (the editor keeps one caret element per person and moves it), and the
 * side is chosen from the bar's position, so flipping cannot flip it back. Putting it into the
 * page again restarts its fade-out (editor.css).
 */
function captionTag(): string {
  if (typeof customElements === 'undefined' || typeof IntersectionObserver === 'undefined') return 'span';
  if (!customElements.get(CAPTION_TAG)) {
    customElements.define(
      CAPTION_TAG,
      class extends HTMLElement {
        private watcher: IntersectionObserver | null = null;
        connectedCallback() {
          const editor = this.closest('.ProseMirror');
          // Put into the page before the caret is inside its editor: look again next frame.
          if (!editor) {
            requestAnimationFrame(() => { if (this.isConnected && !this.watcher) this.connectedCallback(); });
            return;
          }
          this.watcher?.disconnect();
          const fit = () => {
            const bar = this.parentElement?.getBoundingClientRect();
            if (!bar) return;
            this.classList.toggle(END, bar.left + this.offsetWidth > editor.getBoundingClientRect().right);
          };
          this.watcher = new IntersectionObserver(fit, { root: editor, threshold: [0, 1] });
          this.watcher.observe(this);
        }
        disconnectedCallback() {
          this.watcher?.disconnect();
          this.watcher = null;
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
