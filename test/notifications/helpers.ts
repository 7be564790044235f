/** Shared by the notification tests: signed-in calls, and comments written over a real sync socket as the browser writes them. */
import * as Y from 'yjs';
import { sectionFragment } from '../../shared/schema/index.js';
import { anchorInText } from '../../client/comments/anchors.js';
import { addReply, createThread, readThreads, threadsMap, type Mention } from '../../client/comments/threads.js';
import { DEMO } from '../helpers/auth.js';
import { caller as sharedCaller, type Reply, type Who } from '../helpers/call.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';

export type { Who };
/** Led by the Ministry of Justice (the agency editor's) and in the civil editor's working group. */
export const C04 = 'c-04-access-to-information';
export const CM04 = 'cm-04-access-to-information';

export type Call = Reply;

/** Signed-in calls over the real port (the shared helper, test/helpers/call.ts). */
export function caller(server: TestServer, tokens: Record<Who, string>) {
  const call = sharedCaller(server, tokens);
  return (who: Who, method: string, path: string, body?: unknown): Promise<Call> => call(who, method, path, body);
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
