/**
 * Keeps one chart pane's bars for its instrument and interval: loads history from
 * /api/bars, loads older history when the chart scrolls back, and reloads when the history ends
 * before the live bars begin (after a restart from a fresh snapshot, or a slow first load).
 */
import type { SubscriptionAck } from '../gen/ticker/v1/stream_pb.js';
import { BarStore } from '../model/bar-store.js';
import type { MarketModel } from '../model/market-model.js';
import type { SubscribeSpec } from '../protocol/codec.js';
import { fetchBars, type FetchLike } from '../protocol/http-api.js';
import type { IntervalInfo } from '../protocol/intervals.js';
import { zonedDay } from '../model/zoned-time.js';

/** Reloads of one chart's history to meet the live bars, at most. */
const MAX_RELOADS = 3;
/**
 * Pages asked for on one scroll back, at most: pages without bars (no trades for a stretch, e.g.
 * overnight) are followed at once up to this many, then the next scroll goes on.
 */
export const MAX_PAGES_PER_SCROLL = 8;

export class ChartController {
  private current: BarStore | undefined;
  private symbol = '';
  private interval: IntervalInfo | undefined;
  private loadingOlder = false;
  private reloads = 0;
  private effective = 0n;
  /** In a replay: the replay clock, epoch ms; history ends before the bar in progress then. */
  private replayAtMs: (() => number) | undefined;

  constructor(
    /** The pane's place in the layout (the model keeps each pane's bars apart). */
    private readonly pane: number,
    private readonly modelOf: () => MarketModel,
    private readonly fetchFn: FetchLike,
    private readonly baseUrl: string,
    private readonly onChange: () => void,
  ) {}

  private get model(): MarketModel {
    return this.modelOf();
  }

  /**
   * The page switched between live and a replay (or a replay segment began): the chart starts
   * again on the model now shown. In a replay, `replayAtMs` is the replay clock.
   */
  rebind(replayAtMs: (() => number) | undefined): void {
    this.replayAtMs = replayAtMs;
    const symbol = this.symbol;
    const interval = this.interval;
    this.current = undefined;
    this.symbol = '';
    if (symbol !== '' && interval !== undefined) this.select(symbol, interval);
  }

  get store(): BarStore | undefined {
    return this.current;
  }

  get selectedSymbol(): string {
    return this.symbol;
  }

  get selectedInterval(): IntervalInfo | undefined {
    return this.interval;
  }

  /** Shows `symbol` at `interval` (its instrument must be known to the model). */
  select(symbol: string, interval: IntervalInfo): void {
    const row = this.model.rowBySymbol(symbol);
    if (row?.instrument === undefined) {
      return;
    }
    if (symbol === this.symbol && interval.key === this.interval?.key && this.current !== undefined) {
      return;
    }
    this.symbol = symbol;
    this.interval = interval;
    this.reloads = 0;
    this.effective = 0n;
    const store = new BarStore(row.id, interval.seconds, row.instrument.priceDecimals);
    this.current = store;
    this.model.setPaneChart(this.pane, store, interval.value);
    void this.load(store);
    this.onChange();
  }

  /** The pane is not shown: it charts nothing until selected again. */
  clear(): void {
    if (this.current === undefined && this.symbol === '') return;
    this.current = undefined;
    this.symbol = '';
    this.interval = undefined;
    this.model.setPaneChart(this.pane, undefined, 0);
    this.onChange();
  }

  /** The stream restarted from a fresh snapshot: bars completed meanwhile come from history. */
  reload(): void {
    const store = this.current;
    if (store !== undefined && store.state === 'ready' && this.replayAtMs === undefined) {
      void this.load(store);
    }
  }

  /** A subscription was acknowledged: the chart's live bars start at its effective sequence. */
  onSubscribed(spec: SubscribeSpec | undefined, ack: SubscriptionAck): void {
    const interval = this.interval;
    if (spec === undefined || interval === undefined || this.replayAtMs !== undefined) return;
    if (!(spec.symbols ?? []).includes(this.symbol) || !(spec.barIntervals ?? []).includes(interval.value)) {
      return;
    }
    this.effective = ack.effectiveSequence;
    this.reloadIfShort();
  }

  /**
   * The chart scrolled near its oldest bar: load the page before it, ending where the last answer
   * said (olderToNs). A page without bars that is not the last is followed at once, up to
   * MAX_PAGES_PER_SCROLL; a 503 (or a failure) waits for the next scroll; a 400 ends paging with
   * the server's reason in the chart's note.
   */
  async loadOlder(): Promise<void> {
    const store = this.current;
    const interval = this.interval;
    if (store === undefined || interval === undefined || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      for (let page = 0; page < MAX_PAGES_PER_SCROLL; page++) {
        const toMs = store.olderToMs();
        if (toMs === undefined) return;
        const result = await fetchBars(this.fetchFn, this.baseUrl, { symbol: this.symbol, interval: interval.key, toMs });
        if (store !== this.current) return;
        if (result.kind !== 'ok') {
          if (result.kind === 'refused' && result.status === 400) {
            store.olderUnavailable(result.message);
            this.onChange();
          }
          return;
        }
        store.prependHistory(result.value);
        this.onChange();
        if (result.value.bars.length > 0) return;
      }
    } finally {
      this.loadingOlder = false;
    }
  }

  private async load(store: BarStore): Promise<void> {
    const interval = this.interval;
    if (interval === undefined) return;
    const toMs = this.historyEndMs(interval);
    const result = await fetchBars(this.fetchFn, this.baseUrl, {
      symbol: this.symbol,
      interval: interval.key,
      ...(toMs !== undefined ? { toMs } : {}),
    });
    if (store !== this.current) return;
    if (result.kind === 'ok') {
      store.applyHistory(result.value);
      this.reloadIfShort();
    } else if (result.kind === 'unavailable') {
      store.historyMissing('unavailable', 'The server has no bar history');
    } else {
      store.historyMissing('error', result.reason);
    }
    this.onChange();
  }

  /**
   * In a replay, the history ends where the bar in progress at the replay clock begins: the
   * replay's bars carry that one and the later ones as they were at the time.
   */
  private historyEndMs(interval: IntervalInfo): number | undefined {
    const at = this.replayAtMs?.();
    if (at === undefined) return undefined;
    if (interval.seconds >= 86_400) {
      return zonedDay(at, this.model.rowBySymbol(this.symbol)?.instrument?.timeZone).startMs;
    }
    const lengthMs = interval.seconds * 1000;
    return Math.floor(at / lengthMs) * lengthMs;
  }

  private reloadIfShort(): void {
    const store = this.current;
    if (store !== undefined && store.needsReload(this.effective) && this.reloads < MAX_RELOADS) {
      this.reloads++;
      void this.load(store);
    }
  }
}
