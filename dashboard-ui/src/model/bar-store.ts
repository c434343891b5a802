/**
 * The candles of the chart: one instrument, one interval. History from /api/bars is stitched with
 * live bars (DataBatch.bars, Snapshot current_bars) with no gap or duplicate at the seam: every
 * bar carries the last journal sequence it includes, and of two bars with the same start time the
 * one with the later sequence wins. Live bars that arrive while history is loading wait for it.
 *
 * When the server has no bars at all (no history endpoint, no live bars), bars are built here
 * from the chart symbol's trades, which arrive unconflated and checked for gaps. The bar in
 * progress when the stream started is incomplete, so building starts at the next bar boundary:
 * nothing is drawn that the journal would contradict. A gap or a fresh resubscription restarts it.
 */
import type { Bar, BarHistory } from '../gen/ticker/v1/market_pb.js';

/** A bar as the chart draws it: start time in epoch seconds, prices as numbers. */
export interface ChartBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** The last journal sequence in the bar; 0 for a bar built here from trades. */
  readonly lastSequence: bigint;
}

/** Where the history stands. */
export type HistoryState = 'loading' | 'ready' | 'unavailable' | 'error';

/** What the chart must redraw: everything, or these bars (in time order; some may be older than
 * the chart's newest, which the chart updates as historical). */
export type BarChanges =
  | { readonly kind: 'none' }
  | { readonly kind: 'reset'; readonly bars: readonly ChartBar[] }
  | { readonly kind: 'update'; readonly bars: readonly ChartBar[] };

export class BarStore {
  readonly intervalNs: bigint;
  private readonly divisor: number;
  private items: ChartBar[] = [];
  private pending: Bar[] = [];
  private historyState: HistoryState = 'loading';
  private historyLast = 0n;
  private historyCount = 0;
  private liveBarsSeen = false;
  private localFromBucket: bigint | undefined;
  private localBars = false;
  private resetNeeded = true;
  private readonly changedTimes = new Set<number>();
  /** Where to page back from (the last answer's olderToNs); 0: nothing older. */
  private olderTo = 0n;
  private pagedBack = false;
  private olderRefused = false;
  private changeCount = 0;
  /** Why history is missing, for the chart's note. */
  historyNote = '';
  /** Why older history cannot be loaded (the server refused the page), for the chart's note. */
  olderNote = '';

  constructor(
    readonly instrumentId: number,
    readonly intervalSeconds: number,
    readonly priceDecimals: number,
  ) {
    this.intervalNs = BigInt(intervalSeconds) * 1_000_000_000n;
    this.divisor = Math.pow(10, priceDecimals);
  }

  get state(): HistoryState {
    return this.historyState;
  }

  /** The newest sequence the loaded history includes (0 before it loads). */
  get historySequence(): bigint {
    return this.historyLast;
  }

  /** How many bars the loaded history held (the latest load). */
  get historyBars(): number {
    return this.historyCount;
  }

  get bars(): readonly ChartBar[] {
    return this.items;
  }

  /** Whether scrolling back can load more: only the server's olderToNs of 0 (or a refusal) ends it. */
  get exhausted(): boolean {
    return this.olderTo === 0n || this.olderRefused || this.historyState !== 'ready';
  }

  /** Where the next page back ends (its `to`), epoch milliseconds; undefined when exhausted. */
  olderToMs(): number | undefined {
    return this.exhausted ? undefined : Number(this.olderTo / 1_000_000n);
  }

  /** Whether the bars come from trades seen here rather than from the server. */
  get builtLocally(): boolean {
    return this.localBars;
  }

  /** Whether live bars from the server have arrived. */
  get hasLiveBars(): boolean {
    return this.liveBarsSeen;
  }

  /** Bumps on every change; views compare it to skip work. */
  get version(): number {
    return this.changeCount;
  }

  /** The first (oldest) bar's start, epoch milliseconds. */
  oldestStartMs(): number | undefined {
    const first = this.items[0];
    return first === undefined ? undefined : first.time * 1000;
  }

