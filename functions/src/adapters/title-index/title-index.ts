/**
 * Title search in memory, so a search box's every keystroke costs no database query. MiniSearch (a
 * maintained full-text index with fuzzy and prefix matching) holds one document per title line,
 * each line already normalised by the database (search_normalize: no accents, case or punctuation);
 * queries are normalised alike here. Ranking keeps the SQL search's order: a title equal to the
 * query first, then closer matches, then the more popular and more rated movie.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';

/** One movie as the index needs it. */
export interface TitleEntry {
  id: number;
  /** The movie's titles (its own and alternates), normalised as the database's search_text lines. */
  titles: string[];
  voteCount: number;
  ratingCount: number;
}

/** Where the entries come from, and a version that changes whenever they may have. */
export interface TitleSource {
  version(): Promise<string>;
  entries(): Promise<TitleEntry[]>;
}

export interface TitleMatches {
  /** Movie ids of the page, best first. */
  ids: number[];
  total: number;
}

export interface TitleIndex {
  search(query: string, page: { limit: number; offset: number }): TitleMatches;
}

/** Letters unaccent rewrites that Unicode decomposition leaves alone. */
const LIGATURES: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', þ: 'th', ı: 'i' };

/** The query as search_normalize would give it: lower case, no accents, punctuation runs as one space. */
export function normalizeQuery(query: string): string {
  return query
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øæœßłđþı]/g, (letter) => LIGATURES[letter] ?? letter)
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

interface TitleLine {
  line: number;
  text: string;
}

/**
 * Every query word must match (AND); words of 4–5 letters forgive one edit and longer ones two
 * ("matirx" finds "matrix"); the last word may be a prefix (the user is still typing it). BM25's
 * length normalisation is off (b 0), so titles that hold every word score alike, as the SQL
 * search's whole-word similarity of 1 did, and popularity decides between them.
 */
const SEARCH_OPTIONS: SearchOptions = {
  combineWith: 'AND',
  fuzzy: (term) => (term.length < 4 ? false : term.length < 6 ? 1 : 2),
  bm25: { k: 1.2, b: 0, d: 0.5 },
};

export interface TitleIndexOptions {
  /**
   * A word in more title lines than this is "frequent" (default: 2% of the lines, at least 200). In
   * a query with rarer words it is not searched for: MiniSearch scores every line that holds a word
   * before intersecting, 7 ms for "the" on ml-latest-small against 0.5 ms for "shawshank". Instead
   * the rarer words' matches are kept if they hold it as written (as a word prefix when it is the
   * last word): it forgives no typo, and it adds the same score to every line that holds it once.
   */
  frequentLines?: number;
}

/** A query's words, split into the ones MiniSearch searches and the frequent ones checked on its hits. */
interface QueryPlan {
  searched: string[];
  lastIsPrefix: boolean;
  required: string[];
  requiredPrefix: string | null;
}

function planQuery(q: string, isFrequent: (word: string) => boolean): QueryPlan {
  const words = q.split(' ');
  const last = words.length - 1;
  const frequent = words.map(isFrequent);
  if (frequent.every(Boolean)) return { searched: words, lastIsPrefix: true, required: [], requiredPrefix: null };
  return {
    searched: words.filter((_, i) => !frequent[i]),
    lastIsPrefix: !frequent[last],
    required: words.filter((_, i) => frequent[i] && i !== last),
    requiredPrefix: frequent[last] ? (words[last] as string) : null,
  };
}

/** Whether a line (words joined by single spaces) holds every required word, and a word starting with the prefix. */
function holds(text: string, plan: QueryPlan): boolean {
  const padded = ` ${text} `;
  return (
    plan.required.every((word) => padded.includes(` ${word} `)) &&
    (plan.requiredPrefix === null || padded.includes(` ${plan.requiredPrefix}`))
  );
}

/** Builds the index in chunks, yielding to the event loop between them, so requests keep flowing. */
export async function buildTitleIndex(
  entries: readonly TitleEntry[],
  options: TitleIndexOptions = {},
): Promise<TitleIndex> {
  const lineMovie: number[] = [];
  const lines: TitleLine[] = [];
  const linesWith = new Map<string, number>();
  entries.forEach((entry, movie) =>
    entry.titles.forEach((text) => {
      lines.push({ line: lines.length, text });
      lineMovie.push(movie);
      for (const word of new Set(text.split(' '))) linesWith.set(word, (linesWith.get(word) ?? 0) + 1);
    }),
  );
  const frequentLines = options.frequentLines ?? Math.max(200, Math.round(lines.length * 0.02));
  const isFrequent = (word: string) => (linesWith.get(word) ?? 0) > frequentLines;
  const index = new MiniSearch<TitleLine>({ idField: 'line', fields: ['text'], searchOptions: SEARCH_OPTIONS });
  await index.addAllAsync(lines, { chunkSize: 5_000 });

  /** Every movie that matches, best first: as indexes into `entries`. */
  function rank(q: string): number[] {
    const plan = planQuery(q, isFrequent);
    const hits = index.search(plan.searched.join(' '), {
      prefix: (_term, i, terms) => plan.lastIsPrefix && i === terms.length - 1,
      filter: (hit) => holds((lines[hit.id as number] as TitleLine).text, plan),
    });
    const best = new Map<number, number>();
    for (const hit of hits) {
      const movie = lineMovie[hit.id as number] as number;
      if ((best.get(movie) ?? -1) < hit.score) best.set(movie, hit.score);
    }
    const ranked = [...best].map(([movie, score]) => {
      const entry = entries[movie] as TitleEntry;
      return { movie, entry, exact: entry.titles.includes(q), score };
    });
    ranked.sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) ||
        b.score - a.score ||
        b.entry.voteCount - a.entry.voteCount ||
        b.entry.ratingCount - a.entry.ratingCount ||
        a.entry.id - b.entry.id,
    );
    return ranked.map((r) => r.movie);
  }

  return {
    search(query, page) {
      const q = normalizeQuery(query);
      if (q.length === 0) return { ids: [], total: 0 };
      const ranked = rank(q);
      const ids = ranked.slice(page.offset, page.offset + page.limit).map((movie) => (entries[movie] as TitleEntry).id);
      return { ids, total: ranked.length };
    },
  };
}
