/**
 * The binary frames of the WebSocket protocol (ticker/v1/stream.proto): every frame from the
 * server is one ServerMessage, every frame to it one ClientMessage.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { BarInterval } from '../gen/ticker/v1/market_pb.js';
import {
  ClientMessageSchema,
  ServerMessageSchema,
  SubscribeSchema,
  type ReplayAction,
  type ServerMessage,
  type Subscribe,
} from '../gen/ticker/v1/stream_pb.js';

/** What one Subscribe asks for; `all` or `symbols`. */
export interface SubscribeSpec {
  readonly all?: boolean;
  readonly symbols?: readonly string[];
  /** 0: every tick; otherwise the latest value at most this often per symbol. */
  readonly maxUpdatesPerSecond?: number;
  readonly barIntervals?: readonly BarInterval[];
}

export function subscribeMessage(requestId: number, spec: SubscribeSpec): Subscribe {
  return create(SubscribeSchema, {
    requestId,
    all: spec.all ?? false,
    symbols: [...(spec.symbols ?? [])],
    maxUpdatesPerSecond: spec.maxUpdatesPerSecond ?? 0,
    barIntervals: [...(spec.barIntervals ?? [])],
  });
}

/** `ClientMessage { subscribe }`. */
export function encodeSubscribe(requestId: number, spec: SubscribeSpec): Uint8Array {
  return toBinary(
    ClientMessageSchema,
    create(ClientMessageSchema, {
      body: { case: 'subscribe', value: subscribeMessage(requestId, spec) },
    }),
  );
}

/** `ClientMessage { unsubscribe }` of some symbols, or of all (`all`). */
export function encodeUnsubscribe(
  requestId: number,
  symbols: readonly string[],
  all = false,
): Uint8Array {
  return toBinary(
    ClientMessageSchema,
    create(ClientMessageSchema, {
      body: { case: 'unsubscribe', value: { requestId, symbols: [...symbols], all } },
    }),
  );
}

/**
 * `ClientMessage { resume }`: the first message of a new connection that continues an old one.
 * `lastSequence` is the old connection's covered sequence; `subscriptions` restore its options.
 */
export function encodeResume(
  requestId: number,
  lastSequence: bigint,
  subscriptions: readonly SubscribeSpec[],
): Uint8Array {
  return toBinary(
    ClientMessageSchema,
    create(ClientMessageSchema, {
      body: {
        case: 'resume',
        value: {
          requestId,
          lastSequence,
          subscriptions: subscriptions.map((spec) => subscribeMessage(0, spec)),
        },
      },
    }),
  );
}

/** `ClientMessage { refresh_token }`: the connection's token replaced before it expires. */
export function encodeRefreshToken(requestId: number, token: string): Uint8Array {
  return toBinary(
    ClientMessageSchema,
    create(ClientMessageSchema, {
      body: { case: 'refreshToken', value: { requestId, token } },
    }),
  );
}

/**
 * Decodes one server frame. A body this client does not know decodes with `body.case`
 * undefined. Throws on bytes that are not a ServerMessage.
 */
export function decodeServerMessage(bytes: Uint8Array): ServerMessage {
  return fromBinary(ServerMessageSchema, bytes);
}

/** What a replay asks for: from a time, to an optional end, at a speed (0: as fast as possible). */
export interface ReplayStartSpec {
  /** The first record at or after a time, or a sequence itself. */
  readonly from: { readonly case: 'fromTimeNs'; readonly value: bigint } | { readonly case: 'fromSequence'; readonly value: bigint };
  /** The end: before a time (exclusive) or at a sequence (inclusive); absent, the head. */
  readonly to?: { readonly case: 'toTimeNs'; readonly value: bigint } | { readonly case: 'toSequence'; readonly value: bigint };
  readonly symbols: readonly string[];
  readonly speed: number;
  readonly barIntervals: readonly BarInterval[];
}

/** `ClientMessage { replay_start }`. */
export function encodeReplayStart(requestId: number, spec: ReplayStartSpec): Uint8Array {
  return toBinary(
    ClientMessageSchema,
    create(ClientMessageSchema, {
      body: {
        case: 'replayStart',
        value: {
          requestId,
          from: { ...spec.from },
          to: spec.to === undefined ? { case: undefined } : { ...spec.to },
          symbols: [...spec.symbols],
          all: false,
          speed: spec.speed,
          barIntervals: [...spec.barIntervals],
        },
      },
    }),
  );
}

/** `ClientMessage { replay_control }`: pause, resume, speed, seek (to a time), step, back to live. */
export function encodeReplayControl(
  requestId: number,
  action: ReplayAction,
  options: { readonly speed?: number; readonly seekTimeNs?: bigint } = {},
): Uint8Array {
  return toBinary(
    ClientMessageSchema,
    create(ClientMessageSchema, {
      body: {
        case: 'replayControl',
        value: {
          requestId,
          action,
          speed: options.speed ?? 0,
          seek: options.seekTimeNs === undefined ? { case: undefined } : { case: 'seekTimeNs', value: options.seekTimeNs },
        },
      },
    }),
  );
}
