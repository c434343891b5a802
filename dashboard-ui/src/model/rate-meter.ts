/**
 * Events per second over the last completed second, counted in fixed buckets so that adding is
 * O(1) and the figure does not flicker within a bucket.
 */
export class RateMeter {
  private readonly counts: number[];
  private readonly bucketIds: number[];
  private readonly windowBuckets: number;

  /** Counts over `windowMs`, in buckets of `bucketMs`. */
  constructor(
    windowMs = 1000,
    private readonly bucketMs = 100,
  ) {
    this.windowBuckets = Math.max(1, Math.round(windowMs / bucketMs));
    // one slot more than the window: the bucket being filled must not overwrite the oldest one
    const slots = this.windowBuckets + 1;
    this.counts = new Array<number>(slots).fill(0);
    this.bucketIds = new Array<number>(slots).fill(Number.NEGATIVE_INFINITY);
  }

  /** Records `count` events at time `nowMs` (milliseconds of a monotonic clock). */
  add(count: number, nowMs: number): void {
    const id = Math.floor(nowMs / this.bucketMs);
    const slot = this.slotOf(id);
    if (this.bucketIds[slot] !== id) {
      this.bucketIds[slot] = id;
      this.counts[slot] = 0;
    }
    this.counts[slot] = (this.counts[slot] ?? 0) + count;
  }

  /** Events per second over the window of whole buckets before the current one. */
  rate(nowMs: number): number {
    const current = Math.floor(nowMs / this.bucketMs);
    const oldest = current - this.windowBuckets;
    let sum = 0;
    for (let slot = 0; slot < this.counts.length; slot++) {
      const id = this.bucketIds[slot] ?? Number.NEGATIVE_INFINITY;
      if (id >= oldest && id < current) {
        sum += this.counts[slot] ?? 0;
      }
    }
    return (sum * 1000) / (this.windowBuckets * this.bucketMs);
  }

  private slotOf(id: number): number {
    const n = this.counts.length;
    return ((id % n) + n) % n;
  }
}
