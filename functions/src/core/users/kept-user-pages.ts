/**
 * Pages of the user list kept in memory, one per query. Their top genres are ranked against a
 * baseline cached for five minutes, so no kept page outlives that either.
 */
import { LRUCache } from 'lru-cache';
import type { Paged } from '../paging.js';
import type { UserListQuery, UserSummary } from './users.port.js';

const LIST_TTL_MS = 5 * 60_000;
const LISTED_PAGES = 1_000;

export const keptUserPages = () => new LRUCache<string, Paged<UserSummary>>({ max: LISTED_PAGES, ttl: LIST_TTL_MS });

/** The cache key of a listing; `version` separates pages read at different database versions. */
export const userPageKey = (query: UserListQuery, version = '') =>
  JSON.stringify([version, query.search, query.kind, query.sort, query.limit, query.offset]);
