/** Shared by the notification tests: signed-in calls, and comments written over a real sync socket as the browser writes them. */
import * as Y from 'yjs';
import { sectionFragment } from '../../shared/schema/index.js';
import { anchorInText } from '../../client/comments/anchors.js';
import { addReply, createThread, readThreads, threadsMap, type Mention } from '../../client/comments/threads.js';
import { DEMO, bearer } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';

export type Who = keyof typeof DEMO;
/** Led by the Ministry of Justice (the agency editor's) and in the civil editor's working group. */
export const C04 = 'c-04-access-to-information';
export const CM04 = 'cm-04-access-to-information';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Call = { status: number; body: any };

export function caller(server: TestServer, tokens: Record<Who, string>) {
  return async (who: Who, method: string, path: string, body?: unknown): Promise<Call> => {
    const res = await fetch(server.url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...bearer(tokens[who]), origin: server.url },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: json };
  };
}

export async function accountOf(server: TestServer, who: Who) {
  const u = (await server.store.getUserByEmail(DEMO[who]))!;
  return { id: u.id, name: u.name, affiliation: u.affiliation.kind };
}

/** Writes comments on C04 as `who`, over a real sync socket; closes with `done()`. */
export async function commenter(server: TestServer, tokens: Record<Who, string>, who: Who) {
  const text: Peer = await connectSynced(server.wsUrl, C04, tokens[who]);
  const comments: Peer = await connectSynced(server.wsUrl, CM04, tokens[who]);
  const author = await accountOf(server, who);
  const anchor = () => {
    const paragraph = (sectionFragment(text.doc, 'problem', 'zh').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    return anchorInText(paragraph, 0, 4);
  };
  return {
    doc: comments.doc,
    open(body: string, mentions: Mention[] = []): string {
      return createThread(comments.doc, { field: 'section.problem.zh', anchor: anchor(), quote: '', author, text: body, mentions });
    },
    reply(threadId: string, body: string, mentions: Mention[] = []): void {
      addReply(comments.doc, threadId, { author, text: body, mentions });
    },
    async has(threadId: string): Promise<void> {
      await waitFor(() => threadsMap(comments.doc).has(threadId), { what: 'the thread' });
    },
    threads: () => readThreads(comments.doc),
    done() {
      text.destroy();
      comments.destroy();
    },
  };
}
