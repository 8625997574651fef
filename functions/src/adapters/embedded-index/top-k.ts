/**
 * Bounded top-k selection: a binary min-heap of the k best (score, row) pairs seen so far, whose
 * root is the worst kept candidate, so most rows cost one comparison against `threshold`.
 * Order: higher score first, then the smaller tie-break key (the movie id), so results are stable.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly rows: Int32Array;
  private readonly keys: Float64Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  /** Offers a candidate; `key` breaks ties (smaller wins). */
  push(score: number, row: number, key: number): void {
    if (this.size < this.capacity) {
      this.place(this.size++, score, row, key);
      this.siftUp(this.size - 1);
    } else if (this.capacity > 0 && this.beats(score, key, 0)) {
      this.place(0, score, row, key);
      this.siftDown(0);
    }
  }

  /** A score below this cannot enter (−∞ until the heap is full). */
  get threshold(): number {
    return this.size < this.capacity ? -Infinity : (this.scores[0] as number);
  }

  /** The kept candidates, best first. */
  sorted(): { row: number; score: number }[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
    return order.map((i) => ({ row: this.rows[i] as number, score: this.scores[i] as number }));
  }

  private beats(score: number, key: number, slot: number): boolean {
    const other = this.scores[slot] as number;
    return score > other || (score === other && key < (this.keys[slot] as number));
  }

  private better(a: number, b: number): boolean {
    return this.beats(this.scores[a] as number, this.keys[a] as number, b);
  }

  private place(slot: number, score: number, row: number, key: number): void {
    this.scores[slot] = score;
    this.rows[slot] = row;
    this.keys[slot] = key;
  }

  private swap(a: number, b: number): void {
    const [score, row, key] = [this.scores[a] as number, this.rows[a] as number, this.keys[a] as number];
    this.place(a, this.scores[b] as number, this.rows[b] as number, this.keys[b] as number);
    this.place(b, score, row, key);
  }

  private siftUp(slot: number): void {
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.better(parent, slot)) return;
      this.swap(parent, slot);
      slot = parent;
    }
  }

  private siftDown(slot: number): void {
    for (;;) {
      const left = 2 * slot + 1;
      const right = left + 1;
      let worst = slot;
      if (left < this.size && this.better(worst, left)) worst = left;
      if (right < this.size && this.better(worst, right)) worst = right;
      if (worst === slot) return;
      this.swap(slot, worst);
      slot = worst;
    }
  }
}
