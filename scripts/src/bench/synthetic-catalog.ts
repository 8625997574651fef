/**
 * A seeded catalog shaped like the seed system's 700K-movie index, for the vector-index benchmarks:
 * 87K collaborative ("two_tower") vectors and the rest content-only, in clusters of similar movies
 * (so an approximate index's recall means something; uniform random vectors have no neighbours),
 * with genres drawn at ml-latest-small's frequencies and skewed per cluster (a cluster of horror
 * films is mostly horror), and a share of content-only movies not recommendable.
 *
 * Two kinds of query come with it, because graph indexes treat them very differently:
 * - `similarQuery`: a catalog movie's own vector (Similar, "Because you watched"): near many points.
 * - `userQuery`: the normalized mean of a 50-movie history spread evenly over three tastes (For You): far
 *   from every point, between clusters, where greedy graph search stalls in one of them.
 *
 * @example
 *   const catalog = syntheticCatalog({ points: 700_000, seed: 1 });
 *   const query = catalog.userQuery(mulberry32(2));
 */
import { CANONICAL_GENRES, gaussian, mulberry32 } from '@movierec/functions/core';
import type { EmbeddingSource, MoviePoint } from '@movierec/functions/core';

export interface SyntheticCatalogOptions {
  points: number;
  seed: number;
  dimension?: number;
  /** Movies per cluster on average (the seed's 700K in 2,000 clusters: 350). */
  clusterSize?: number;
}

/** The seed's split: 87K movies with ratings (two-tower vectors) out of 700K. */
const COLLABORATIVE_SHARE = 87_000 / 700_000;
/** Share of genre tags per movie in ml-latest-small's movies.csv (measured: 9,742 movies). */
export const GENRE_FREQUENCY: Readonly<Record<string, number>> = {
  Drama: 0.448,
  Comedy: 0.386,
  Thriller: 0.194,
  Action: 0.188,
  Romance: 0.164,
  Adventure: 0.13,
  Crime: 0.123,
  'Sci-Fi': 0.101,
  Horror: 0.1,
  Fantasy: 0.08,
  Children: 0.068,
  Animation: 0.063,
  Mystery: 0.059,
  Documentary: 0.045,
  War: 0.039,
  Musical: 0.034,
  Western: 0.017,
  IMAX: 0.016,
  'Film-Noir': 0.009,
};
/** Content-only movies lacking what the lists need (poster, overview…): not recommendable. */
const CONTENT_ONLY_UNRECOMMENDABLE = 0.2;
/** Spread of a movie around its cluster centre (noise norm relative to the unit centre). */
const SPREAD = { two_tower: 1.0, content_only: 1.25 } as const;
const HISTORY = 50;
const TASTE_SHARES = [17, 17, 16];

export interface SyntheticCatalog {
  count: number;
  dimension: number;
  clusters: number;
  /** Row-major, one unit vector per movie; movie ids are row + 1. */
  vectors: Float32Array;
  vectorOf(movieId: number): Float32Array;
  /** Ids 1…collaborative are the two-tower movies, the rest content-only. */
  collaborative: number;
  genresOf(movieId: number): string[];
  recommendable(movieId: number): boolean;
  batches(size: number): Generator<MoviePoint[]>;
  similarQuery(next: () => number): { vector: Float32Array; movieId: number };
  userQuery(next: () => number): { vector: Float32Array; history: number[] };
}

function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const scale = 1 / (Math.sqrt(sum) || 1);
  for (let d = 0; d < v.length; d++) v[d] = (v[d] as number) * scale;
  return v;
}

function randomUnit(next: () => number, dimension: number): Float32Array {
  return normalize(Float32Array.from({ length: dimension }, () => gaussian(next)));
}

/** Per cluster, each genre's probability: the global frequency times a log-normal skew (mean 1). */
function clusterGenreOdds(next: () => number, clusters: number): Float64Array[] {
  return Array.from({ length: clusters }, () =>
    Float64Array.from(CANONICAL_GENRES, (genre) =>
      Math.min(0.95, (GENRE_FREQUENCY[genre] ?? 0) * Math.exp(gaussian(next) - 0.5)),
    ),
  );
}