  /** The loaded history; live bars that waited for it are applied on top. */
  applyHistory(history: BarHistory): void {
    this.historyState = 'ready';
    this.historyLast = history.lastSequence;
    this.historyCount = history.bars.length;
    // a reload brings the newest bars again: paging goes on from where it had reached
    if (!this.pagedBack) this.olderTo = history.olderToNs;
    this.localBars = false;
    this.localFromBucket = undefined;
    const byTime = new Map<number, ChartBar>();
    for (const bar of this.items) {
      if (bar.lastSequence > 0n) byTime.set(bar.time, bar);
    }
    for (const bar of history.bars) {
      const converted = this.convert(bar);
      const held = byTime.get(converted.time);
      if (held === undefined || held.lastSequence < converted.lastSequence) {
        byTime.set(converted.time, converted);
      }
    }
    this.items = [...byTime.values()].sort((a, b) => a.time - b.time);
    this.markReset();
    this.flushPending();
  }

  /**
   * A page of older history from scrolling back (asked with `to` = olderToMs()); its olderToNs is
   * where the next page ends. Bars already held are kept, except the oldest when the page brings
   * it whole (a first load may begin with a bar the server had only part of).
   */
  prependHistory(history: BarHistory): number {
    this.pagedBack = true;
    this.olderTo = history.olderToNs;
    const first = this.items[0];
    const oldest = first?.time ?? Number.POSITIVE_INFINITY;
    const page = history.bars.map((bar) => this.convert(bar)).sort((a, b) => a.time - b.time);
    const whole = page.find((bar) => bar.time === oldest);
    if (first !== undefined && whole !== undefined && whole.lastSequence >= first.lastSequence) {
      this.items[0] = whole;
      this.markReset();
    }
    const older = page.filter((bar) => bar.time < oldest);
    const unique = older.filter((bar, i) => i === 0 || older[i - 1]?.time !== bar.time);
    if (unique.length === 0) {
      this.changeCount++;
      return 0;
    }
    this.items = [...unique, ...this.items];
    this.markReset();
    return unique.length;
  }

  /** The server refused a page back (400): paging ends, and the note says why. */
  olderUnavailable(note: string): void {
    this.olderRefused = true;
    this.olderNote = note;
    this.changeCount++;
  }

  /** The server has no history (or it failed): live bars, or bars built from trades, only. */
  historyMissing(state: 'unavailable' | 'error', note: string): void {
    this.historyState = state;
    this.historyNote = note;
    this.flushPending();
    this.changeCount++;
  }

  /** A live bar of this instrument and interval from the server. */
  applyLive(bar: Bar): void {
    if (this.historyState === 'loading') {
      this.pending.push(bar);
      return;
    }
    if (!this.liveBarsSeen) {
      this.liveBarsSeen = true;
      if (this.localBars) {
        // the server's bars replace the ones built here
        this.items = [];
        this.localBars = false;
        this.markReset();
      }
    }
    this.upsert(this.convert(bar));
  }

  /**
   * A trade of this instrument, applied in journal order and with no gap before it. Builds bars
   * only while the server provides none.
   */
  applyTrade(price: bigint, size: bigint, eventTimeNs: bigint): void {
    if (this.liveBarsSeen || this.historyState === 'loading' || this.historyState === 'ready') {
      return;
    }
    if (this.intervalSeconds >= 86_400) {
      // a calendar day is the exchange's, which bucketing by UTC would get wrong
      return;
    }
    const bucket = eventTimeNs / this.intervalNs;
    if (this.localFromBucket === undefined) {
      // the bar in progress began before the stream: start with the next one
      this.localFromBucket = bucket + 1n;
      this.changeCount++;
      return;
    }
    if (bucket < this.localFromBucket) {
      return;
    }
    this.localBars = true;
    const time = Number((bucket * this.intervalNs) / 1_000_000_000n);
    const value = Number(price) / this.divisor;
    const volume = Number(size);
    const last = this.items[this.items.length - 1];
    if (last !== undefined && last.time === time) {
      this.replaceLast({
        time,
        open: last.open,
        high: Math.max(last.high, value),
        low: Math.min(last.low, value),
        close: value,
        volume: last.volume + volume,
        lastSequence: 0n,
      });
    } else if (last === undefined || last.time < time) {
      this.items.push({ time, open: value, high: value, low: value, close: value, volume, lastSequence: 0n });
      this.changedTimes.add(time);
      this.changeCount++;
    }
  }

