import { canonicalGenres } from '@movierec/functions/core';

export { parseTitle } from '@movierec/functions/core';

/** MovieLens' "Adventure|Children's" to canonical genres; "(no genres listed)" maps to none. */
export function parseGenreList(field: string): string[] {
  return canonicalGenres(field.split('|'));
}