/** Cluster sizes vary like real neighbourhoods do: log-normal weights, then a cumulative table. */
function clusterPicker(next: () => number, clusters: number): (u: number) => number {
  const weights = Array.from({ length: clusters }, () => Math.exp(0.75 * gaussian(next)));
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  const cumulative = Float64Array.from(weights, (w) => (running += w / total));
  return (u) => {
    let lo = 0;
    let hi = clusters - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function syntheticCatalog(options: SyntheticCatalogOptions): SyntheticCatalog {
  const { points: count, seed } = options;
  const dimension = options.dimension ?? 128;
  const clusters = Math.max(4, Math.round(count / (options.clusterSize ?? 350)));
  const collaborative = Math.max(1, Math.round(count * COLLABORATIVE_SHARE));
  const next = mulberry32(seed);
  const centres = Array.from({ length: clusters }, () => randomUnit(next, dimension));
  const odds = clusterGenreOdds(next, clusters);
  const pickCluster = clusterPicker(next, clusters);

  const vectors = new Float32Array(count * dimension);
  const genreBits = new Uint32Array(count);
  const recommendable = new Uint8Array(count);
  const membersOf: number[][] = Array.from({ length: clusters }, () => []);
  for (let row = 0; row < count; row++) {
    const cluster = pickCluster(next());
    const source: EmbeddingSource = row < collaborative ? 'two_tower' : 'content_only';
    const noise = SPREAD[source] / Math.sqrt(dimension);
    const centre = centres[cluster] as Float32Array;
    const v = vectors.subarray(row * dimension, (row + 1) * dimension);
    for (let d = 0; d < dimension; d++) v[d] = (centre[d] as number) + noise * gaussian(next);
    normalize(v);
    const clusterOdds = odds[cluster] as Float64Array;
    let bits = 0;
    clusterOdds.forEach((p, g) => {
      if (next() < p) bits |= 1 << g;
    });
    if (bits === 0) bits = 1 << clusterOdds.indexOf(Math.max(...clusterOdds));
    genreBits[row] = bits;
    recommendable[row] = source === 'two_tower' || next() >= CONTENT_ONLY_UNRECOMMENDABLE ? 1 : 0;
    if (source === 'two_tower') membersOf[cluster]!.push(row + 1);
  }
  const bigEnough = membersOf.filter((members) => members.length >= HISTORY);
  const tastePools = bigEnough.length > 0 ? bigEnough : [Array.from({ length: collaborative }, (_, i) => i + 1)];

  const vectorOf = (movieId: number) => vectors.subarray((movieId - 1) * dimension, movieId * dimension);
  const genresOf = (movieId: number) =>
    CANONICAL_GENRES.filter((_, g) => ((genreBits[movieId - 1] as number) & (1 << g)) !== 0);

  return {
    count,
    dimension,
    clusters,
    vectors,
    vectorOf,
    collaborative,
    genresOf,
    recommendable: (movieId) => recommendable[movieId - 1] === 1,
    *batches(size) {
      for (let start = 0; start < count; start += size) {
        yield Array.from({ length: Math.min(size, count - start) }, (_, i) => {
          const movieId = start + i + 1;
          return {
            movieId,
            tmdbId: null,
            genres: genresOf(movieId),
            year: null,
            recommendable: recommendable[start + i] === 1,
            source: movieId <= collaborative ? 'two_tower' : 'content_only',
            vector: vectorOf(movieId),
          } satisfies MoviePoint;
        });
      }
    },
    similarQuery(draw) {
      const movieId = 1 + Math.floor(draw() * collaborative);
      return { vector: vectorOf(movieId).slice(), movieId };
    },
    userQuery(draw) {
      // Three tastes in about equal shares of the 50 ratings, each from one cluster of rated movies.
      const history = new Set<number>();
      for (const share of TASTE_SHARES) {
        const members = tastePools[Math.floor(draw() * tastePools.length)] as number[];
        const wanted = history.size + share;
        for (let tries = 0; history.size < wanted && tries < share * 20; tries++)
          history.add(members[Math.floor(draw() * members.length)] as number);
      }
      const mean = new Float32Array(dimension);
      for (const movieId of history) {
        const v = vectorOf(movieId);
        for (let d = 0; d < dimension; d++) mean[d] = (mean[d] as number) + (v[d] as number);
      }
      return { vector: normalize(mean), history: [...history] };
    },
  };
}
