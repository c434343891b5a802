/** Builds server frames with the generated schema, as the server would send them. */
import { create, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import {
  InstrumentSchema,
  QuoteSchema,
  TradeSchema,
  type Instrument,
} from '../src/gen/ticker/v1/market_pb.js';
import { ServerMessageSchema, TickSchema, type Tick } from '../src/gen/ticker/v1/stream_pb.js';
import type { TokenStore } from '../src/model/access-token.js';

export type ServerMessageInit = MessageInitShape<typeof ServerMessageSchema>;
type TradeInit = MessageInitShape<typeof TradeSchema>;
type QuoteInit = MessageInitShape<typeof QuoteSchema>;

/** Encodes a ServerMessage to the bytes of one binary frame. */
export function frame(init: ServerMessageInit): Uint8Array {
  return toBinary(ServerMessageSchema, create(ServerMessageSchema, init));
}

/** An instrument priced in 1/10000 with a 0.01 increment, unless `init` says otherwise. */
export function instrument(init: MessageInitShape<typeof InstrumentSchema>): Instrument {
  return create(InstrumentSchema, {
    name: `${init.symbol ?? ''} Corp`,
    currency: 'USD',
    priceDecimals: 4,
    priceIncrement: 100n,
    lotSize: 1n,
    ...init,
  });
}

export function tradeTick(init: TradeInit): Tick {
  return create(TickSchema, {
    kind: { case: 'trade', value: create(TradeSchema, { size: 100n, ...init }) },
  });
}

export function quoteTick(init: QuoteInit): Tick {
  return create(TickSchema, {
    kind: { case: 'quote', value: create(QuoteSchema, { bidSize: 100n, askSize: 100n, ...init }) },
  });
}

export function dataFrame(firstSequence: bigint, lastSequence: bigint, ticks: Tick[]): Uint8Array {
  return frame({ body: { case: 'data', value: { firstSequence, lastSequence, ticks } } });
}

/**
 * A ServerMessage whose body is a oneof member this client's schema does not have (field 12,
 * e.g. a body added by a newer server).
 */
export function unknownBodyFrame(): Uint8Array {
  const inner = new BinaryWriter().tag(1, WireType.Varint).uint64(42n).finish();
  return new BinaryWriter().tag(12, WireType.LengthDelimited).bytes(inner).finish();
}

/** A clock whose time only moves when told to, with timers that fire as it passes them. */
export class ManualClock {
  private time = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): number {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + Math.max(0, delayMs), callback });
    return handle;
  }

  clearTimeout(handle: number): void {
    this.timers.delete(handle);
  }

  /** Moves time forward by `ms`, firing due timers in time order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at <= end && (due === undefined || entry[1].at < due[1].at)) {
          due = entry;
        }
      }
      if (due === undefined) {
        break;
      }
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }

  /** The delays of the pending timers, from now. */
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }
}

/** A sessionStorage stand-in for the token's tests. */
export class MemoryStore implements TokenStore {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}
