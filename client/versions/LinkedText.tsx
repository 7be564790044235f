/**
 * Plain text whose web addresses become links. Only http and https are linked, so a note can
 * never carry a javascript: or data: address; links open in a new tab without handing it the opener.
 */
import { Fragment } from 'react';

const ADDRESS = /\bhttps?:\/\/[^\s<>"'「」（）()，。、]+/giu;
// Sentence punctuation typed right after an address belongs to the sentence, not the link.
const TRAILING = /[.,;:!?]+$/u;

export interface TextPiece {
  text: string;
  href?: string;
}

export function splitLinks(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const m of text.matchAll(ADDRESS)) {
    const address = m[0].replace(TRAILING, '');
    const start = m.index ?? 0;
    let href: string | null = null;
    try {
      const url = new URL(address);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      href = null;
    }
    if (!href) continue;
    if (start > at) pieces.push({ text: text.slice(at, start) });
    pieces.push({ text: address, href });
    at = start + address.length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((p, i) =>
        p.href ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">
            {p.text}
          </a>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}
