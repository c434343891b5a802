import { fromBinary } from '@bufbuild/protobuf';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMarketFeed } from '../src/app/market-feed.js';
import { Backoff } from '../src/connection/backoff.js';
import { CLOSE_SILENT, type ConnectionState, type FeedConnection } from '../src/connection/feed-connection.js';
import type { Transport, TransportHandlers } from '../src/connection/transport.js';
import { ClientMessageSchema } from '../src/gen/ticker/v1/stream_pb.js';
import { MarketModel } from '../src/model/market-model.js';
import { describeConnection } from '../src/view/status-bar.js';
import { ManualClock, dataFrame, frame, instrument } from './support.js';

class FakeSocket implements Transport {
  readonly sent: Uint8Array[] = [];
  closed: { code: number | undefined; reason: string | undefined } | undefined;

  constructor(
    readonly url: string,
    readonly handlers: TransportHandlers,
  ) {}

  send(bytes: Uint8Array): void {
    this.sent.push(bytes);
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }

  /** The server accepts the connection and answers the subscription. */
  acceptAndSubscribe(asOfSequence: bigint): void {
    this.handlers.onOpen();
    this.handlers.onMessage(frame({ body: { case: 'subscribed', value: { requestId: 1, all: true, effectiveSequence: asOfSequence + 1n } } }));
    this.handlers.onMessage(
      frame({
        body: {
          case: 'snapshot',
          value: { asOfSequence, complete: true, instruments: [{ instrument: instrument({ id: 1, symbol: 'AAPL', referencePrice: 1_000_000n }) }] },
        },
      }),
    );
  }
}

