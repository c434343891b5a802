import { fromBinary } from '@bufbuild/protobuf';
import { beforeEach, describe, expect, it } from 'vitest';
import { StreamSession } from '../src/app/stream-session.js';
import { Backoff } from '../src/connection/backoff.js';
import type { Transport, TransportHandlers } from '../src/connection/transport.js';
import {
  ClientMessageSchema,
  ErrorCode,
  ReplayAction,
  ReplayState,
  type ClientMessage,
  type ReplayControl,
  type ReplayStart,
} from '../src/gen/ticker/v1/stream_pb.js';
import { MarketModel } from '../src/model/market-model.js';
import { MIN_REPLAY_SPEED, REPLAY_BAR_INTERVALS, ReplayMachine } from '../src/replay/replay-machine.js';
import { ReplayRouter } from '../src/replay/replay-router.js';
import { ManualClock, dataFrame, frame, instrument, tradeTick } from './support.js';

const AAPL = instrument({ id: 1, symbol: 'AAPL', referencePrice: 1_000_000n });
// 2026-11-20T14:30:00Z
const AT_MS = Date.UTC(2026, 10, 20, 14, 30);
const AT_NS = BigInt(AT_MS) * 1_000_000n;

class FakeSocket implements Transport {
  readonly sent: ClientMessage[] = [];

  constructor(readonly handlers: TransportHandlers) {}

  send(bytes: Uint8Array): void {
    this.sent.push(fromBinary(ClientMessageSchema, bytes));
  }

  close(): void {}

  receive(bytes: Uint8Array): void {
    this.handlers.onMessage(bytes);
  }

  last(): ClientMessage | undefined {
    return this.sent[this.sent.length - 1];
  }

  lastStart(): ReplayStart {
    const body = this.sent.filter((m) => m.body.case === 'replayStart').at(-1)?.body;
    if (body?.case !== 'replayStart') throw new Error('no ReplayStart sent');
    return body.value;
  }

  lastControl(): ReplayControl {
    const body = this.sent.filter((m) => m.body.case === 'replayControl').at(-1)?.body;
    if (body?.case !== 'replayControl') throw new Error('no ReplayControl sent');
    return body.value;
  }
}

function status(requestId: number, state: ReplayState, segmentFirstSequence: bigint, positionTimeNs: bigint, speed = 60): Uint8Array {
  return frame({
    body: {
      case: 'replayStatus',
      value: { requestId, state, speed, positionTimeNs, positionSequence: segmentFirstSequence > 0n ? segmentFirstSequence - 1n : 0n, segmentFirstSequence, fromTimeNs: AT_NS, toSequence: 5_000n },
    },
  });
}

function replaySnapshot(asOf: bigint, price: bigint): Uint8Array {
  return frame({
    body: {
      case: 'snapshot',
      value: { asOfSequence: asOf, complete: true, replay: true, instruments: [{ instrument: AAPL, lastTrade: { instrumentId: 1, sequence: asOf, price, size: 1n } }] },
    },
  });
}

function replayBatch(first: bigint, last: bigint, price: bigint, replayTimeNs: bigint): Uint8Array {
  return frame({
    body: {
      case: 'data',
      value: { firstSequence: first, lastSequence: last, replay: true, replayTimeNs, ticks: [tradeTick({ instrumentId: 1, sequence: last, eventTimeNs: replayTimeNs, price })] },
    },
  });
}

function heartbeat(scannedSequence: bigint): Uint8Array {
  return frame({ body: { case: 'heartbeat', value: { headSequence: scannedSequence, scannedSequence, serverTimeNs: 1n } } });
}

