/**
 * A small intraday price line: the last price of each time bucket, in a ring of fixed size.
 * Seeded from 5-minute bars when the server has history; otherwise it starts with the stream.
 */
export class Sparkline {
  private readonly buckets: Float64Array;
  private readonly values: Float64Array;
  private head = 0;
  private count = 0;
  private changes = 0;

  constructor(
    private bucketMs: number,
    readonly capacity: number = 96,
  ) {
    this.buckets = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get version(): number {
    return this.changes;
  }

  get bucketSizeMs(): number {
    return this.bucketMs;
  }

  /** The price `value` at `timeMs`: updates the newest bucket or starts a new one. */
  add(timeMs: number, value: number): void {
    const bucket = Math.floor(timeMs / this.bucketMs);
    if (this.count > 0) {
      const newest = (this.head - 1 + this.capacity) % this.capacity;
      const held = this.buckets[newest] ?? 0;
      if (bucket === held) {
        if (this.values[newest] !== value) {
          this.values[newest] = value;
          this.changes++;
        }
        return;
      }
      if (bucket < held) return;
    }
    this.buckets[this.head] = bucket;
    this.values[this.head] = value;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    this.changes++;
  }

  /** Starts over with `bucketMs` buckets and these (time ms, price) points, oldest first. */
  reset(bucketMs: number, points: ReadonlyArray<readonly [number, number]> = []): void {
    this.bucketMs = bucketMs;
    this.head = 0;
    this.count = 0;
    this.changes++;
    for (const [time, value] of points) this.add(time, value);
  }

  /** The `index`-th oldest value. */
  value(index: number): number {
    const slot = (this.head - this.count + index + this.capacity * 2) % this.capacity;
    return this.values[slot] ?? 0;
  }
}
