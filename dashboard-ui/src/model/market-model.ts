/**
 * The in-memory state of the market as the server streams it: instruments, their last trade,
 * best quote, trading day and status; the chart panes' bars and the trade tapes; and the health of the
 * stream (sequence continuity, rates, heartbeats, errors).
 *
 * Messages only update this state and mark what changed; the views read it once per frame.
 */
import {
  BarInterval,
  TradingStatus,
  type Bar,
  type Instrument,
  type Quote,
  type Trade,
} from '../gen/ticker/v1/market_pb.js';
import {
  ErrorCode,
  type DataBatch,
  type DayStats,
  type Error as ErrorMessage,
  type Heartbeat,
  type InstrumentSnapshot,
  type ServerMessage,
  type Snapshot,
} from '../gen/ticker/v1/stream_pb.js';
import { decodeServerMessage } from '../protocol/codec.js';
import { DayClock } from './zoned-time.js';
import type { BarStore } from './bar-store.js';
import { priceScale, type PriceScale } from './price.js';
import { SequenceTracker, type SequenceGap } from './sequence-tracker.js';
import { Sparkline } from './sparkline.js';
import { CONFLATION_MARK_MS, StreamStats } from './stream-stats.js';
import { TradeTape } from './trade-tape.js';

/** The tape's line between a symbol's sampled trades (watchlist rate) and every trade since it is charted. */
export const SAMPLED_TAPE_NOTE = 'charted from here: every trade above; below, the watchlist\u2019s samples (a few a second)';

/** The tape's line where a replay moved to another position (a seek). */
export const REPLAY_MOVED_NOTE = 'the replay moved here: below, trades replayed before it';

/** Sparkline buckets while no history seeds them. */
export const LIVE_SPARK_BUCKET_MS = 5_000;

/** The instrument's trading day as far as the dashboard knows it. */
export interface DayState {
  /** ISO date in the instrument's zone; undefined until known. */
  date: string | undefined;
  open: bigint | undefined;
  high: bigint | undefined;
  low: bigint | undefined;
  /** The base of the change: the previous close, else the instrument's reference price. */
  previousClose: bigint | undefined;
  volume: bigint;
  /**
   * The volume is only what was seen live (the server sent no day statistics, or ticks were
   * conflated): the day's true volume is at least this.
   */
  volumePartial: boolean;
  /** Start of the daily bar the day follows (when the server streams daily bars). */
  barStartNs: bigint;
  /** That bar's close: the next day's base. */
  barClose: bigint | undefined;
}

/** The state of one instrument. Rows exist for ids seen in ticks before their facts arrive. */
export interface InstrumentRow {
  readonly id: number;
  /** The instrument's facts, from a snapshot or the catalogue; until then the row is not shown. */
  instrument: Instrument | undefined;
  scale: PriceScale | undefined;
  lastPrice: bigint | undefined;
  lastSize: bigint | undefined;
  tradeSequence: bigint;
  bidPrice: bigint | undefined;
  bidSize: bigint | undefined;
  askPrice: bigint | undefined;
  askSize: bigint | undefined;
  quoteSequence: bigint;
  status: TradingStatus;
  /** Event time of the newest trade or quote applied, epoch nanoseconds. */
  updatedNs: bigint | undefined;
  readonly day: DayState;
  /** Which way the last price moved the last time it changed. */
  lastMove: 1 | -1 | 0;
  /** Counts the changes of the last price that arrived live (snapshots do not count). */
  moves: number;
  readonly spark: Sparkline;
  dayClock: DayClock | undefined;
  /** Whether the stream delivers this instrument (subscribed and snapshotted). */
  streamed: boolean;
}

export interface ServerError {
  readonly code: ErrorCode;
  /** The code's name without its prefix, e.g. "SLOW_CONSUMER". */
  readonly codeName: string;
  readonly message: string;
  readonly requestId: number;
  readonly resumeSequence: bigint;
}

export interface MarketModelOptions {
  /** A monotonic clock in milliseconds (performance.now in the browser). */
  readonly now: () => number;
  /** Epoch milliseconds (Date.now in the browser), for lag and skew. */
  readonly wallNow?: () => number;
  /**
   * The state of a replay: its continuity is the replay segment's (heartbeats' scanned_sequence
   * follows the replay while it runs, so they cover its quiet stretches as they do live), and the
   * lag behind the server's clock means nothing.
   */
  readonly replay?: boolean;
}

