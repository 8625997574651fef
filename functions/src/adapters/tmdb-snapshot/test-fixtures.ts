/**
 * Test support: writes small snapshot files shaped like the real ones (same headers, quoting, line
 * endings and quirks) into a temporary folder.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** One CSV line; quotes a cell only when it needs it, like pandas' to_csv, or every cell. */
function csvLine(cells: readonly string[], quoteAll: boolean): string {
  return cells.map((c) => (quoteAll || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

export function csv(
  rows: readonly (readonly string[])[],
  { eol = '\n', trailingNewline = true, quoteAll = false } = {},
): string {
  return rows.map((row) => csvLine(row, quoteAll)).join(eol) + (trailingNewline ? eol : '');
}

export const TMDB5000_HEADER = [
  'budget',
  'genres',
  'homepage',
  'id',
  'keywords',
  'original_language',
  'original_title',
  'overview',
  'popularity',
  'production_companies',
  'production_countries',
  'release_date',
  'revenue',
  'runtime',
  'spoken_languages',
  'status',
  'tagline',
  'title',
  'vote_average',
  'vote_count',
];

const genres = (...names: string[]) => JSON.stringify(names.map((name, id) => ({ id, name })));

/** A tmdb-5000 row from the columns that matter; the rest get plausible filler. */
export function tmdb5000Row(m: {
  id: string;
  title: string;
  genres: string;
  keywords?: string;
  originalTitle?: string;
  overview?: string;
  releaseDate?: string;
  runtime?: string;
  tagline?: string;
}): string[] {
  return [
    '1000000',
    m.genres,
    '',
    m.id,
    m.keywords ?? '[]',
    'en',
    m.originalTitle ?? m.title,
    m.overview ?? '',
    '21.5',
    '[]',
    '[]',
    m.releaseDate ?? '',
    '0',
    m.runtime ?? '',
    '[]',
    'Released',
    m.tagline ?? '',
    m.title,
    '7.5',
    '120',
  ];
}

export const TOP10K_HEADER = [
  'id',
  'title',
  'genre',
  'original_language',
  'overview',
  'popularity',
  'release_date',
  'vote_average',
  'vote_count',
];

export const ENRICHED_HEADER = [
  'movieId',
  'title',
  'genres',
  'tmdbId',
  'overview',
  'poster_path',
  'vote_average',
  'vote_count',
  'popularity',
  'release_date',
  'runtime',
  'budget',
  'revenue',
  'original_language',
  'status',
];

/** A movies_enriched.csv row: MovieLens' title and genres, TMDB's numbers written as floats. */
export function enrichedRow(m: {
  movieId: string;
  title: string;
  genres: string;
  tmdbId: string;
  overview?: string;
  posterPath?: string;
  voteAverage?: string;
  voteCount?: string;
  popularity?: string;
  releaseDate?: string;
  runtime?: string;
}): string[] {
  const found = m.releaseDate !== undefined;
  return [
    m.movieId,
    m.title,
    m.genres,
    m.tmdbId,
    m.overview ?? '',
    m.posterPath ?? '',
    m.voteAverage ?? '',
    m.voteCount ?? '',
    m.popularity ?? '',
    m.releaseDate ?? '',
    m.runtime ?? '',
    found ? '1000000.0' : '',
    found ? '0.0' : '',
    found ? 'en' : '',
    found ? 'Released' : '',
  ];
}

export const FULL2023_HEADER = [
  'id',
  'title',
  'vote_average',
  'vote_count',
  'status',
  'release_date',
  'revenue',
  'runtime',
  'adult',
  'backdrop_path',
  'budget',
  'homepage',
  'imdb_id',
  'original_language',
  'original_title',
  'overview',
  'popularity',
  'poster_path',
  'tagline',
  'genres',
  'production_companies',
  'production_countries',
  'spoken_languages',
  'keywords',
];

/** A TMDB_movie_dataset_v11.csv row: genres and keywords as comma-separated names. */
export function full2023Row(m: {
  id: string;
  title: string;
  imdbId: string;
  genres: string;
  keywords: string;
  overview?: string;
  tagline?: string;
  runtime?: string;
  releaseDate?: string;
  posterPath?: string;
  backdropPath?: string;
  voteCount?: string;
}): string[] {
  return [
    m.id,
    m.title,
    '8.2',
    m.voteCount ?? '25000',
    'Released',
    m.releaseDate ?? '',
    '0',
    m.runtime ?? '',
    'False',
    m.backdropPath ?? '',
    '0',
    '',
    m.imdbId,
    'en',
    m.title,
    m.overview ?? '',
    '60.5',
    m.posterPath ?? '',
    m.tagline ?? '',
    m.genres,
    '',
    '',
    'English',
    m.keywords,
  ];
}

/** The standard fixture: every file kind, in subfolders like the real snapshot. */
export const FIXTURE_FILES: Record<string, string> = {
  'tmdb-5000/tmdb_5000_movies.csv': csv([
    TMDB5000_HEADER,
    tmdb5000Row({
      id: '862',
      title: 'Toy Story',
      genres: genres('Animation', 'Comedy', 'Family'),
      keywords: JSON.stringify([
        { id: 931, name: 'jealousy' },
        { id: 4290, name: 'toy' },
      ]),
      overview: 'Led by "Woody", Andy\'s toys live happily, until Buzz arrives.',
      releaseDate: '1995-10-30',
      runtime: '81.0',
    }),
    tmdb5000Row({
      id: '603',
      title: 'The Matrix',
      genres: genres('Action', 'Science Fiction', 'History'),
      overview: 'A hacker learns the truth.',
      releaseDate: '1999-03-30',
      runtime: '136.0',
      tagline: 'Welcome to the Real World.',
    }),
    tmdb5000Row({ id: '100', title: 'Gappy', genres: '[]', runtime: '0' }),
    tmdb5000Row({ id: '200', title: 'A TV Movie', genres: genres('TV Movie'), releaseDate: '2010-01-01' }),
  ]),
  'top10k/top10K-TMDB-movies.csv': csv(
    [
      TOP10K_HEADER,
      [
        '603',
        'The Matrix',
        'Action,Science Fiction',
        'en',
        'Top10k overview, newer than tmdb-5000.',
        '80.1',
        '1999-03-31',
        '8.2',
        '26000',
      ],
      [
        '100',
        'Gappy (top10k title)',
        'Drama,Family',
        'en',
        'First line\nsecond line, "quoted"',
        '3.5',
        '2001-02-03',
        '6.1',
        '42',
      ],
      ['300', 'Amélie', 'Comedy,Romance', 'fr', '', '30.2', '2001-04-25', '7.9', '10000'],
      ['400', 'Kill Bill: Vol. 1', 'Action,Crime', 'en', 'The Bride wakes up.', '50', '2003-10-10', '8', '15000'],
    ],
    { eol: '\r\n', trailingNewline: false },
  ),
  'the-movies-dataset/keywords.csv': csv([
    ['id', 'keywords'],
    ['862', "[{'id': 1, 'name': 'not used: tmdb-5000 has keywords'}]"],
    [
      '603',
      `[{'id': 310, 'name': 'artificial intelligence'}, {'id': 4565, 'name': "children's \\"quoted\\" dystopia"}]`,
    ],
    ['400', "[{'id': 5, 'name': 'ça, c\\'est la vie'}, {'id': 6, 'name': '東京'}]"],
    ['300', '[]'],
    ['999', "[{'id': 7, 'name': 'no movie row'}]"],
    ['603', "[{'id': 310, 'name': 'artificial intelligence'}, {'id': 9, 'name': '\\xa0cyberpunk'}]"],
  ]),
  'the-movies-dataset/links.csv': csv(
    [
      ['movieId', 'imdbId', 'tmdbId'],
      ['1', '0114709', '862'],
      ['2', '0133093', '603'],
      ['3', '0000001', ''],
      ['4', '211915', '300'],
    ],
    { eol: '\r\n' },
  ),
};

/** Writes `files` (relative path → content) into a fresh temporary folder and returns it. */
export async function writeFixture(files: Record<string, string> = FIXTURE_FILES): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tmdb-snapshot-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}
