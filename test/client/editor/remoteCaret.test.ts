/**
 * Another person's malformed caret never breaks this person's editor (AU27): a TipTap section
 * editor with remote carets, bound to a DocSession, receives awareness states whose `cursor`
 * is not a pair of relative positions, as a server or another tab might pass them on. The
 * editor keeps working, the person stays present, and a real caret from them still draws.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { Editor } from '@tiptap/core';
import { DocSession } from '../../../client/sync/DocSession.js';
import { sectionExtensions } from '../../../client/editor/extensions.js';
import { MSG } from '../../../shared/protocol/messages.js';
import { writeAwarenessEntries } from '../../../shared/protocol/awarenessState.js';
import { sectionFragment } from '../../../shared/schema/index.js';

const DOC = 'c-01-open-data-reuse';
const OTHER = 4242;
const user = { userId: 'u-other', name: '林委員（民間）', affiliation: 'civil_society', affiliationName: '民間', role: 'civil_editor', color: '#336699', field: null };

let session: DocSession | null = null;
let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  session?.destroy();
  editor = session = null;
  vi.useRealTimers();
});

/** Hands an awareness message to the session the way y-websocket's readMessage does. */
function receive(s: DocSession, clock: number, state: unknown): void {
  const message = writeAwarenessEntries([{ clientId: OTHER, clock, json: JSON.stringify(state) }]);
  const e = encoding.createEncoder();
  encoding.writeVarUint8Array(e, message);
  const handler = s.provider.messageHandlers[MSG.awareness]!;
  handler(encoding.createEncoder(), decoding.createDecoder(encoding.toUint8Array(e)), s.provider, true, MSG.awareness);
}

describe('remote carets', () => {
  it('[AU27] a malformed `cursor` from another person does not throw in the editor; a real caret still draws', () => {
    // y-tiptap redraws carets on a timer; run it here so that what it throws reaches the test.
    vi.useFakeTimers();
    const redraw = () => vi.advanceTimersByTime(10);
    session = new DocSession(DOC, { connect: false, disableBc: true });
    const fragment = sectionFragment(session.doc, 'problem', 'zh');
    const p = new Y.XmlElement('paragraph');
    fragment.insert(0, [p]);
    const t = new Y.XmlText();
    p.insert(0, [t]);
    t.insert(0, '各機關資料分散在不同系統。');
    const element = document.createElement('div');
    document.body.appendChild(element);
    editor = new Editor({
      element,
      extensions: sectionExtensions({ fragment, awareness: session.awareness, user: { name: '我' }, renderCaret: () => Object.assign(document.createElement('span'), { className: 'test-caret' }) }),
    });
    const bad: unknown[] = ['here', { anchor: null, head: null }, { anchor: {}, head: {} }, { anchor: { tname: 'nowhere' }, head: { item: { client: 1, clock: -1 } } }];
    for (const [i, cursor] of bad.entries()) {
      receive(session, i + 1, { user, cursor });
      expect(redraw, JSON.stringify(cursor)).not.toThrow();
    }
    expect((session.awareness.getStates().get(OTHER) as { user?: { name?: string } }).user?.name).toBe(user.name);
    editor.commands.insertContent('新');
    expect(editor.getText()).toContain('新');
    // A real caret of theirs is drawn (the test's renderer makes a span with this class).
    const at = Y.createRelativePositionFromTypeIndex(t, 2);
    receive(session, 10, { user, cursor: { anchor: at, head: at } });
    redraw();
    expect(element.querySelectorAll('.test-caret')).toHaveLength(1);
  });
});
