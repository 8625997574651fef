/**
 * The index's life cycle over a small generated catalog: the database answers until the first build,
 * a version change rebuilds it in the background, a failed check keeps the last index and is not
 * retried on every search. (title-search.test.ts runs the ranking cases against real databases.)
 */
import { describe, expect, it, vi } from 'vitest';
import type { CatalogStore, MovieRecord } from '../../core/catalog/catalog.port.js';
import { pageOf } from '../../core/paging.js';
import { createLogger } from '../logging/logger.js';
import { withTitleIndex } from './indexed-catalog.js';
import { normalizeQuery, type TitleEntry, type TitleSource } from './title-index.js';

const movie = (id: number, title: string) => ({ id, title }) as MovieRecord;

function fixture(titles: Record<number, string>) {
  const state = { version: 1, failing: false, titles };
  const source: TitleSource = {
    version: vi.fn(async () => {
      if (state.failing) throw new Error('database down');
      return String(state.version);
    }),
    entries: vi.fn(async (): Promise<TitleEntry[]> =>
      Object.entries(state.titles).map(([id, title]) => ({
        id: Number(id),
        titles: [normalizeQuery(title)],
        voteCount: 0,
        ratingCount: 0,
      })),
    ),
  };
  const inner = {
    searchTitles: vi.fn(async (_q: string, page) => pageOf([movie(0, 'from the database')], page, 1)),
    moviesByIds: async (ids: readonly number[]) =>
      new Map(ids.map((id) => [id, movie(id, state.titles[id] ?? '?')] as const)),
  } as Partial<CatalogStore> as CatalogStore;
  const onCatalogChanged = vi.fn();
  const indexed = withTitleIndex(inner, source, { log: createLogger('silent'), checkEveryMs: 0, onCatalogChanged });
  const titlesFound = async (q: string) =>
    (await indexed.catalog.searchTitles(q, { limit: 10, offset: 0 })).items.map((m) => m.title);
  return { state, source, inner, indexed, onCatalogChanged, titlesFound };
}

describe('withTitleIndex', () => {
  it('answers from the database until the index is built, then from memory', async () => {
    const f = fixture({ 1: 'Heat', 2: 'The Matrix' });
    expect(await f.titlesFound('matrix')).toEqual(['from the database']);
    await f.indexed.refresh();
    expect(await f.titlesFound('matirx')).toEqual(['The Matrix']);
    expect(f.inner.searchTitles).toHaveBeenCalledTimes(1);
  });

  it('rebuilds when the version changes, and says the catalog changed', async () => {
    const f = fixture({ 1: 'Heat' });
    await f.indexed.refresh();
    await f.indexed.refresh();
    expect(f.source.entries).toHaveBeenCalledTimes(1);
    expect(await f.titlesFound('nikita')).toEqual([]);
    f.state.titles = { 1: 'Heat', 2: 'Nikita' };
    f.state.version = 2;
    await f.indexed.refresh();
    expect(await f.titlesFound('nikita')).toEqual(['Nikita']);
    expect(f.onCatalogChanged).toHaveBeenCalledTimes(1);
  });

  it('gives the same page object for the same search until a rebuild', async () => {
    const f = fixture({ 1: 'Heat' });
    const hourly = withTitleIndex(f.inner, f.source, { log: createLogger('silent'), checkEveryMs: 3_600_000 });
    await hourly.refresh();
    const search = () => hourly.catalog.searchTitles('heat', { limit: 10, offset: 0 });
    const first = await search();
    expect(await search()).toBe(first);
    f.state.version = 2;
    await hourly.refresh();
    expect(await search()).not.toBe(first);
  });

  it('keeps the last index when a check fails, and does not ask again on every search', async () => {
    const f = fixture({ 1: 'Heat' });
    const hourly = withTitleIndex(f.inner, f.source, { log: createLogger('silent'), checkEveryMs: 3_600_000 });
    await hourly.refresh();
    f.state.failing = true;
    await expect(hourly.refresh()).rejects.toThrow('database down');
    const checks = vi.mocked(f.source.version).mock.calls.length;
    for (let i = 0; i < 5; i++) {
      const page = await hourly.catalog.searchTitles('heat', { limit: 1, offset: 0 });
      expect(page.items.map((m) => m.title)).toEqual(['Heat']);
    }
    expect(vi.mocked(f.source.version).mock.calls.length).toBe(checks);
  });

  it('normalises queries as the database normalises titles', () => {
    expect(normalizeQuery('  Léon: the Professional!  ')).toBe('leon the professional');
    expect(normalizeQuery('Ørnen & Æble — Straße')).toBe('ornen aeble strasse');
    expect(normalizeQuery('!!!')).toBe('');
  });
});
