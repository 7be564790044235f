/**
 * The title and preview text of a public page, for link previews (LINE, Facebook, chat apps
 * read `og:` tags from the HTML and run no script). Only published versions are described, as
 * the page itself shows; any other path keeps the app's generic title.
 */
import { PUBLIC_COMMITMENT_PAGE, PUBLIC_PLAN_PAGE, pagePath } from '../../shared/protocol/publicPages.js';
import type { PublishedVersions } from './published.js';

export interface PageMeta {
  title: string;
  description: string;
}

const both = (zh: string, en: string) => (en && en !== zh ? `${zh} / ${en}` : zh);

export function publicPageMeta(published: PublishedVersions): (path: string) => Promise<PageMeta | null> {
  return async (pathname) => {
    const path = pagePath(pathname);
    try {
      // The client router's own patterns: a page is described exactly when the client shows it.
      let m = PUBLIC_PLAN_PAGE.exec(path);
      if (m) {
        const p = await published.latest(decodeURIComponent(m[1]!));
        if (!p) return null;
        return {
          title: `${p.plan.title.zh}｜共筆 Gongbi`,
          description: `${both(p.plan.title.zh, p.plan.title.en)}：${p.commitments.size} 項承諾事項（${p.version.label}）`,
        };
      }
      m = PUBLIC_COMMITMENT_PAGE.exec(path);
      if (m) {
        const p = await published.forCommitment(decodeURIComponent(m[1]!));
        const c = p.commitment;
        return {
          title: `${c.number} ${c.title.zh}｜${p.plan.title.zh}`,
          description: `${both(c.title.zh, c.title.en)}。權責機關 Lead agency：${both(c.leadAgency.zh, c.leadAgency.en)}（${p.version.label}）`,
        };
      }
    } catch {
      // Not published, unknown, or a malformed address: the page says so itself.
    }
    return null;
  };
}
