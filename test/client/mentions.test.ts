/** Where typing `@` opens the people picker: after a space, and right after Chinese text, as Chinese is typed. */
import { describe, expect, it } from 'vitest';
import { mentionQuery } from '../../client/comments/mentions.js';

const at = (text: string) => mentionQuery(text, text.length);

describe('mention trigger', () => {
  it('opens after a Chinese full stop with no space (「數據。@王」)', () => {
    expect(at('數據。@王')).toEqual({ query: '王', start: 3 });
  });

  it('opens right after Chinese characters and full-width punctuation', () => {
    expect(at('請@林')).toEqual({ query: '林', start: 1 });
    expect(at('（@')).toEqual({ query: '', start: 1 });
    expect(at('好，@Lin')).toEqual({ query: 'Lin', start: 2 });
  });

  it('opens at the start and after whitespace, as before', () => {
    expect(at('@王')).toEqual({ query: '王', start: 0 });
    expect(at('see @Lin')).toEqual({ query: 'Lin', start: 4 });
  });

  it('stays closed inside an e-mail address or a word', () => {
    expect(at('name@example')).toBeNull();
    expect(at('abc1@x')).toBeNull();
  });
});