export class MarketModel {
  readonly sequence = new SequenceTracker();
  readonly stats = new StreamStats();
  /** The charted instrument's tape (one of `tapes`, or an empty one while nothing is charted). */
  tape = new TradeTape();
  /**
   * A tape per instrument that traded, so switching the chart shows the symbol's recent trades at
   * once: every trade while it is charted, the watchlist's samples (a few a second) otherwise.
   */
  private readonly tapes = new Map<number, TradeTape>();
  private readonly rowsById = new Map<number, InstrumentRow>();
  private readonly idsBySymbol = new Map<string, number>();
  private readonly dirtyIds = new Set<number>();
  private readonly now: () => number;
  private readonly wallNow: () => number;
  readonly replay: boolean;
  private ordered: InstrumentRow[] = [];
  private orderStale = false;
  private layout = 0;
  /** Each chart pane's bars and interval, by pane (several panes may show one instrument). */
  private readonly charts: Array<{ readonly store: BarStore; readonly interval: BarInterval } | undefined> = [];
  private tapeId = -1;

  /** Frames that were not a valid ServerMessage. */
  malformedMessages = 0;
  /** Valid ServerMessages whose body this client does not know. */
  ignoredMessages = 0;
  /** Ticks of instruments whose facts have not arrived yet (kept, shown once they do). */
  unknownInstrumentTicks = 0;
  /** Whether a snapshot has fully arrived on this connection. */
  snapshotComplete = false;
  /** Whether the server sends day statistics in snapshots. */
  serverDayStats = false;
  lastError: ServerError | undefined;
  errorCount = 0;
  /** Price changes applied live, over all rows (for tests and the benchmark). */
  priceUpdates = 0;
  /**
   * Trades of the charted symbol the tape did not get (merged away because the connection fell
   * behind), found by comparing the trades received with the daily bar's trade count.
   */
  tapeMissed = 0n;
  private tapeMissedAtMs = Number.NEGATIVE_INFINITY;
  private tapeMissedRecent = 0n;
  /** The charted symbol's daily bar when last seen, and its trades received since. */
  private tapeBar: { startNs: bigint; tradeCount: bigint; lastSequence: bigint } | undefined;
  private tapeTradesSinceBar = 0n;
  /** Called when a live trade moves an instrument's last price (for alerts); not for snapshots. */
  onPrice: ((row: InstrumentRow, previous: bigint, price: bigint) => void) | undefined;
  /** Called for a gap, after it is recorded. */
  onGap: ((gap: SequenceGap) => void) | undefined;

  constructor(options: MarketModelOptions) {
    this.now = options.now;
    this.wallNow = options.wallNow ?? (() => Date.now());
    this.replay = options.replay ?? false;
  }

  /** A new connection begins: its sequence is checked afresh and its snapshot awaited. */
  beginConnection(): void {
    this.sequence.beginConnection();
    this.snapshotComplete = false;
  }

  /**
   * The subscription changed: the tape's count check starts again from the next daily bar, as
   * trades before it may have come at another rate.
   */
  onSubscriptionChanged(): void {
    this.tapeBar = undefined;
  }

  /** Trades the tape missed in the last few seconds (0: none lately). */
  recentTapeMissed(nowMs: number): bigint {
    return nowMs - this.tapeMissedAtMs <= CONFLATION_MARK_MS ? this.tapeMissedRecent : 0n;
  }

  /** Decodes and applies one binary frame from the server. */
  receive(bytes: Uint8Array): ServerMessage | undefined {
    let message: ServerMessage;
    try {
      message = decodeServerMessage(bytes);
    } catch {
      this.malformedMessages++;
      return undefined;
    }
    this.apply(message);
    return message;
  }

  apply(message: ServerMessage): void {
    this.stats.onMessage(this.now());
    const body = message.body;
    switch (body.case) {
      case 'subscribed':
        // continuity starts are decided by the session, which knows which request this answers
        break;
      case 'snapshot':
        this.onSnapshot(body.value);
        break;
      case 'data':
        this.onData(body.value);
        break;
      case 'heartbeat':
        this.onHeartbeat(body.value);
        break;
      case 'error':
        this.onError(body.value);
        break;
      default:
        this.ignoredMessages++;
        break;
    }
  }

