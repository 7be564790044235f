/**
 * A published rich-text section (ProseMirror JSON) as React elements: every text goes through
 * React's escaping and links keep only http(s) and mailto addresses, so nothing in a section
 * can run in a visitor's browser. Unknown nodes show their text.
 */
import type { ReactNode } from 'react';
import type { RichMark, RichNode } from '../../shared/schema/index.js';
import { normaliseUrl } from '../editor/LinkForm.js';

function withMarks(text: ReactNode, marks: RichMark[] | undefined, key: string | number): ReactNode {
  let out = text;
  for (const mark of marks ?? []) {
    if (mark.type === 'bold') out = <strong>{out}</strong>;
    else if (mark.type === 'italic') out = <em>{out}</em>;
    else if (mark.type === 'strike') out = <s>{out}</s>;
    else if (mark.type === 'underline') out = <u>{out}</u>;
    else if (mark.type === 'link') {
      const href = typeof mark.attrs?.href === 'string' ? normaliseUrl(mark.attrs.href) : null;
      if (href) out = <a href={href} rel="nofollow noopener noreferrer">{out}</a>;
    }
  }
  return <span key={key}>{out}</span>;
}

function render(node: RichNode, key: string | number): ReactNode {
  const children = (node.content ?? []).map((n, i) => render(n, i));
  switch (node.type) {
    case 'text':
      return withMarks(node.text ?? '', node.marks, key);
    case 'paragraph':
      return <p key={key}>{children}</p>;
    case 'heading':
      return node.attrs?.level === 4 ? <h5 key={key}>{children}</h5> : <h4 key={key}>{children}</h4>;
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList':
      return <ol key={key} start={typeof node.attrs?.start === 'number' ? node.attrs.start : undefined}>{children}</ol>;
    case 'listItem':
      return <li key={key}>{children}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>;
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    default:
      return <span key={key}>{children}</span>;
  }
}

export function RichText({ doc, lang }: { doc: RichNode | undefined; lang: string }) {
  return <div className="public-rich" lang={lang}>{(doc?.content ?? []).map((n, i) => render(n, i))}</div>;
}
