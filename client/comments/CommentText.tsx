/** A comment's text as written (React escapes it; line breaks kept by CSS), mentions marked. */
import { splitMentions } from './mentions.js';
import type { Mention } from './threads.js';

export function CommentText({ text, mentions, meId }: { text: string; mentions: Mention[]; meId: string }) {
  return (
    <p className="comment-text">
      {splitMentions(text, mentions).map((part, i) =>
        part.mention ? (
          <span key={i} className={`mention${part.mention.id === meId ? ' mention-me' : ''}`}>{part.text}</span>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