  /** The instruments with known facts, sorted by symbol. */
  visibleRows(): readonly InstrumentRow[] {
    if (this.orderStale) {
      this.ordered = [...this.rowsById.values()]
        .filter((row) => row.instrument !== undefined)
        .sort(compareBySymbol);
      this.orderStale = false;
    }
    return this.ordered;
  }

  row(id: number): InstrumentRow | undefined {
    return this.rowsById.get(id);
  }

  rowBySymbol(symbol: string): InstrumentRow | undefined {
    const id = this.idsBySymbol.get(symbol);
    return id === undefined ? undefined : this.rowsById.get(id);
  }

  /** Changes whenever the set of known instruments changes. */
  get layoutVersion(): number {
    return this.layout;
  }

  /** Whether `id` changed since the last `takeDirty`. */
  isDirty(id: number): boolean {
    return this.dirtyIds.has(id);
  }

  /** The ids of the rows changed since the last call, which clears them. */
  takeDirty(): number[] {
    const ids = [...this.dirtyIds];
    this.dirtyIds.clear();
    return ids;
  }

  /** Instruments from the catalogue (/api/instruments): known, but not streamed until subscribed. */
  addCatalogue(instruments: readonly Instrument[]): void {
    for (const instrument of instruments) {
      this.setInstrument(this.rowFor(instrument.id), instrument);
    }
  }

  /** The first chart pane follows `store`'s instrument and interval; the tape follows the same instrument. */
  setChart(store: BarStore | undefined, interval: BarInterval): void {
    this.setPaneChart(0, store, interval);
    this.showTape(store?.instrumentId ?? -1);
  }

  /** Chart pane `pane` follows `store`'s instrument and interval (undefined: the pane shows nothing). */
  setPaneChart(pane: number, store: BarStore | undefined, interval: BarInterval): void {
    this.charts[pane] = store === undefined ? undefined : { store, interval };
  }

  /** The tape shown is instrument `id`'s (-1: none); its every trade is counted against the daily bar. */
  showTape(id: number): void {
    if (id !== this.tapeId) {
      this.tapeId = id;
      this.tapeBar = undefined;
      this.tape = id < 0 ? new TradeTape() : this.tapeOf(id);
      const row = this.rowsById.get(id);
      if (this.tape.length > 0) {
        // what it holds came while another symbol was charted: at the watchlist's rate (a break
        // already there, such as a gap, says the tape is not whole and is kept); a replay carries
        // every trade of its symbols, so its tapes are whole
        if (!this.replay && this.tape.at(0).kind !== 'break') this.tape.markBreak(SAMPLED_TAPE_NOTE);
      } else if (row?.lastPrice !== undefined && row.tradeSequence > 0n) {
        // the last trade known is the tape's first line
        this.tape.push(row.tradeSequence, row.updatedNs ?? 0n, row.lastPrice, row.lastSize ?? 0n, 0);
      }
    }
  }

  /**
   * A replay moved (a seek): the trades `from` (the state it moved from) showed that came before
   * `beforeSequence` stay on the tapes, below a line that says so, so the tape shows the trades up
   * to the new position it already knows instead of starting empty.
   */
  carryTapes(from: MarketModel, beforeSequence: bigint, moved = true): void {
    for (const [id, old] of from.tapes) {
      let tape: TradeTape | undefined;
      for (let i = old.length - 1; i >= 0; i--) {
        const entry = old.at(i);
        if (entry.kind !== 'trade' || entry.sequence >= beforeSequence) continue;
        tape ??= this.tapeOf(id);
        tape.push(entry.sequence, entry.eventTimeNs, entry.price, entry.size, entry.side);
      }
      if (moved) tape?.markBreak(REPLAY_MOVED_NOTE);
    }
  }

  /** The stream restarted from a fresh snapshot: what happened in between was not replayed. */
  onRestarted(note: string): void {
    this.markBreaks(note);
    this.chartsBroken();
    this.tapeBar = undefined;
    for (const row of this.rowsById.values()) {
      if (!row.day.volumePartial && !this.serverDayStats) row.day.volumePartial = true;
    }
  }