  /** The first bar boundary from which bars are built here, epoch ms (undefined: not yet known). */
  localStartMs(): number | undefined {
    return this.localFromBucket === undefined
      ? undefined
      : Number((this.localFromBucket * this.intervalNs) / 1_000_000n);
  }

  /**
   * Ticks were lost or the stream restarted from a snapshot: bars built here from trades would
   * miss them, so they are dropped and building starts again at the next boundary.
   */
  onContinuityBroken(): void {
    if (this.liveBarsSeen || this.historyState === 'ready' || this.historyState === 'loading') {
      return;
    }
    this.localFromBucket = undefined;
    if (this.items.length > 0) {
      this.items = [];
      this.localBars = false;
      this.markReset();
    }
  }

  /**
   * Whether the history ends too early to meet the live bars of a subscription effective from
   * `effectiveSequence`: bars completed in between would be missing, so it must be loaded again.
   */
  needsReload(effectiveSequence: bigint): boolean {
    return (
      this.historyState === 'ready' && effectiveSequence > 0n && this.historyLast + 1n < effectiveSequence
    );
  }

  /** What changed since the last call, which clears it. */
  takeChanges(): BarChanges {
    if (this.resetNeeded) {
      this.resetNeeded = false;
      this.changedTimes.clear();
      return { kind: 'reset', bars: this.items };
    }
    if (this.changedTimes.size === 0) {
      return { kind: 'none' };
    }
    const times = [...this.changedTimes].sort((a, b) => a - b);
    this.changedTimes.clear();
    const bars: ChartBar[] = [];
    for (const time of times) {
      const bar = this.find(time);
      if (bar !== undefined) bars.push(bar);
    }
    return { kind: 'update', bars };
  }

  private flushPending(): void {
    const pending = this.pending;
    this.pending = [];
    for (const bar of pending) {
      this.applyLive(bar);
    }
  }

  private upsert(bar: ChartBar): void {
    const items = this.items;
    const last = items[items.length - 1];
    if (last === undefined || bar.time > last.time) {
      items.push(bar);
      this.changedTimes.add(bar.time);
      this.changeCount++;
      return;
    }
    const index = this.indexOf(bar.time);
    const held = items[index];
    if (held !== undefined && held.time === bar.time) {
      if (held.lastSequence >= bar.lastSequence && held.lastSequence !== 0n) {
        return; // already as new or newer (e.g. history past this live update)
      }
      items[index] = bar;
      this.changedTimes.add(bar.time);
      this.changeCount++;
      return;
    }
    // a bar older than the newest one that the chart does not have: insert and redraw
    items.splice(index, 0, bar);
    this.markReset();
  }

  private replaceLast(bar: ChartBar): void {
    this.items[this.items.length - 1] = bar;
    this.changedTimes.add(bar.time);
    this.changeCount++;
  }

  private find(time: number): ChartBar | undefined {
    const bar = this.items[this.indexOf(time)];
    return bar !== undefined && bar.time === time ? bar : undefined;
  }

  /** The index of the first bar at or after `time`. */
  private indexOf(time: number): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.items[mid]?.time ?? 0) < time) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private markReset(): void {
    this.resetNeeded = true;
    this.changeCount++;
  }

  private convert(bar: Bar): ChartBar {
    const d = this.divisor;
    return {
      time: Number(bar.startTimeNs / 1_000_000_000n),
      open: Number(bar.open) / d,
      high: Number(bar.high) / d,
      low: Number(bar.low) / d,
      close: Number(bar.close) / d,
      volume: Number(bar.volume),
      lastSequence: bar.lastSequence,
    };
  }
}
