import { fromBinary } from '@bufbuild/protobuf';
import { beforeEach, describe, expect, it } from 'vitest';
import { StreamSession } from '../src/app/stream-session.js';
import { Backoff } from '../src/connection/backoff.js';
import { CLOSE_DROPPED, CLOSE_SILENT, type ConnectionState } from '../src/connection/feed-connection.js';
import type { Transport, TransportHandlers } from '../src/connection/transport.js';
import { BarInterval } from '../src/gen/ticker/v1/market_pb.js';
import { ClientMessageSchema, ErrorCode, type ClientMessage } from '../src/gen/ticker/v1/stream_pb.js';
import { MarketModel } from '../src/model/market-model.js';
import type { SubscribeSpec } from '../src/protocol/codec.js';
import { describeConnection } from '../src/view/status-bar.js';
import { ManualClock, dataFrame, frame, instrument, tradeTick } from './support.js';

const AAPL = instrument({ id: 1, symbol: 'AAPL', referencePrice: 1_000_000n });

class FakeSocket implements Transport {
  readonly sent: ClientMessage[] = [];
  closed: { code: number | undefined; reason: string | undefined } | undefined;

  constructor(
    readonly url: string,
    readonly handlers: TransportHandlers,
  ) {}

  send(bytes: Uint8Array): void {
    this.sent.push(fromBinary(ClientMessageSchema, bytes));
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }

  receive(bytes: Uint8Array): void {
    this.handlers.onMessage(bytes);
  }

  ack(requestId: number, effectiveSequence: bigint): void {
    this.receive(frame({ body: { case: 'subscribed', value: { requestId, symbols: ['AAPL'], effectiveSequence } } }));
  }

  snapshot(asOfSequence: bigint): void {
    this.receive(
      frame({
        body: {
          case: 'snapshot',
          value: {
            asOfSequence,
            complete: true,
            instruments: [{ instrument: AAPL, lastTrade: { instrumentId: 1, sequence: asOfSequence, price: 1_000_000n, size: 1n } }],
          },
        },
      }),
    );
  }

  heartbeat(scannedSequence: bigint): void {
    this.receive(frame({ body: { case: 'heartbeat', value: { headSequence: scannedSequence, scannedSequence, serverTimeNs: 1n } } }));
  }

  /** Opens, answers the first subscribe with an ack and a snapshot as of `asOf`. */
  acceptAndSubscribe(asOf: bigint): void {
    this.handlers.onOpen();
    const subscribe = this.sent.find((m) => m.body.case === 'subscribe');
    if (subscribe?.body.case !== 'subscribe') throw new Error('no subscribe sent');
    this.ack(subscribe.body.value.requestId, asOf + 1n);
    this.snapshot(asOf);
  }
}

const PLAN: SubscribeSpec[] = [
  { symbols: ['MSFT'], maxUpdatesPerSecond: 4, barIntervals: [BarInterval.BAR_INTERVAL_1D] },
  { symbols: ['AAPL'], maxUpdatesPerSecond: 0, barIntervals: [BarInterval.BAR_INTERVAL_1M, BarInterval.BAR_INTERVAL_1D] },
];