  private onSnapshot(snapshot: Snapshot): void {
    if (snapshot.instruments.some((entry) => entry.day !== undefined)) {
      this.serverDayStats = true;
    }
    for (const entry of snapshot.instruments) {
      this.applySnapshotEntry(entry);
    }
    if (snapshot.complete) {
      this.snapshotComplete = true;
    }
  }

  private applySnapshotEntry(entry: InstrumentSnapshot): void {
    const instrument = entry.instrument;
    if (instrument === undefined) {
      return;
    }
    const row = this.rowFor(instrument.id);
    this.setInstrument(row, instrument);
    row.streamed = true;
    if (entry.status !== TradingStatus.UNSPECIFIED) {
      row.status = entry.status;
    }
    if (entry.lastTrade !== undefined) {
      this.applyTrade(row, entry.lastTrade, false);
    }
    if (entry.bestQuote !== undefined) {
      this.applyQuote(row, entry.bestQuote);
    }
    if (entry.day !== undefined) {
      this.applyDayStats(row, entry.day);
    } else if (!this.serverDayStats && entry.lastTrade !== undefined && row.day.volume === 0n) {
      // the server says nothing about the day: volume counts what is seen from now on
      row.day.volumePartial = true;
    }
    for (const bar of entry.currentBars) {
      this.applyBar(bar);
    }
    this.dirtyIds.add(row.id);
  }

  private onData(batch: DataBatch): void {
    const gap = this.sequence.onBatch(batch.firstSequence, batch.lastSequence);
    if (gap !== undefined) {
      const note = `gap: ${gap.missed.toString()} record(s) missing before #${gap.received.toString()}`;
      this.markBreaks(note);
      this.chartsBroken();
      this.tapeBar = undefined;
      this.onGap?.(gap);
    }
    const nowMs = this.now();
    if (batch.conflated > 0n) {
      this.stats.onConflated(batch.conflated, nowMs);
      for (const row of this.rowsById.values()) {
        if (!row.day.volumePartial && row.day.barStartNs === 0n) row.day.volumePartial = true;
      }
    }
    let applied = 0;
    let newestNs = 0n;
    for (const tick of batch.ticks) {
      const kind = tick.kind;
      if (kind.case === 'trade') {
        const trade = kind.value;
        const row = this.rowFor(trade.instrumentId);
        this.noteTick(row);
        this.applyTrade(row, trade, true);
        if (trade.eventTimeNs > newestNs) newestNs = trade.eventTimeNs;
      } else if (kind.case === 'quote') {
        const quote = kind.value;
        const row = this.rowFor(quote.instrumentId);
        this.noteTick(row);
        this.applyQuote(row, quote);
        if (quote.eventTimeNs > newestNs) newestNs = quote.eventTimeNs;
      } else if (kind.case === 'status') {
        const row = this.rowFor(kind.value.instrumentId);
        row.status = kind.value.status;
        this.dirtyIds.add(row.id);
      } else {
        continue;
      }
      applied++;
    }
    for (const bar of batch.bars) {
      this.applyBar(bar);
    }
    this.stats.onTicks(applied, nowMs);
    if (newestNs > 0n && !this.replay) this.stats.onEventTime(newestNs, this.wallNow());
  }

  private onHeartbeat(heartbeat: Heartbeat): void {
    // during a replay the heartbeat's coverage is the replay's (docs/protocol.md): without it every
    // stretch with nothing for the replay's symbols would look like a gap
    this.sequence.onHeartbeat(heartbeat.scannedSequence);
    this.stats.onHeartbeat(
      heartbeat.serverTimeNs,
      heartbeat.headSequence,
      heartbeat.scannedSequence,
      this.now(),
      this.wallNow(),
    );
  }

  private onError(error: ErrorMessage): void {
    this.errorCount++;
    this.lastError = {
      code: error.code,
      codeName: ErrorCode[error.code] ?? `CODE_${error.code}`,
      message: error.message,
      requestId: error.requestId,
      resumeSequence: error.resumeSequence,
    };
  }

  /** Every chart's bars built locally are dropped: trades may be missing from them. */
  private chartsBroken(): void {
    for (const chart of this.charts) chart?.store.onContinuityBroken();
  }

  /** A break on every tape: trades of any instrument may be missing there. */
  private markBreaks(note: string): void {
    for (const tape of this.tapes.values()) tape.markBreak(note);
  }

