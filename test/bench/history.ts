/**
 * A long editing history made of single-character updates, as real typing produces them:
 * sessions of 1,000 characters by a new Yjs client each (a new browser tab), typing mostly at
 * the cursor and sometimes jumping elsewhere. Generated once per run, before any clock starts.
 */
import * as Y from 'yjs';
import { TEXT_NAME, rng, updateMessage } from './client.js';

export interface History {
  /** Sync update messages, one character each, ready to send. */
  messages: Uint8Array[];
  /** The history applied to an empty document. */
  state: Uint8Array;
  textLength: number;
  clients: number;
}

const CHARS = '開放政府國家行動方案承諾事項資料公開透明參與課責創新民間委員權責機關里程碑指標';

export function generateHistory(updates: number, sessionLength = 1000, seed = 42): History {
  const rand = rng(seed);
  const messages: Uint8Array[] = [];
  let state: Uint8Array = Y.encodeStateAsUpdate(new Y.Doc());
  let clients = 0;
  while (messages.length < updates) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    clients++;
    const text = doc.getText(TEXT_NAME);
    doc.on('update', (u: Uint8Array) => messages.push(updateMessage(u)));
    let cursor = Math.floor(rand() * (text.length + 1));
    const end = Math.min(updates, messages.length + sessionLength);
    while (messages.length < end) {
      if (rand() < 0.05) cursor = Math.floor(rand() * (text.length + 1));
      text.insert(cursor++, CHARS[Math.floor(rand() * CHARS.length)]!);
    }
    state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  const check = new Y.Doc();
  Y.applyUpdate(check, state);
  const textLength = check.getText(TEXT_NAME).length;
  check.destroy();
  return { messages, state, textLength, clients };
}