describe('StreamSession', () => {
  let clock: ManualClock;
  let sockets: FakeSocket[];
  let states: ConnectionState[];
  let model: MarketModel;
  let session: StreamSession;

  const socket = (i: number): FakeSocket => {
    const s = sockets[i];
    if (s === undefined) throw new Error(`no socket #${i}`);
    return s;
  };
  const state = (): ConnectionState => session.connection.state;
  const dropAndReconnect = (i: number): FakeSocket => {
    socket(i).handlers.onClose(1006, '');
    clock.advance(500);
    return socket(i + 1);
  };

  beforeEach(() => {
    clock = new ManualClock();
    sockets = [];
    states = [];
    model = new MarketModel({ now: () => clock.now(), wallNow: () => 1_000 });
    session = new StreamSession({
      url: 'ws://localhost:8080/ws',
      model,
      clock,
      backoff: new Backoff({ random: () => 0.5 }), // no spread: exact delays
      transport: (url, handlers) => {
        const s = new FakeSocket(url, handlers);
        sockets.push(s);
        return s;
      },
      plan: () => PLAN,
      onChange: (s) => states.push(s),
    });
    session.startConnecting();
  });

  it('shouldSubscribeWithTheWholePlanAsSoonAsTheSocketOpens', () => {
    expect(socket(0).url).toBe('ws://localhost:8080/ws');
    expect(state()).toEqual({ kind: 'connecting', attempt: 0 });

    socket(0).handlers.onOpen();

    expect(socket(0).sent.map((m) => m.body.case)).toEqual(['subscribe', 'subscribe']);
    expect(socket(0).sent[0]?.body.value).toMatchObject({ symbols: ['MSFT'], maxUpdatesPerSecond: 4, barIntervals: [BarInterval.BAR_INTERVAL_1D] });
    expect(socket(0).sent[1]?.body.value).toMatchObject({ symbols: ['AAPL'], maxUpdatesPerSecond: 0 });
    expect(state().kind).toBe('connecting'); // open, but nothing heard yet
  });

  it('shouldBeLiveWhileHeartbeatsArriveAndStaleThreeSecondsAfterTheyStop', () => {
    socket(0).acceptAndSubscribe(100n);
    expect(state()).toEqual({ kind: 'live' });

    clock.advance(2_900);
    socket(0).heartbeat(100n);
    clock.advance(2_900);
    expect(state().kind).toBe('live');

    // data without heartbeats does not keep the connection live
    socket(0).receive(dataFrame(101n, 101n, []));
    clock.advance(200);
    expect(state()).toEqual({ kind: 'stale', lastMessageAtMs: 2_900 });
    expect(describeConnection(state(), clock.now()).label).toBe('STALE 3.1 s');

    socket(0).heartbeat(101n);
    expect(state().kind).toBe('live');
    expect(socket(0).closed).toBeUndefined();
  });

  it('shouldResumeFromTheCoveredSequenceAfterADisconnectWithNoGap', () => {
    socket(0).acceptAndSubscribe(100n);
    socket(0).receive(dataFrame(101n, 150n, [tradeTick({ instrumentId: 1, sequence: 140n, price: 1_010_000n })]));
    socket(0).heartbeat(160n);

    socket(0).handlers.onClose(1006, '');
    expect(state()).toEqual({ kind: 'disconnected', retryAtMs: 500, code: 1006, reason: '' });
    clock.advance(500);
    const next = socket(1);
    next.handlers.onOpen();

    expect(next.sent).toHaveLength(1);
    const resume = next.sent[0]?.body;
    expect(resume?.case).toBe('resume');
    if (resume?.case !== 'resume') return;
    expect(resume.value.lastSequence).toBe(160n);
    expect(resume.value.subscriptions.map((s) => s.symbols)).toEqual([['MSFT'], ['AAPL']]);
    expect(resume.value.subscriptions[1]?.barIntervals).toEqual([BarInterval.BAR_INTERVAL_1M, BarInterval.BAR_INTERVAL_1D]);

    // a heartbeat from before the resume took effect says nothing about coverage
    next.heartbeat(400n);
    next.ack(resume.value.requestId, 161n);
    next.receive(dataFrame(161n, 200n, [tradeTick({ instrumentId: 1, sequence: 170n, price: 1_020_000n })]));

    expect(session.start).toBe('resumed');
    expect(session.resumes).toBe(1);
    expect(session.restarts).toBe(0);
    expect(session.connection.reconnects).toBe(1);
    expect(model.sequence.gaps).toBe(0);
    expect(model.sequence.lastSequence).toBe(200n);
    expect(model.rowBySymbol('AAPL')?.lastPrice).toBe(1_020_000n);
  });

  it('shouldReportAGapWhenTheResumedStreamStartsLate', () => {
    socket(0).acceptAndSubscribe(100n);
    socket(0).receive(dataFrame(101n, 150n, []));
    const next = dropAndReconnect(0);
    next.handlers.onOpen();
    const id = next.sent[0]?.body.value?.requestId ?? 0;
    next.ack(id, 151n);
    next.receive(dataFrame(155n, 160n, []));

    expect(model.sequence.gaps).toBe(1);
    expect(model.sequence.lastGap).toEqual({ expected: 151n, received: 155n, missed: 4n });
  });

  it('shouldRestartFromAFreshSnapshotWhenTheServerCannotResume', () => {
    socket(0).acceptAndSubscribe(100n);
    socket(0).receive(dataFrame(101n, 150n, []));
    const next = dropAndReconnect(0);
    next.handlers.onOpen();
    const id = next.sent[0]?.body.value?.requestId ?? 0;

    next.receive(frame({ body: { case: 'error', value: { code: ErrorCode.RESUME_UNAVAILABLE, requestId: id, resumeSequence: 900n } } }));
    next.ack(id, 1_001n);
    next.snapshot(1_000n);
    next.receive(dataFrame(1_001n, 1_010n, []));

    expect(session.start).toBe('restarted');
    expect(session.restarts).toBe(1);
    expect(session.resumes).toBe(0);
    expect(model.sequence.gaps).toBe(0);
    expect(model.sequence.lastSequence).toBe(1_010n);
  });

  it('shouldSubscribeAfreshAfterTwoHeartbeatsWhenTheServerIgnoresResume', () => {
    socket(0).acceptAndSubscribe(100n);
    const next = dropAndReconnect(0);
    next.handlers.onOpen();
    expect(next.sent.map((m) => m.body.case)).toEqual(['resume']);

    next.heartbeat(300n);
    expect(next.sent).toHaveLength(1);
    next.heartbeat(300n);
    expect(next.sent.map((m) => m.body.case)).toEqual(['resume', 'subscribe', 'subscribe']);

    const subscribe = next.sent[1]?.body.value?.requestId ?? 0;
    next.ack(subscribe, 301n);
    next.snapshot(300n);
    expect(session.start).toBe('restarted');
    expect(model.sequence.lastSequence).toBe(300n);
    expect(model.sequence.gaps).toBe(0);
  });

  it('shouldSubscribeAfreshWhenAResumeStaysUnansweredForThreeSeconds', () => {
    socket(0).acceptAndSubscribe(100n);
    const next = dropAndReconnect(0);
    next.handlers.onOpen();
    clock.advance(2_999);
    expect(next.sent).toHaveLength(1);
    clock.advance(1);
    expect(next.sent.map((m) => m.body.case)).toEqual(['resume', 'subscribe', 'subscribe']);
  });

  it('shouldSendChangesMadeWhileResumingOnceTheResumeIsAnswered', () => {
    socket(0).acceptAndSubscribe(100n);
    const next = dropAndReconnect(0);
    next.handlers.onOpen();
    session.apply([{ op: 'subscribe', spec: { symbols: ['NVDA'], maxUpdatesPerSecond: 4 } }]);
    expect(next.sent).toHaveLength(1);

    next.ack(next.sent[0]?.body.value?.requestId ?? 0, 101n);
    expect(next.sent.map((m) => m.body.case)).toEqual(['resume', 'subscribe']);
    expect(next.sent[1]?.body.value).toMatchObject({ symbols: ['NVDA'] });
  });

  it('shouldReconnectWithGrowingDelaysWhileTheServerIsDown', () => {
    socket(0).acceptAndSubscribe(100n);
    socket(0).handlers.onClose(1006, '');
    clock.advance(500);
    expect(state()).toEqual({ kind: 'connecting', attempt: 1 });
    expect(describeConnection(state(), clock.now()).label).toBe('Reconnecting (attempt 1)');
    socket(1).handlers.onClose(1006, '');
    expect(clock.pending()).toEqual([1000]);
    clock.advance(1000);
    socket(2).handlers.onClose(1006, '');
    expect(clock.pending()).toEqual([2000]);
    clock.advance(2000);
    expect(sockets).toHaveLength(4);

    // a connection that works resets the backoff
    socket(3).handlers.onOpen();
    socket(3).heartbeat(100n);
    socket(3).handlers.onClose(1001, 'going away');
    expect(clock.pending()).toEqual([500]);
    expect(session.connection.reconnects).toBe(1);
  });

  it('shouldGiveUpOnASocketWithoutHeartbeatsForTenSeconds', () => {
    socket(0).acceptAndSubscribe(100n);
    clock.advance(9_999);
    expect(state().kind).toBe('stale');
    expect(socket(0).closed).toBeUndefined();

    clock.advance(1);
    expect(socket(0).closed?.code).toBe(CLOSE_SILENT);
    expect(state()).toMatchObject({ kind: 'disconnected', retryAtMs: 10_500, code: CLOSE_SILENT });
  });

  it('shouldCloseTheSocketWhenDroppedAndComeBack', () => {
    socket(0).acceptAndSubscribe(100n);
    session.connection.drop();
    expect(socket(0).closed?.code).toBe(CLOSE_DROPPED);
    socket(0).handlers.onClose(CLOSE_DROPPED, 'dropped by the dashboard');
    clock.advance(500);
    expect(sockets).toHaveLength(2);
  });

  it('shouldDropWhateverAReplacedSocketStillDelivers', () => {
    socket(0).acceptAndSubscribe(100n);
    const next = dropAndReconnect(0);
    next.handlers.onOpen();
    next.ack(next.sent[0]?.body.value?.requestId ?? 0, 101n);

    socket(0).receive(dataFrame(500n, 520n, []));
    socket(0).handlers.onClose(1006, '');

    expect(model.sequence.lastSequence).toBe(100n);
    expect(model.sequence.gaps).toBe(0);
    expect(state().kind).toBe('live');
  });
});
