/** Offset pagination shared by every list the API returns. */
export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  items: T[];
  limit: number;
  offset: number;
  /** Total matches when the source knows it (database lists); null for ranked searches. */
  total: number | null;
  hasMore: boolean;
}

/** A page from a source that knows its total. */
export function pageOf<T>(items: T[], page: PageRequest, total: number): Paged<T> {
  return { items, limit: page.limit, offset: page.offset, total, hasMore: page.offset + items.length < total };
}

/**
 * A page from a ranked source without a total: callers fetch one item more than the limit and
 * this trims it, so `hasMore` is exact.
 */
export function pageOfRanked<T>(itemsPlusOne: T[], page: PageRequest): Paged<T> {
  return {
    items: itemsPlusOne.slice(0, page.limit),
    limit: page.limit,
    offset: page.offset,
    total: null,
    hasMore: itemsPlusOne.length > page.limit,
  };
}