  private tapeOf(id: number): TradeTape {
    let tape = this.tapes.get(id);
    if (tape === undefined) {
      tape = new TradeTape();
      this.tapes.set(id, tape);
    }
    return tape;
  }

  private rowFor(id: number): InstrumentRow {
    let row = this.rowsById.get(id);
    if (row === undefined) {
      row = {
        id,
        instrument: undefined,
        scale: undefined,
        lastPrice: undefined,
        lastSize: undefined,
        tradeSequence: 0n,
        bidPrice: undefined,
        bidSize: undefined,
        askPrice: undefined,
        askSize: undefined,
        quoteSequence: 0n,
        status: TradingStatus.UNSPECIFIED,
        updatedNs: undefined,
        day: {
          date: undefined,
          open: undefined,
          high: undefined,
          low: undefined,
          previousClose: undefined,
          volume: 0n,
          volumePartial: false,
          barStartNs: 0n,
          barClose: undefined,
        },
        lastMove: 0,
        moves: 0,
        spark: new Sparkline(LIVE_SPARK_BUCKET_MS),
        dayClock: undefined,
        streamed: false,
      };
      this.rowsById.set(id, row);
    }
    return row;
  }

  private setInstrument(row: InstrumentRow, instrument: Instrument): void {
    if (row.instrument === undefined || row.instrument.symbol !== instrument.symbol) {
      if (row.instrument !== undefined) this.idsBySymbol.delete(row.instrument.symbol);
      this.idsBySymbol.set(instrument.symbol, row.id);
      this.orderStale = true;
      this.layout++;
    }
    if (row.instrument?.timeZone !== instrument.timeZone || row.dayClock === undefined) {
      row.dayClock = new DayClock(instrument.timeZone);
    }
    row.instrument = instrument;
    row.scale = priceScale(instrument.priceDecimals, instrument.priceIncrement);
    if (row.day.previousClose === undefined && instrument.referencePrice !== 0n) {
      row.day.previousClose = instrument.referencePrice;
    }
    this.dirtyIds.add(row.id);
  }

  private noteTick(row: InstrumentRow): void {
    if (row.instrument === undefined) {
      this.unknownInstrumentTicks++;
    }
  }

  /** Applies a trade unless the row already holds a newer one (by journal sequence). */
  private applyTrade(row: InstrumentRow, trade: Trade, live: boolean): void {
    if (isOlder(trade.sequence, row.tradeSequence)) {
      return;
    }
    const previous = row.lastPrice;
    const price = trade.price;
    const day = row.day;
    if (live && day.barStartNs === 0n) {
      // before the price moves on: a new day takes the last price as its base
      this.rollDayIfNew(row, trade.eventTimeNs);
    }
    row.lastPrice = price;
    row.lastSize = trade.size;
    row.tradeSequence = trade.sequence;
    if (live) {
      if (day.barStartNs === 0n) {
        day.volume += trade.size;
        if (day.high === undefined || price > day.high) day.high = price;
        if (day.low === undefined || price < day.low) day.low = price;
      }
      if (previous !== undefined && price !== previous) {
        row.lastMove = price > previous ? 1 : -1;
        row.moves++;
        this.priceUpdates++;
        this.onPrice?.(row, previous, price);
      }
      if (row.id === this.tapeId) this.tapeTradesSinceBar++;
      for (let i = 0; i < this.charts.length; i++) {
        const chart = this.charts[i];
        if (chart !== undefined && chart.store.instrumentId === row.id) chart.store.applyTrade(price, trade.size, trade.eventTimeNs);
      }
      this.tapeOf(row.id).push(trade.sequence, trade.eventTimeNs, price, trade.size, trade.aggressor);
    }
    if (row.scale !== undefined) {
      row.spark.add(Number(trade.eventTimeNs / 1_000_000n), Number(price));
    }
    this.touch(row, trade.eventTimeNs);
  }

  /** A trade of a new day (in the instrument's zone) starts the day's statistics afresh. */
  private rollDayIfNew(row: InstrumentRow, eventTimeNs: bigint): void {
    const clock = row.dayClock;
    if (clock === undefined) return;
    const date = clock.dayOf(Number(eventTimeNs / 1_000_000n)).key;
    const day = row.day;
    if (day.date === undefined) {
      day.date = date;
      return;
    }
    if (date > day.date) {
      day.date = date;
      if (row.lastPrice !== undefined && day.volume > 0n) day.previousClose = row.lastPrice;
      day.open = undefined;
      day.high = undefined;
      day.low = undefined;
      day.volume = 0n;
      // every trade of the new day passes here, unless the stream is conflated
      day.volumePartial = this.stats.conflatedTotal > 0n;
    }
  }

