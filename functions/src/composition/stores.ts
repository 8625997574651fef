/** The database and the stores over it, opened as config says. */
import { openDatabase, type Db, type OpenDatabaseOptions } from '../adapters/postgres/database.js';
import { createCatalogStore } from '../adapters/postgres/repositories/catalog.store.js';
import { createTitleSource } from '../adapters/postgres/repositories/title-entries.js';
import { withTitleIndex } from '../adapters/title-index/index.js';
import { createUserListVersion } from '../adapters/postgres/repositories/user-list-version.js';
import { createUserStore } from '../adapters/postgres/repositories/user.store.js';
import type { AppConfig } from '../config/env.js';
import type { CatalogStore } from '../core/catalog/catalog.port.js';
import type { Logger } from '../core/logger.port.js';
import { withSoleWriterVersions } from '../core/users/sole-writer-versions.js';
import { withVersionedUserList } from '../core/users/versioned-user-list.js';
import type { UserStore } from '../core/users/users.port.js';

/** The database and the stores over it: what every endpoint group reads. */
export interface Stores {
  db: Db;
  catalog: CatalogStore;
  userStore: UserStore;
}

export async function openStores(config: AppConfig, log: Logger, options?: OpenDatabaseOptions): Promise<Stores> {
  const db = await openDatabase(config.database, options);
  // Searches answer from memory: each keystroke of the search box is one.
  const rows = createCatalogStore(db, config.recommendable);
  const { catalog } = withTitleIndex(rows, createTitleSource(db), { log, onCatalogChanged: rows.forgetCachedMovies });
  // Embedded PGlite lives in this process, so every write to it passes through this store; other
  // databases have other writers, so the user list is kept by the database's own version.
  const users = createUserStore(db);
  const userStore =
    config.database.driver === 'pglite'
      ? withSoleWriterVersions(users)
      : withVersionedUserList(users, createUserListVersion(db));
  return { db, catalog, userStore };
}