describe('replay', () => {
  let clock: ManualClock;
  let sockets: FakeSocket[];
  let live: MarketModel;
  let session: StreamSession;
  let machine: ReplayMachine;
  let router: ReplayRouter;
  let segments: number;
  let backToLive: number;
  let stuck: number;

  const socket = (): FakeSocket => {
    const s = sockets[sockets.length - 1];
    if (s === undefined) throw new Error('no socket');
    return s;
  };
  const price = (model: MarketModel) => model.rowBySymbol('AAPL')?.lastPrice;

  /** A live stream: subscribed at 101, AAPL traded at 101.00 up to sequence 105. */
  const goLive = (): void => {
    socket().handlers.onOpen();
    const subscribe = socket().last();
    if (subscribe?.body.case !== 'subscribe') throw new Error('no subscribe');
    socket().receive(frame({ body: { case: 'subscribed', value: { requestId: subscribe.body.value.requestId, symbols: ['AAPL'], effectiveSequence: 101n } } }));
    socket().receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL }] } } }));
    socket().receive(dataFrame(101n, 105n, [tradeTick({ instrumentId: 1, sequence: 103n, eventTimeNs: 1n, price: 1_010_000n })]));
  };

  /** Starts a replay at 60x and answers it: segment from sequence 11, price 90.00 then 91.00. */
  const startReplay = (paused = false): void => {
    machine.start({ fromMs: AT_MS, speed: 60, paused, symbols: ['AAPL'] });
    socket().receive(status(socket().lastStart().requestId, ReplayState.PLAYING, 11n, AT_NS));
    socket().receive(replaySnapshot(10n, 900_000n));
    socket().receive(replayBatch(11n, 20n, 910_000n, AT_NS + 5_000_000_000n));
  };

  beforeEach(() => {
    clock = new ManualClock();
    sockets = [];
    segments = 0;
    backToLive = 0;
    stuck = 0;
    live = new MarketModel({ now: () => clock.now(), wallNow: () => 1_000 });
    router = new ReplayRouter(live, () => machine, () => clock.now(), () => [AAPL]);
    machine = new ReplayMachine({
      clock,
      send: (bytes) => session.sendRaw(bytes),
      onSegment: (segment) => {
        segments++;
        router.onSegment(segment);
      },
      onLive: () => {
        backToLive++;
        router.onLive();
        session.releaseHeld();
      },
      onStuck: () => stuck++,
      onChange: () => undefined,
    });
    session = new StreamSession({
      url: 'ws://localhost/ws',
      model: live,
      clock,
      backoff: new Backoff({ random: () => 0.5 }),
      transport: (_url, handlers) => {
        const s = new FakeSocket(handlers);
        sockets.push(s);
        return s;
      },
      plan: () => [{ symbols: ['AAPL'] }],
      intercept: (message) => router.intercept(message),
      holdChanges: () => machine.active,
      onDisconnected: () => machine.onDisconnected(),
      onSubscribed: () => machine.onStreamStarted(['AAPL']),
      onChange: () => undefined,
    });
    session.startConnecting();
    goLive();
  });

  it('shouldAskForTheReplayOfTheWatchedSymbolsFromTheChosenTimeAtTheChosenSpeed', () => {
    machine.start({ fromMs: AT_MS, toMs: AT_MS + 3_600_000, speed: 60, paused: false, symbols: ['AAPL', 'MSFT'] });
    const start = socket().lastStart();
    expect(start.from).toEqual({ case: 'fromTimeNs', value: AT_NS });
    expect(start.to).toEqual({ case: 'toTimeNs', value: AT_NS + 3_600_000_000_000n });
    expect([start.speed, start.symbols, start.all, start.barIntervals]).toEqual([60, ['AAPL', 'MSFT'], false, [...REPLAY_BAR_INTERVALS]]);
    expect(machine.phase).toBe('starting');
    expect(machine.link(clock.now())).toEqual({ atMs: AT_MS, toMs: AT_MS + 3_600_000, speed: 60, paused: false });
  });

  it('shouldShowTheReplayStateFromItsSnapshotWhileTheLiveStateWaits', () => {
    startReplay();

    expect(machine.phase).toBe('playing');
    expect(segments).toBe(1);
    expect(router.model).not.toBe(live);
    expect(price(router.model)).toBe(910_000n);
    expect(price(live)).toBe(1_010_000n);
    expect(router.model.sequence.lastSequence).toBe(20n);
    expect(router.model.sequence.gaps).toBe(0);
    expect(machine.positionNs).toBe(AT_NS + 5_000_000_000n);
    // the replay clock runs at 60x between frames
    clock.advance(10);
    expect(machine.clockNs(clock.now())).toBe(AT_NS + 5_600_000_000n);
    // heartbeats during the replay say nothing of the live stream's coverage
    socket().receive(heartbeat(500n));
    expect(live.sequence.lastSequence).toBe(105n);
  });

  it('shouldTakeTheCoverageOfHeartbeatsDuringAReplaySoAQuietStretchIsNoGap', () => {
    startReplay();
    // records 21..40 held nothing for the replay's symbols: the heartbeat says they were scanned
    socket().receive(heartbeat(40n));
    socket().receive(replayBatch(41n, 50n, 920_000n, AT_NS + 6_000_000_000n));

    expect(router.model.sequence.gaps).toBe(0);
    expect(router.model.sequence.lastSequence).toBe(50n);
    expect(router.replayGaps).toBe(0);
    expect(live.sequence.lastSequence).toBe(105n);
  });

  it('shouldCountGapsOfEveryReplaySegmentEvenAfterASeekReplacedItsState', () => {
    startReplay();
    socket().receive(replayBatch(25n, 30n, 920_000n, AT_NS + 6_000_000_000n));
    machine.seek(AT_MS + 60_000);
    socket().receive(status(socket().lastControl().requestId, ReplayState.PLAYING, 200n, AT_NS + 60_000_000_000n));

    expect(router.model.sequence.gaps).toBe(0);
    expect(router.replayGaps).toBe(1);
  });

  it('shouldReportAGapWithinAReplaySegment', () => {
    startReplay();
    socket().receive(replayBatch(25n, 30n, 920_000n, AT_NS + 6_000_000_000n));
    expect(router.model.sequence.gaps).toBe(1);
    expect(router.model.sequence.lastGap).toEqual({ expected: 21n, received: 25n, missed: 4n });
    expect(live.sequence.gaps).toBe(0);
  });

  it('shouldRebuildTheStateAndRestartContinuityAtTheSegmentOfASeek', () => {
    startReplay();
    const before = router.model;
    machine.seek(AT_MS + 60_000);
    const seek = socket().lastControl();
    expect([seek.action, seek.seek]).toEqual([ReplayAction.SEEK, { case: 'seekTimeNs', value: AT_NS + 60_000_000_000n }]);
    expect(machine.clockNs(clock.now())).toBe(AT_NS + 60_000_000_000n);

    socket().receive(status(seek.requestId, ReplayState.PLAYING, 200n, AT_NS + 60_000_000_000n));
    socket().receive(replaySnapshot(199n, 950_000n));
    socket().receive(replayBatch(200n, 210n, 960_000n, AT_NS + 61_000_000_000n));

    expect(segments).toBe(2);
    expect(router.model).not.toBe(before);
    expect(price(router.model)).toBe(960_000n);
    expect(router.model.sequence.gaps).toBe(0);
    expect(router.model.sequence.lastSequence).toBe(210n);
  });

  it('shouldPauseStepAndChangeSpeedWithControls', () => {
    startReplay();
    machine.pause();
    expect(socket().lastControl().action).toBe(ReplayAction.PAUSE);
    socket().receive(status(socket().lastControl().requestId, ReplayState.PAUSED, 11n, AT_NS + 7_000_000_000n));
    expect(machine.phase).toBe('paused');
    clock.advance(5_000);
    expect(machine.clockNs(clock.now())).toBe(AT_NS + 7_000_000_000n);
    expect(segments).toBe(1); // same segment: nothing rebuilt
    machine.step();
    expect(socket().lastControl().action).toBe(ReplayAction.STEP);
    machine.setSpeed(1000);
    expect([socket().lastControl().action, socket().lastControl().speed]).toEqual([ReplayAction.SET_SPEED, 1000]);
    machine.resume();
    expect(socket().lastControl().action).toBe(ReplayAction.RESUME);
    expect(machine.link(clock.now())).toEqual({ atMs: AT_MS + 7_000, speed: 60, paused: true });
  });

  it('shouldReturnToLiveWithNoGapAndSendTheChangesHeldDuringTheReplay', () => {
    startReplay();
    session.apply([{ op: 'subscribe', spec: { symbols: ['MSFT'], maxUpdatesPerSecond: 4 } }]);
    expect(socket().sent.filter((m) => m.body.case === 'subscribe')).toHaveLength(1); // held

    machine.backToLive();
    const control = socket().lastControl();
    expect(control.action).toBe(ReplayAction.BACK_TO_LIVE);
    expect(machine.phase).toBe('returning');
    socket().receive(status(control.requestId, ReplayState.LIVE, 0n, 0n));

    expect(backToLive).toBe(1);
    expect(machine.phase).toBe('live');
    expect(router.model).toBe(live);
    expect(machine.link(clock.now())).toBeUndefined();
    expect(socket().sent.filter((m) => m.body.case === 'subscribe')).toHaveLength(2); // released
    socket().receive(dataFrame(106n, 110n, [tradeTick({ instrumentId: 1, sequence: 108n, eventTimeNs: 2n, price: 1_020_000n })]));
    expect(live.sequence.gaps).toBe(0);
    expect(live.sequence.lastSequence).toBe(110n);
    expect(price(live)).toBe(1_020_000n);
  });

  it('shouldCountAGapWhenTheLiveStreamDoesNotContinueWhereItStopped', () => {
    startReplay();
    machine.backToLive();
    socket().receive(status(socket().lastControl().requestId, ReplayState.LIVE, 0n, 0n));
    socket().receive(dataFrame(108n, 110n, []));
    expect(live.sequence.lastGap).toEqual({ expected: 106n, received: 108n, missed: 2n });
  });

  it('shouldStayLiveAndSayWhyWhenTheServerDoesNotAnswerAReplay', () => {
    machine.start({ fromMs: AT_MS, speed: 60, paused: false, symbols: ['AAPL'] });
    clock.advance(4_999);
    expect(machine.phase).toBe('starting');
    clock.advance(1);
    expect(machine.phase).toBe('live');
    expect(machine.unsupported).toBe(true);
    expect(machine.error).toContain('did not answer the replay request within 5 s');
    expect(socket().lastControl().action).toBe(ReplayAction.BACK_TO_LIVE);
    expect(router.model).toBe(live);
  });

  it('shouldStayLiveWithTheServersReasonWhenItRefusesAReplay', () => {
    machine.start({ fromMs: AT_MS, speed: 60, paused: false, symbols: ['AAPL'] });
    const requestId = socket().lastStart().requestId;
    socket().receive(frame({ body: { case: 'error', value: { code: ErrorCode.TOO_MANY_REPLAYS, requestId, message: 'the server runs 8 replays, its maximum' } } }));
    expect(machine.phase).toBe('live');
    expect(machine.error).toBe('TOO_MANY_REPLAYS: the server runs 8 replays, its maximum');
    expect(segments).toBe(0);
  });

  it('shouldPauseRightAfterStartingWhenTheLinkSaysPausedHavingStartedAtTheSlowestSpeed', () => {
    machine.start({ fromMs: AT_MS, speed: 60, paused: true, symbols: ['AAPL'] });
    // no paused start in the protocol: until the PAUSE arrives it plays, at 0.01x, not at 60x
    expect(socket().lastStart().speed).toBe(MIN_REPLAY_SPEED);
    socket().receive(status(socket().lastStart().requestId, ReplayState.PLAYING, 11n, AT_NS, MIN_REPLAY_SPEED));
    expect(machine.speed).toBe(60); // shown and linked as asked for
    expect(socket().lastControl().action).toBe(ReplayAction.PAUSE);
    socket().receive(status(socket().lastControl().requestId, ReplayState.PAUSED, 11n, AT_NS + 5_000_000n, MIN_REPLAY_SPEED));
    expect(machine.phase).toBe('paused');
    // paused: the asked-for speed back, still paused
    expect([socket().lastControl().action, socket().lastControl().speed]).toEqual([ReplayAction.SET_SPEED, 60]);
    socket().receive(status(socket().lastControl().requestId, ReplayState.PAUSED, 11n, AT_NS + 5_000_000n, 60));
    expect([machine.phase, machine.speed]).toEqual(['paused', 60]);
    expect(socket().sent.filter((m) => m.body.case === 'replayControl')).toHaveLength(2);
    expect(machine.link(clock.now())).toEqual({ atMs: AT_MS, speed: 60, paused: true });
  });

  it('shouldResumeLiveThenStartTheReplayAgainWhereItWasAfterALostConnection', () => {
    startReplay();
    machine.pause();
    socket().receive(status(socket().lastControl().requestId, ReplayState.PAUSED, 11n, AT_NS + 8_000_000_000n));
    socket().handlers.onClose(1006, '');
    expect(machine.phase).toBe('interrupted');
    clock.advance(500);

    socket().handlers.onOpen();
    const resume = socket().last();
    expect(resume?.body.case).toBe('resume');
    if (resume?.body.case !== 'resume') return;
    expect(resume.body.value.lastSequence).toBe(105n); // the live coverage, not the replay's
    socket().receive(frame({ body: { case: 'subscribed', value: { requestId: resume.body.value.requestId, symbols: ['AAPL'], effectiveSequence: 106n } } }));

    const again = socket().lastStart();
    expect(again.from).toEqual({ case: 'fromTimeNs', value: AT_NS + 8_000_000_000n });
    expect(machine.phase).toBe('starting');
    socket().receive(status(again.requestId, ReplayState.PLAYING, 30n, AT_NS + 8_000_000_000n));
    expect(socket().lastControl().action).toBe(ReplayAction.PAUSE);
    expect(segments).toBe(2);
  });

  it('shouldGoBackToLiveWhenAReplayNobodyAskedForRuns', () => {
    socket().receive(status(7, ReplayState.PLAYING, 11n, AT_NS));
    expect(socket().lastControl().action).toBe(ReplayAction.BACK_TO_LIVE);
    expect(router.model).toBe(live);
  });

  it('shouldReconnectWhenBackToLiveIsNotConfirmed', () => {
    startReplay();
    machine.backToLive();
    clock.advance(5_000);
    expect(stuck).toBe(1);
    expect(machine.phase).toBe('live');
    expect(router.model).toBe(live);
  });
  it('shouldAddAPinnedSymbolToTheReplayAtOnceFromTheNextRecordOverTheSameWindow', () => {
    startReplay();
    router.model.showTape(1);
    expect(machine.widen(['AAPL', 'MSFT'], 21n)).toBe(true);

    const wider = socket().lastStart();
    expect(wider.from).toEqual({ case: 'fromSequence', value: 21n });
    expect(wider.to).toEqual({ case: 'toSequence', value: 5_000n });
    expect([wider.symbols, wider.speed]).toEqual([['AAPL', 'MSFT'], 60]);
    expect(machine.symbols).toEqual(['AAPL', 'MSFT']);
    socket().receive(status(wider.requestId, ReplayState.PLAYING, 21n, AT_NS + 5_000_000_000n));
    socket().receive(replaySnapshot(20n, 910_000n));
    socket().receive(replayBatch(21n, 25n, 920_000n, AT_NS + 6_000_000_000n));

    expect([machine.phase, segments]).toEqual(['playing', 2]);
    expect(router.model.sequence.gaps).toBe(0);
    expect(router.model.sequence.lastSequence).toBe(25n);
    router.model.showTape(1);
    const tape = router.model.tape;
    // the replay went on: the tape keeps its trades with no line saying it moved
    expect(Array.from({ length: tape.length }, (_, i) => tape.at(i)).map((e) => (e.kind === 'break' ? e.note : e.sequence))).toEqual([25n, 20n]);
    expect(machine.widen(['MSFT'], 26n)).toBe(false); // carried already
  });

  it('shouldWidenAPausedReplayPausedAndAnEndedOneFromItsLastRecord', () => {
    startReplay();
    machine.pause();
    socket().receive(status(socket().lastControl().requestId, ReplayState.ENDED, 11n, AT_NS + 9_000_000_000n));
    expect(machine.widen(['MSFT'], 5_001n)).toBe(true);
    expect(socket().lastStart().from).toEqual({ case: 'fromSequence', value: 5_000n });

    machine.pause(); // not playing: nothing sent
    socket().receive(status(socket().lastStart().requestId, ReplayState.PAUSED, 5_000n, AT_NS + 9_000_000_000n));
    expect(machine.phase).toBe('paused');
    expect(machine.widen(['GOOG'], 4_000n)).toBe(true);
    expect(socket().lastStart().speed).toBe(MIN_REPLAY_SPEED); // paused: no paused start, so slowest then PAUSE
  });

  it('shouldKeepTheReplayRunningWithItsSymbolsWhenTheServerRefusesTheWiderOne', () => {
    startReplay();
    machine.widen(['NOPE'], 21n);
    socket().receive(frame({ body: { case: 'error', value: { requestId: socket().lastStart().requestId, code: ErrorCode.UNKNOWN_SYMBOL, message: 'NOPE' } } }));

    expect(machine.phase).toBe('playing');
    expect(machine.symbols).toEqual(['AAPL']);
    expect(machine.error).toMatch(/UNKNOWN_SYMBOL/);
    expect(segments).toBe(1);
  });

  it('shouldNotWidenAReplayWhoseStartIsNotAnsweredYet', () => {
    machine.start({ fromMs: AT_MS, speed: 60, paused: false, symbols: ['AAPL'] });
    expect(machine.widen(['MSFT'], 1n)).toBe(false);
    expect(socket().sent.filter((m) => m.body.case === 'replayStart')).toHaveLength(1);
  });
});
