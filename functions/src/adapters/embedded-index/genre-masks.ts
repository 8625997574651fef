/**
 * Each point's genres as a bit set over the genres the index holds, so the any-of filter is one AND
 * per 32 genres. The vocabulary is learnt while loading; the sets widen (rarely) when it outgrows them.
 */
export class GenreMasks {
  private readonly bits = new Map<string, number>();
  private words = 1;
  private masks: Uint32Array;
  /** Each genre bit's rows, in row order. */
  private readonly rowsOf: number[][] = [];

  constructor(private readonly rows: number) {
    this.masks = new Uint32Array(rows);
  }

  /** Adds `genres` to row `row`'s set. */
  add(row: number, genres: readonly string[]): void {
    for (const genre of genres) {
      let bit = this.bits.get(genre);
      if (bit === undefined) {
        bit = this.bits.size;
        this.bits.set(genre, bit);
        this.rowsOf.push([]);
        if (bit >= 32 * this.words) this.widen();
      }
      this.rowsOf[bit]?.push(row);
      const slot = row * this.words + (bit >>> 5);
      this.masks[slot] = (this.masks[slot] as number) | (1 << (bit & 31));
    }
  }

  /** The query's set over this vocabulary; null when none of the genres is in the index. */
  query(genres: readonly string[]): Uint32Array | null {
    const mask = new Uint32Array(this.words);
    let known = false;
    for (const genre of genres) {
      const bit = this.bits.get(genre);
      if (bit === undefined) continue;
      mask[bit >>> 5] = (mask[bit >>> 5] as number) | (1 << (bit & 31));
      known = true;
    }
    return known ? mask : null;
  }

  /** The rows of each of `genres` (a row having two of them is in two lists). */
  rowLists(genres: readonly string[]): number[][] {
    return genres.map((genre) => this.rowsOf[this.bits.get(genre) ?? -1] ?? []);
  }

  /** True when row `row` has at least one genre of `mask`. */
  matches(row: number, mask: Uint32Array): boolean {
    const base = row * this.words;
    for (let w = 0; w < mask.length; w++) {
      if (((this.masks[base + w] as number) & (mask[w] as number)) !== 0) return true;
    }
    return false;
  }

  private widen(): void {
    const words = this.words * 2;
    const masks = new Uint32Array(this.rows * words);
    for (let row = 0; row < this.rows; row++)
      masks.set(this.masks.subarray(row * this.words, (row + 1) * this.words), row * words);
    this.words = words;
    this.masks = masks;
  }
}
