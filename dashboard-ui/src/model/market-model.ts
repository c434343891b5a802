/**
 * The in-memory state of the market as the server streams it: instruments, their last trade and
 * best quote, and the health of the stream (sequence continuity, tick rate, heartbeats, errors).
 *
 * Messages only update this state and mark what changed; the views read it once per frame.
 */
import type { Instrument, Quote, Trade } from '../gen/ticker/v1/market_pb.js';
import {
  ErrorCode,
  type DataBatch,
  type Error as ErrorMessage,
  type Heartbeat,
  type ServerMessage,
  type Snapshot,
  type SubscriptionAck,
} from '../gen/ticker/v1/stream_pb.js';
import { decodeServerMessage } from '../protocol/codec.js';
import { priceScale, type PriceScale } from './price.js';
import { RateMeter } from './rate-meter.js';
import { SequenceTracker } from './sequence-tracker.js';

/** The state of one instrument. Rows exist for ids seen in ticks before their facts arrive. */
export interface InstrumentRow {
  readonly id: number;
  /** The instrument's facts, from a snapshot; until then the row is not shown. */
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
  /** Event time of the newest trade or quote applied, epoch nanoseconds. */
  updatedNs: bigint | undefined;
  /** Which way the last price moved the last time it changed. */
  lastMove: 1 | -1 | 0;
  /** Counts the changes of the last price that arrived live (snapshots do not count). */
  moves: number;
}

export interface ServerError {
  readonly code: ErrorCode;
  /** The code's name without its prefix, e.g. "SLOW_CONSUMER". */
  readonly codeName: string;
  readonly message: string;
  readonly requestId: number;
  readonly resumeSequence: bigint;
}

export interface HeartbeatInfo {
  readonly serverTimeNs: bigint;
  readonly headSequence: bigint;
  readonly scannedSequence: bigint;
  /** When it arrived, on the model's clock. */
  readonly receivedAtMs: number;
}

export interface MarketModelOptions {
  /** A monotonic clock in milliseconds (performance.now in the browser). */
  readonly now: () => number;
}

export class MarketModel {
  readonly sequence = new SequenceTracker();
  private readonly rowsById = new Map<number, InstrumentRow>();
  private readonly dirtyIds = new Set<number>();
  private readonly tickRate = new RateMeter();
  private readonly now: () => number;
  private ordered: InstrumentRow[] = [];
  private orderStale = false;
  private layout = 0;

  /** All ticks applied since the page loaded. */
  ticksTotal = 0;
  /** Frames that were not a valid ServerMessage. */
  malformedMessages = 0;
  /** Valid ServerMessages whose body this client does not know. */
  ignoredMessages = 0;
  /** Ticks of instruments whose facts have not arrived yet (kept, shown once they do). */
  unknownInstrumentTicks = 0;
  /** Whether the connection's snapshot has fully arrived. */
  snapshotComplete = false;
  subscription: SubscriptionAck | undefined;
  heartbeat: HeartbeatInfo | undefined;
  lastError: ServerError | undefined;
  errorCount = 0;

  constructor(options: MarketModelOptions) {
    this.now = options.now;
  }

  /** A new connection begins: its sequence is checked afresh and its snapshot awaited. */
  beginSession(): void {
    this.sequence.reset();
    this.snapshotComplete = false;
    this.subscription = undefined;
  }

  /** Decodes and applies one binary frame from the server. */
  receive(bytes: Uint8Array): void {
    let message: ServerMessage;
    try {
      message = decodeServerMessage(bytes);
    } catch {
      this.malformedMessages++;
      return;
    }
    this.apply(message);
  }

  apply(message: ServerMessage): void {
    const body = message.body;
    switch (body.case) {
      case 'subscribed':
        this.onSubscribed(body.value);
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

  /** Changes whenever the set or the order of visible rows changes. */
  get layoutVersion(): number {
    return this.layout;
  }

  /** The ids of the rows changed since the last call, which clears them. */
  takeDirty(): number[] {
    const ids = [...this.dirtyIds];
    this.dirtyIds.clear();
    return ids;
  }

  /** Ticks per second over the last second. */
  ticksPerSecond(): number {
    return this.tickRate.rate(this.now());
  }

  private onSubscribed(ack: SubscriptionAck): void {
    this.subscription = ack;
    // 0 is proto3's "not set"; journal sequences start at 1.
    if (ack.effectiveSequence > 0n) {
      this.sequence.startAt(ack.effectiveSequence);
    }
  }

  private onSnapshot(snapshot: Snapshot): void {
    this.sequence.startAt(snapshot.asOfSequence + 1n);
    for (const entry of snapshot.instruments) {
      const instrument = entry.instrument;
      if (instrument === undefined) {
        continue;
      }
      const row = this.rowFor(instrument.id);
      this.setInstrument(row, instrument);
      if (entry.lastTrade !== undefined) {
        this.applyTrade(row, entry.lastTrade, false);
      }
      if (entry.bestQuote !== undefined) {
        this.applyQuote(row, entry.bestQuote);
      }
      this.dirtyIds.add(row.id);
    }
    if (snapshot.complete) {
      this.snapshotComplete = true;
    }
  }

  private onData(batch: DataBatch): void {
    this.sequence.onBatch(batch.firstSequence, batch.lastSequence);
    let applied = 0;
    for (const tick of batch.ticks) {
      const kind = tick.kind;
      if (kind.case === 'trade') {
        const row = this.rowFor(kind.value.instrumentId);
        this.noteTick(row);
        this.applyTrade(row, kind.value, true);
      } else if (kind.case === 'quote') {
        const row = this.rowFor(kind.value.instrumentId);
        this.noteTick(row);
        this.applyQuote(row, kind.value);
      } else {
        continue;
      }
      applied++;
    }
    this.ticksTotal += applied;
    this.tickRate.add(applied, this.now());
  }

  private onHeartbeat(heartbeat: Heartbeat): void {
    this.sequence.onCovered(heartbeat.scannedSequence);
    this.heartbeat = {
      serverTimeNs: heartbeat.serverTimeNs,
      headSequence: heartbeat.headSequence,
      scannedSequence: heartbeat.scannedSequence,
      receivedAtMs: this.now(),
    };
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
        updatedNs: undefined,
        lastMove: 0,
        moves: 0,
      };
      this.rowsById.set(id, row);
    }
    return row;
  }

  private setInstrument(row: InstrumentRow, instrument: Instrument): void {
    if (row.instrument === undefined || row.instrument.symbol !== instrument.symbol) {
      this.orderStale = true;
      this.layout++;
    }
    row.instrument = instrument;
    row.scale = priceScale(instrument.priceDecimals, instrument.priceIncrement);
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
    row.lastPrice = trade.price;
    row.lastSize = trade.size;
    row.tradeSequence = trade.sequence;
    if (live && previous !== undefined && trade.price !== previous) {
      row.lastMove = trade.price > previous ? 1 : -1;
      row.moves++;
    }
    this.touch(row, trade.eventTimeNs);
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
