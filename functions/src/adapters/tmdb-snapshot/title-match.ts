/** Title + year matching for MovieLens releases without TMDB ids (ml-100k). */

/**
 * Articles MovieLens moves to the end ("Matrix, The", "Cité des enfants perdus, La"). They are
 * moved back to the front so the title reads like TMDB's.
 */
const TRAILING_ARTICLE = /^(.*\S),\s*(the|a|an|les|la|le|l'|il|el|los|las|das|der|die|den|det)$/;

/** English leading articles are then dropped, so "The Matrix" == "Matrix". */
const LEADING_ARTICLE = /^(?:the|a|an) /;

/**
 * A comparison key: lower case, accents removed, trailing "(1999)" removed, trailing article moved
 * to the front, "&" read as "and", apostrophes dropped, other punctuation as spaces.
 */
export function normalizeTitle(title: string): string {
  let t = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\s*\(\d{4}\)$/, '');
  const trailing = TRAILING_ARTICLE.exec(t);
  if (trailing) t = `${trailing[2]} ${trailing[1]}`;
  t = t
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return t.replace(LEADING_ARTICLE, '');
}

/**
 * The titles to try for one MovieLens title: itself, then, when it ends in a parenthesised
 * alternative ("Shanghai Triad (Yao a yao yao dao waipo qiao)", "... (a.k.a. X)"), the part before
 * and the alternative alone.
 */
function candidateTitles(title: string): string[] {
  const t = title.trim().replace(/\s*\(\d{4}\)$/, '');
  const alt = /^(.*\S)\s*\(([^()]+)\)$/.exec(t);
  if (!alt?.[1] || !alt[2]) return [t];
  return [t, alt[1], alt[2].replace(/^a\.k\.a\.\s*/i, '')];
}

export type TitleMatcher = (title: string, year: number) => number | null;

/** Builds the index once, then answers each lookup from it. */
export function createTitleMatcher(
  titles: ReadonlyMap<number, readonly string[]>,
  years: ReadonlyMap<number, number | null>,
): TitleMatcher {
  const index = new Map<string, Set<number>>();
  for (const [tmdbId, names] of titles) {
    const year = years.get(tmdbId);
    if (year === null || year === undefined) continue;
    for (const name of names) {
      const key = `${normalizeTitle(name)}|${year}`;
      const ids = index.get(key) ?? new Set<number>();
      ids.add(tmdbId);
      index.set(key, ids);
    }
  }
  return (title, year) => {
    for (const candidate of candidateTitles(title)) {
      const ids = index.get(`${normalizeTitle(candidate)}|${year}`);
      // The first candidate that names any movie decides: several is ambiguous, not a fallback.
      if (ids) return ids.size === 1 ? (ids.values().next().value ?? null) : null;
    }
    return null;
  };
}