  private applyDayStats(row: InstrumentRow, stats: DayStats): void {
    const day = row.day;
    day.date = stats.date !== '' ? stats.date : day.date;
    day.open = stats.open;
    day.high = stats.high;
    day.low = stats.low;
    day.volume = stats.volume;
    day.volumePartial = false;
    if (stats.previousClose !== 0n) day.previousClose = stats.previousClose;
  }

  /** A bar from the server: the chart's, and the daily bar that carries the day's figures. */
  private applyBar(bar: Bar): void {
    for (let i = 0; i < this.charts.length; i++) {
      const chart = this.charts[i];
      if (chart !== undefined && bar.instrumentId === chart.store.instrumentId && bar.interval === chart.interval) chart.store.applyLive(bar);
    }
    if (bar.interval === BarInterval.BAR_INTERVAL_1D) {
      if (bar.instrumentId === this.tapeId) this.checkTape(bar);
      const row = this.rowFor(bar.instrumentId);
      const day = row.day;
      if (bar.startTimeNs < day.barStartNs) return;
      if (bar.startTimeNs > day.barStartNs && day.barClose !== undefined) {
        day.previousClose = day.barClose;
      }
      day.barStartNs = bar.startTimeNs;
      day.barClose = bar.close;
      day.open = bar.open;
      day.high = bar.high;
      day.low = bar.low;
      day.volume = bar.volume;
      day.volumePartial = false;
      this.dirtyIds.add(row.id);
    }
  }

  /**
   * Every trade of the charted symbol comes to the tape unless the connection fell behind and
   * the server merged some away: the daily bar counts every trade, so its count grows by exactly
   * the trades received since its previous update.
   */
  private checkTape(bar: Bar): void {
    const held = this.tapeBar;
    if (held !== undefined && bar.startTimeNs === held.startNs && bar.lastSequence > held.lastSequence) {
      const missed = bar.tradeCount - held.tradeCount - this.tapeTradesSinceBar;
      if (missed > 0n) {
        const nowMs = this.now();
        this.tapeMissed += missed;
        if (nowMs - this.tapeMissedAtMs > CONFLATION_MARK_MS) this.tapeMissedRecent = 0n;
        this.tapeMissedRecent += missed;
        this.tapeMissedAtMs = nowMs;
        this.tape.markBreak(`${missed.toString()} trade(s) merged away by the server (the connection fell behind)`);
      }
    }
    if (held === undefined || bar.lastSequence >= held.lastSequence) {
      this.tapeBar = { startNs: bar.startTimeNs, tradeCount: bar.tradeCount, lastSequence: bar.lastSequence };
      this.tapeTradesSinceBar = 0n;
    }
  }

  /** Applies a quote unless the row already holds a newer one (by journal sequence). */
  private applyQuote(row: InstrumentRow, quote: Quote): void {
    if (isOlder(quote.sequence, row.quoteSequence)) {
      return;
    }
    row.bidPrice = quote.bidPrice;
    row.bidSize = quote.bidSize;
    row.askPrice = quote.askPrice;
    row.askSize = quote.askSize;
    row.quoteSequence = quote.sequence;
    this.touch(row, quote.eventTimeNs);
  }

  private touch(row: InstrumentRow, eventTimeNs: bigint): void {
    if (row.updatedNs === undefined || eventTimeNs > row.updatedNs) {
      row.updatedNs = eventTimeNs;
    }
    this.dirtyIds.add(row.id);
  }
}

/** Whether a record at `sequence` is already covered by `held` (0 is "not set" on both sides). */
function isOlder(sequence: bigint, held: bigint): boolean {
  return sequence !== 0n && held !== 0n && sequence <= held;
}

function compareBySymbol(a: InstrumentRow, b: InstrumentRow): number {
  const sa = a.instrument?.symbol ?? '';
  const sb = b.instrument?.symbol ?? '';
  if (sa !== sb) {
    return sa < sb ? -1 : 1;
  }
  return a.id - b.id;
}
