/**
 * Where each file of the offline TMDB snapshot is published: a public GitHub repository at a pinned
 * commit, with the sha256 of the (unzipped) file. Same sources and values as
 * shared/datasets/README.md; the local paths follow that folder's layout.
 */
import { SNAPSHOT_FILE_NAMES, type SnapshotFileKind } from '@movierec/functions/data-sources';

export interface SnapshotSource {
  kind: SnapshotFileKind;
  /** Where the file goes below the snapshot folder. */
  path: string;
  /** `owner/name` of the GitHub repository. */
  repo: string;
  commit: string;
  /** The file's path in the repository; a `.zip` holds the file, alone. */
  repoPath: string;
  /** Of the file itself, unzipped (of its first `firstBytes` bytes, when set). */
  sha256: string;
  /** The copy this project reads is the published file's first this many bytes. */
  firstBytes?: number;
}

const source = (kind: SnapshotFileKind, folder: string, s: Omit<SnapshotSource, 'kind' | 'path'>): SnapshotSource => ({
  kind,
  path: `${folder}/${SNAPSHOT_FILE_NAMES[kind]}`,
  ...s,
});

export const SNAPSHOT_SOURCES: readonly SnapshotSource[] = [
  source('tmdb5000', 'tmdb-5000', {
    repo: 'ellenfg/Predicting_Oscars',
    commit: 'aa03c87401dbb1d8b070b00324c603635e5e6b72',
    repoPath: 'tmdb_5000_movies.csv.zip',
    sha256: '1e0584a8dd374120e4ed4f2b81f0d2bd0eb95a554708e4a350d00ed5c46d2825',
  }),
  source('keywords', 'the-movies-dataset', {
    repo: 'umaima84/Movie-Recommendation-System',
    commit: 'c39c2c86484a5e7ab8fe3e426107f30645d1a26d',
    repoPath: 'keywords.csv.zip',
    sha256: '428ef94a80255986ad71fd347855702e772ee776841f1e8923a618aa2d87a668',
  }),
  source('links', 'the-movies-dataset', {
    repo: 'AsthaGupta28/Movie-Recommendation-System',
    commit: 'b61ab8d9a58b313f5330837ef4788941032f031e',
    repoPath: 'links.csv',
    sha256: 'bd8562d4b10d04d080e16caaf8027cd07e47b5da6920128d39e31cd1dd8ffc5e',
  }),
  source('top10k', 'top10k', {
    repo: 'vartika51/recommender-system',
    commit: '4ac72314699c3507bb1c4136409f636d845acf36',
    repoPath: 'top10K-TMDB-movies.csv',
    sha256: '8063d84a6a4e5287ab1a52f9d2d01b0f1eded24511e789b5a98b93063de0e657',
  }),
  source('enriched', 'ml-latest-small-enriched', {
    repo: 'Siuper-Meomeo/recommend-',
    commit: '79ebc5f679c62be2d4f158822747bad648bef1e4',
    repoPath: 'data/processed/movies_enriched.csv',
    sha256: '2bb2728bdd4aede8a48fd4b9b5538c0dcf89b2c86cc8ef6a6364e7dffbb01810',
  }),
  source('full2023', 'full-tmdb-2023-top', {
    repo: 'Talnz007/Movie_Recomendation_System',
    commit: '2b16296c6d52f57d2fd0be3098d686d4153ae0b6',
    repoPath: 'TMDB_movie_dataset_v11.csv',
    // The copy the datasets README describes is this file cut after its 2,631 most-voted movies
    // (mid-record; the reader keeps that record without its cut keyword): only those bytes are kept.
    sha256: '6eaccacafdea468806b8a7befa2405a907353501fa47538d63f3021245b2c269',
    firstBytes: 2_327_272,
  }),
];

/** The raw-file URL of a source below `baseUrl` (GitHub's raw host, or a test server). */
export function sourceUrl(baseUrl: string, s: SnapshotSource): string {
  return `${baseUrl}/${s.repo}/${s.commit}/${s.repoPath}`;
}
