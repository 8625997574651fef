/**
 * For a database other processes write too (PostgreSQL, Neon: loaders, another instance), pages
 * of the user list are kept by the database's user-list version, which every committed write to
 * users or ratings changes (migration 0008; not TRUNCATE ratings, which the stored rating counts
 * do not follow either). The favourite movies' rows, like the top genres' baseline, may lag a
 * catalog change by the five minutes a page is kept at most. One small query per listing replaces
 * the page's two queries and the assembly of its summaries, and a rating written anywhere shows on
 * the next listing.
 *
 * A page is read after its version, so it is never older than the version it is kept under.
 */
import { keptUserPages, userPageKey } from './kept-user-pages.js';
import type { UserStore } from './users.port.js';

export function withVersionedUserList(store: UserStore, listVersion: () => Promise<string>): UserStore {
  const pages = keptUserPages();
  return {
    ...store,

    async listUsers(query) {
      const key = userPageKey(query, await listVersion());
      const known = pages.get(key);
      if (known !== undefined) return known;
      const page = await store.listUsers(query);
      pages.set(key, page);
      return page;
    },
  };
}
