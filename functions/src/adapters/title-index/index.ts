/**
 * Title search in memory: a MiniSearch index over the catalog's title lines (title-index.ts) and
 * the catalog store that answers searches from it, rebuilt when the catalog changes
 * (indexed-catalog.ts).
 *
 * @example
 *   const { catalog } = withTitleIndex(rows, createTitleSource(db), { log });
 *   const page = await catalog.searchTitles('godfater', { limit: 20, offset: 0 });
 */
export { withTitleIndex, type IndexedCatalog, type IndexedCatalogOptions } from './indexed-catalog.js';
export { normalizeQuery, type TitleEntry, type TitleSource } from './title-index.js';
