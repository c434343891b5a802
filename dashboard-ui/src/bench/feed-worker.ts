/**
 * The benchmark's synthetic server, in a worker: answers a subscription with an ack and a
 * snapshot of N instruments, then sends DataBatch frames of random-walk trades and quotes at the
 * requested rate (1 trade in 4 ticks), contiguous sequences, and a heartbeat every second.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { InstrumentSchema, Side, type Instrument } from '../gen/ticker/v1/market_pb.js';
import { ClientMessageSchema, ServerMessageSchema, TickSchema, type Tick } from '../gen/ticker/v1/stream_pb.js';

export interface FeedSpec {
  readonly symbols: number;
  readonly ticksPerSymbol: number;
  readonly frameMs: number;
}

type Inbound = { kind: 'start'; spec: FeedSpec } | { kind: 'client'; bytes: ArrayBuffer };

const scope = self as unknown as {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<Inbound>) => void) | null;
};

let instruments: Instrument[] = [];
let prices: bigint[] = [];
let sequence = 0n;
let spec: FeedSpec = { symbols: 50, ticksPerSymbol: 200, frameMs: 10 };
let streaming = false;
let startedAtMs = 0;
let ticksSent = 0;
let seed = 12345;

function random(): number {
  // xorshift: cheap and the same on every run
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return ((seed >>> 0) % 1_000_000) / 1_000_000;
}

function post(message: Parameters<typeof create<typeof ServerMessageSchema>>[1]): void {
  const bytes = toBinary(ServerMessageSchema, create(ServerMessageSchema, message));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  scope.postMessage(buffer, [buffer as ArrayBuffer]);
}

function start(given: FeedSpec): void {
  spec = given;
  instruments = Array.from({ length: spec.symbols }, (_, i) =>
    create(InstrumentSchema, {
      id: i,
      symbol: `SYM${String(i).padStart(3, '0')}`,
      name: `Synthetic ${i}`,
      currency: 'USD',
      timeZone: 'America/New_York',
      priceDecimals: 4,
      priceIncrement: 100n,
      lotSize: 1n,
      referencePrice: BigInt(1_000_000 + i * 10_000),
    }),
  );
  prices = instruments.map((i) => i.referencePrice);
  sequence = 1_000n;
  scope.postMessage('open');
}

function onClient(bytes: ArrayBuffer): void {
  const message = fromBinary(ClientMessageSchema, new Uint8Array(bytes));
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  if (message.body.case === 'subscribe') {
    const request = message.body.value;
    post({ body: { case: 'subscribed', value: { requestId: request.requestId, all: true, effectiveSequence: sequence + 1n } } });
    const wanted = request.all ? instruments : instruments.filter((i) => request.symbols.includes(i.symbol));
    post({
      body: {
        case: 'snapshot',
        value: {
          asOfSequence: sequence,
          complete: true,
          instruments: wanted.map((instrument) => ({
            instrument,
            lastTrade: { instrumentId: instrument.id, sequence, eventTimeNs: nowNs, price: prices[instrument.id] ?? 0n, size: 100n, aggressor: Side.BUY },
          })),
        },
      },
    });
    if (!streaming) {
      streaming = true;
      startedAtMs = performance.now();
      setInterval(sendFrame, spec.frameMs);
      setInterval(sendHeartbeat, 1000);
    }
  } else if (message.body.case === 'resume') {
    post({ body: { case: 'subscribed', value: { requestId: message.body.value.requestId, all: true, effectiveSequence: message.body.value.lastSequence + 1n } } });
  }
}

function sendFrame(): void {
  // hold the exact rate over time, whatever the timer's jitter
  const due = Math.floor(((performance.now() - startedAtMs) / 1000) * spec.symbols * spec.ticksPerSymbol);
  const count = Math.min(due - ticksSent, spec.symbols * spec.ticksPerSymbol);
  if (count <= 0) return;
  ticksSent = due;
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const first = sequence + 1n;
  const ticks: Tick[] = new Array<Tick>(count);
  for (let i = 0; i < count; i++) {
    sequence++;
    const id = Math.floor(random() * spec.symbols);
    const step = BigInt(Math.round((random() - 0.5) * 4)) * 100n;
    const price = (prices[id] ?? 1_000_000n) + step;
    prices[id] = price;
    if (random() < 0.25) {
      ticks[i] = create(TickSchema, {
        kind: {
          case: 'trade',
          value: { instrumentId: id, sequence, eventTimeNs: nowNs, price, size: BigInt(1 + Math.floor(random() * 500)), aggressor: random() < 0.5 ? Side.BUY : Side.SELL },
        },
      });
    } else {
      ticks[i] = create(TickSchema, {
        kind: {
          case: 'quote',
          value: { instrumentId: id, sequence, eventTimeNs: nowNs, bidPrice: price - 100n, bidSize: 300n, askPrice: price + 100n, askSize: 200n },
        },
      });
    }
  }
  post({ body: { case: 'data', value: { firstSequence: first, lastSequence: sequence, ticks } } });
}

function sendHeartbeat(): void {
  post({ body: { case: 'heartbeat', value: { serverTimeNs: BigInt(Date.now()) * 1_000_000n, headSequence: sequence, scannedSequence: sequence } } });
}

scope.onmessage = (event) => {
  const data = event.data;
  if (data.kind === 'start') start(data.spec);
  else onClient(data.bytes);
};
