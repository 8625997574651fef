/**
 * A catalog store whose title search answers from an in-memory index instead of the database, so
 * searches neither wait on a query nor queue behind other requests on embedded PGlite's one
 * thread. The index is built on the first search (the database answers until it is ready) and
 * rebuilt in the background when the catalog's version changes, checked at most every few seconds
 * and at once after a write through this store. Pages are filled from the inner store's movie rows
 * and kept until the next rebuild: the same keystrokes typed again (a first letter, a popular
 * title) cost no search, and the same page object lets the route send the JSON it built before.
 */
import { LRUCache } from 'lru-cache';
import type { CatalogStore, MovieRecord } from '../../core/catalog/catalog.port.js';
import type { Logger } from '../../core/logger.port.js';
import { pageOf, type PageRequest, type Paged } from '../../core/paging.js';
import { buildTitleIndex, type TitleIndex, type TitleSource } from './title-index.js';

export interface IndexedCatalog {
  catalog: CatalogStore;
  /** Brings the index up to the catalog's current version (builds it the first time). */
  refresh(): Promise<void>;
}

export interface IndexedCatalogOptions {
  /** How old the last version check may be before a search starts another (default 5 s). */
  checkEveryMs?: number;
  /** Search pages kept between rebuilds (default 2,000). */
  cachedPages?: number;
  /** Called when the catalog's version changed: caches of movie rows are stale too. */
  onCatalogChanged?: () => void;
  log: Logger;
}

export function withTitleIndex(
  inner: CatalogStore,
  source: TitleSource,
  options: IndexedCatalogOptions,
): IndexedCatalog {
  const checkEveryMs = options.checkEveryMs ?? 5_000;
  let index: TitleIndex | null = null;
  let indexedVersion: string | null = null;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;
  const pages = new LRUCache<string, Paged<MovieRecord>>({ max: options.cachedPages ?? 2_000 });

  async function bringUpToDate(): Promise<void> {
    const version = await source.version();
    if (index === null || version !== indexedVersion) {
      const started = performance.now();
      const entries = await source.entries();
      const rebuilt = await buildTitleIndex(entries);
      if (indexedVersion !== null) options.onCatalogChanged?.();
      index = rebuilt;
      indexedVersion = version;
      pages.clear();
      const ms = Math.round(performance.now() - started);
      options.log.info({ movies: entries.length, version, ms }, 'title index built');
    }
  }

  function refresh(): Promise<void> {
    // A failed check counts as a check too: a database that is down is not asked on every search.
    running ??= bringUpToDate().finally(() => {
      checkedAt = performance.now();
      running = null;
    });
    return running;
  }

  function refreshInBackground(): void {
    if (running !== null || performance.now() - checkedAt < checkEveryMs) return;
    refresh().catch((error: unknown) =>
      options.log.warn({ error: String(error) }, 'title index refresh failed; searching the database meanwhile'),
    );
  }

  async function pageFrom(searched: TitleIndex, query: string, page: PageRequest): Promise<Paged<MovieRecord>> {
    const { ids, total } = searched.search(query, page);
    const movies = await inner.moviesByIds(ids);
    // A movie deleted since the index was built is left out of its page.
    const items = ids.map((id) => movies.get(id)).filter((m): m is MovieRecord => m !== undefined);
    return pageOf(items, page, total);
  }

  const catalog: CatalogStore = {
    ...inner,

    async searchTitles(query, page) {
      refreshInBackground();
      if (index === null) return inner.searchTitles(query, page);
      const key = `${page.limit}:${page.offset}:${query}`;
      const known = pages.get(key);
      if (known !== undefined) return known;
      const searched = index;
      const found = await pageFrom(searched, query, page);
      // Not kept if the index was rebuilt while its movie rows were read.
      if (index === searched) pages.set(key, found);
      return found;
    },

    async saveApiMetadata(items) {
      await inner.saveApiMetadata(items);
      checkedAt = Number.NEGATIVE_INFINITY;
    },

    async addTmdbMovie(metadata) {
      const movie = await inner.addTmdbMovie(metadata);
      checkedAt = Number.NEGATIVE_INFINITY;
      return movie;
    },
  };
  return { catalog, refresh };
}