describe('market feed connection', () => {
  let clock: ManualClock;
  let sockets: FakeSocket[];
  let states: ConnectionState[];
  let model: MarketModel;
  let feed: FeedConnection;

  const socket = (i: number): FakeSocket => {
    const s = sockets[i];
    if (s === undefined) throw new Error(`no socket #${i}`);
    return s;
  };
  const last = (): ConnectionState => feed.state;

  beforeEach(() => {
    clock = new ManualClock();
    sockets = [];
    states = [];
    model = new MarketModel({ now: () => clock.now() });
    feed = createMarketFeed({
      url: 'ws://localhost:8080/ws',
      model,
      clock,
      backoff: new Backoff({ random: () => 0.5 }), // no spread: exact delays
      transport: (url, handlers) => {
        const s = new FakeSocket(url, handlers);
        sockets.push(s);
        return s;
      },
      onChange: (state) => states.push(state),
    });
    feed.start();
  });

  it('subscribes to everything as soon as the socket opens', () => {
    expect(sockets).toHaveLength(1);
    expect(socket(0).url).toBe('ws://localhost:8080/ws');
    expect(last()).toEqual({ kind: 'connecting', attempt: 0 });

    socket(0).handlers.onOpen();

    expect(socket(0).sent).toHaveLength(1);
    const sent = fromBinary(ClientMessageSchema, socket(0).sent[0]!);
    expect(sent.body.case).toBe('subscribe');
    expect(sent.body.value).toMatchObject({ requestId: 1, all: true, symbols: [] });
    // open, but nothing heard from the server yet
    expect(last().kind).toBe('connecting');
  });

  it('is live while messages arrive and stale after 3 s of silence', () => {
    socket(0).acceptAndSubscribe(100n);
    expect(last()).toEqual({ kind: 'live' });
    expect(model.visibleRows()).toHaveLength(1);

    clock.advance(2_900);
    socket(0).handlers.onMessage(frame({ body: { case: 'heartbeat', value: { headSequence: 100n } } }));
    clock.advance(2_900);
    expect(last().kind).toBe('live');

    clock.advance(200); // 3.1 s after the heartbeat
    expect(last()).toEqual({ kind: 'stale', lastMessageAtMs: 2_900 });
    expect(describeConnection(last(), clock.now()).label).toBe('Stale 3.1 s');

    socket(0).handlers.onMessage(frame({ body: { case: 'heartbeat', value: { headSequence: 100n } } }));
    expect(last().kind).toBe('live');
    expect(socket(0).closed).toBeUndefined();
  });

  it('reconnects with growing delays and resubscribes on the new socket', () => {
    socket(0).acceptAndSubscribe(100n);
    socket(0).handlers.onMessage(dataFrame(101n, 150n, []));

    socket(0).handlers.onClose(1006, '');
    expect(last()).toEqual({ kind: 'disconnected', retryAtMs: 500, code: 1006, reason: '' });
    expect(describeConnection(last(), clock.now()).label).toBe('Disconnected, retry in 0.5 s');
    clock.advance(499);
    expect(sockets).toHaveLength(1);
    clock.advance(1);
    expect(sockets).toHaveLength(2);
    expect(last()).toEqual({ kind: 'connecting', attempt: 1 });
    expect(describeConnection(last(), clock.now()).label).toBe('Reconnecting (attempt 1)');

    // the server is down: each failure waits twice as long
    socket(1).handlers.onClose(1006, '');
    expect(clock.pending()).toEqual([1000]);
    clock.advance(1000);
    socket(2).handlers.onClose(1006, '');
    expect(clock.pending()).toEqual([2000]);
    clock.advance(2000);
    expect(sockets).toHaveLength(4);
    expect(last()).toEqual({ kind: 'connecting', attempt: 3 });

    // back: the subscription is sent again and the stream is checked from its new start
    socket(3).acceptAndSubscribe(400n);
    expect(socket(3).sent).toHaveLength(1);
    expect(fromBinary(ClientMessageSchema, socket(3).sent[0]!).body).toMatchObject({ case: 'subscribe', value: { all: true } });
    socket(3).handlers.onMessage(dataFrame(401n, 402n, []));
    expect(model.sequence.gaps).toBe(0);
    expect(model.sequence.lastSequence).toBe(402n);
    expect(last().kind).toBe('live');

    // a working connection resets the backoff
    socket(3).handlers.onClose(1001, 'going away');
    expect(clock.pending()).toEqual([500]);
  });

  it('gives up on a socket that stays silent for 10 s', () => {
    socket(0).acceptAndSubscribe(100n);
    clock.advance(9_999);
    expect(last().kind).toBe('stale');
    expect(socket(0).closed).toBeUndefined();

    clock.advance(1);
    expect(socket(0).closed?.code).toBe(CLOSE_SILENT);
    expect(last()).toMatchObject({ kind: 'disconnected', retryAtMs: 10_500, code: CLOSE_SILENT });
    clock.advance(500);
    expect(sockets).toHaveLength(2);
  });

  it('drops whatever a replaced socket still delivers', () => {
    socket(0).acceptAndSubscribe(100n);
    socket(0).handlers.onClose(1006, '');
    clock.advance(500);
    socket(1).acceptAndSubscribe(200n);

    socket(0).handlers.onMessage(dataFrame(101n, 120n, []));
    socket(0).handlers.onClose(1006, '');

    expect(model.sequence.lastSequence).toBe(200n);
    expect(model.sequence.gaps).toBe(0);
    expect(last().kind).toBe('live');
    expect(clock.pending()).toEqual([3000]); // only the new socket's watchdog
  });

  it('retries when the socket cannot even be created', () => {
    const failing = createMarketFeed({
      url: 'not a url',
      model,
      clock,
      backoff: new Backoff({ random: () => 0.5 }),
      transport: () => {
        throw new SyntaxError('invalid URL');
      },
      onChange: () => undefined,
    });
    failing.start();
    expect(failing.state).toMatchObject({ kind: 'disconnected', retryAtMs: 500, reason: 'invalid URL' });
    failing.stop();
    expect(clock.pending()).toEqual([]);
    expect(states.length).toBeGreaterThan(0);
  });
});
