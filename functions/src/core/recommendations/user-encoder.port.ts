/** One rating of a user's history, in the project's movie ids (0 is padding). */
export interface RatedMovie {
  movieId: number;
  /** 0.5 … 5.0 in 0.5 steps. */
  rating: number;
}

/**
 * Turns rating histories into user embeddings (L2-normalized, comparable with the movie
 * embeddings of the same export).
 */
export interface UserEncoder {
  /** Identifies the encoder (and its model version) in logs. */
  readonly name: string;
  /**
   * One embedding per history. Each history is ordered oldest first, most recent last; the encoder
   * reads only the last `historyLength` ratings of each. Unknown and padding ids are ignored; an
   * empty history gets the model's fixed "no history" embedding.
   */
  encode(histories: RatedMovie[][]): Promise<Float32Array[]>;
}
