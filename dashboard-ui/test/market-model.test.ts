import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/gen/ticker/v1/stream_pb.js';
import { MarketModel } from '../src/model/market-model.js';
import { presentRow } from '../src/view/present.js';
import { dataFrame, frame, instrument, quoteTick, tradeTick, unknownBodyFrame } from './support.js';

// 2023-11-14T22:13:20Z
const T0 = 1_700_000_000_000_000_000n;
const ms = (n: number) => T0 + BigInt(n) * 1_000_000n;

const AAPL = instrument({ id: 1, symbol: 'AAPL', name: 'Apple Inc.', referencePrice: 1_900_000n });
const MSFT = instrument({ id: 2, symbol: 'MSFT', name: 'Microsoft Corp', referencePrice: 4_100_000n });
const EURUSD = instrument({
  id: 3,
  symbol: 'EURUSD',
  name: 'Euro / US Dollar',
  priceDecimals: 5,
  priceIncrement: 1n,
  referencePrice: 108_500n,
});

function ack(effectiveSequence: bigint): Uint8Array {
  return frame({
    body: { case: 'subscribed', value: { requestId: 1, all: true, symbols: ['AAPL', 'EURUSD', 'MSFT'], effectiveSequence } },
  });
}

/** The ack, and the start of coverage the session derives from it. */
function subscribe(model: MarketModel, effectiveSequence: bigint): void {
  model.receive(ack(effectiveSequence));
  model.sequence.onSubscribed(effectiveSequence, 'fresh');
}

function snapshot(asOfSequence: bigint): Uint8Array {
  return frame({
    body: {
      case: 'snapshot',
      value: {
        asOfSequence,
        complete: true,
        // not in symbol order: the table sorts
        instruments: [
          {
            instrument: MSFT,
            bestQuote: { instrumentId: 2, sequence: 80n, eventTimeNs: ms(80), bidPrice: 4_099_900n, askPrice: 4_100_100n },
          },
          { instrument: EURUSD },
          {
            instrument: AAPL,
            lastTrade: { instrumentId: 1, sequence: 90n, eventTimeNs: ms(90), price: 1_912_300n, size: 10n },
            bestQuote: { instrumentId: 1, sequence: 95n, eventTimeNs: ms(95), bidPrice: 1_912_200n, askPrice: 1_912_400n },
          },
        ],
      },
    },
  });
}

function views(model: MarketModel) {
  return model.visibleRows().map(presentRow);
}

describe('MarketModel', () => {
  let now = 0;
  let model: MarketModel;

  beforeEach(() => {
    now = 10_000;
    model = new MarketModel({ now: () => now });
    model.beginConnection();
  });

  it('builds the table from a snapshot and the batches that follow it', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));

    expect(model.snapshotComplete).toBe(true);
    expect(views(model).map((v) => [v.symbol, v.last, v.volume])).toEqual([
      // the server sent no day figures: volume counts what is seen from now on
      ['AAPL', '191.23', '≥0'],
      ['EURUSD', '—', '—'],
      ['MSFT', '—', '—'],
    ]);
    expect(model.row(2)?.bidPrice).toBe(4_099_900n);

    model.receive(
      dataFrame(101n, 104n, [
        tradeTick({ instrumentId: 1, sequence: 101n, eventTimeNs: ms(101), price: 1_915_000n }),
        quoteTick({ instrumentId: 2, sequence: 102n, eventTimeNs: ms(102), bidPrice: 4_095_000n, askPrice: 4_095_500n }),
        tradeTick({ instrumentId: 2, sequence: 103n, eventTimeNs: ms(103), price: 4_095_500n }),
        tradeTick({ instrumentId: 3, sequence: 104n, eventTimeNs: ms(104), price: 108_437n }),
      ]),
    );
    model.receive(
      dataFrame(105n, 107n, [
        tradeTick({ instrumentId: 1, sequence: 106n, eventTimeNs: ms(106), price: 1_910_000n }),
      ]),
    );

    // the quote beside the trade: MSFT's from the batch, after its snapshot's
    const msft = views(model).find((v) => v.symbol === 'MSFT')?.quote;
    expect([msft?.bid, msft?.ask, msft?.spread]).toEqual(['409.50', '409.55', '0.05']);
    expect(views(model).map(({ quote: _quote, ...figures }) => figures)).toEqual([
      {
        symbol: 'AAPL',
        name: 'Apple Inc.',
        last: '191.00',
        change: '+1.00',
        changePercent: '+0.53%',
        volume: '≥200',
        volumePartial: true,
        trend: 'up',
        lastMove: 'down',
        moves: 2,
        status: '',
      },
      {
        symbol: 'EURUSD',
        name: 'Euro / US Dollar',
        last: '1.08437',
        change: '-0.00063',
        changePercent: '-0.06%',
        volume: '100',
        volumePartial: false,
        trend: 'down',
        lastMove: 'flat',
        moves: 0,
        status: '',
      },
      {
        symbol: 'MSFT',
        name: 'Microsoft Corp',
        last: '409.55',
        change: '-0.45',
        changePercent: '-0.11%',
        volume: '100',
        volumePartial: false,
        trend: 'down',
        lastMove: 'flat',
        moves: 0,
        status: '',
      },
    ]);
    expect(model.row(1)?.askPrice).toBe(1_912_400n);
    expect(model.row(2)?.bidPrice).toBe(4_095_000n);
    expect(model.sequence.lastSequence).toBe(107n);
    expect(model.sequence.gaps).toBe(0);
    expect(model.stats.ticksTotal).toBe(5);
    expect(model.row(1)?.lastSize).toBe(100n);
  });

  it('marks only the rows that changed, and changes the layout only for new instruments', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    expect(model.takeDirty().sort()).toEqual([1, 2, 3]);
    const layout = model.layoutVersion;

    model.receive(dataFrame(101n, 101n, [tradeTick({ instrumentId: 2, sequence: 101n, price: 4_100_000n })]));
    model.receive(frame({ body: { case: 'heartbeat', value: { headSequence: 101n } } }));

    expect(model.takeDirty()).toEqual([2]);
    expect(model.takeDirty()).toEqual([]);
    expect(model.layoutVersion).toBe(layout);
  });

  it('counts a batch that starts after the next sequence due as a gap', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    model.receive(dataFrame(101n, 105n, [tradeTick({ instrumentId: 1, sequence: 103n, price: 1_913_000n })]));
    expect(model.sequence.gaps).toBe(0);

    model.receive(dataFrame(108n, 110n, [tradeTick({ instrumentId: 1, sequence: 109n, price: 1_914_000n })]));
    expect(model.sequence.gaps).toBe(1);
    expect(model.sequence.missed).toBe(2n);
    expect(model.sequence.lastGap).toEqual({ expected: 106n, received: 108n, missed: 2n });
    // the data after the gap is still shown
    expect(presentRow(model.row(1)!).last).toBe('191.40');

    // contiguous again from the new position
    model.receive(dataFrame(111n, 112n, []));
    expect(model.sequence.gaps).toBe(1);
    expect(model.sequence.lastSequence).toBe(112n);
  });

  it('counts a first batch that does not start right after the snapshot', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    model.receive(dataFrame(102n, 103n, []));
    expect(model.sequence.gaps).toBe(1);
    expect(model.sequence.lastGap).toEqual({ expected: 101n, received: 102n, missed: 1n });
  });

  it('does not count a batch that goes back over covered records as a gap, and keeps the newer trade', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    model.receive(dataFrame(101n, 105n, [tradeTick({ instrumentId: 1, sequence: 104n, price: 1_920_000n })]));
    model.receive(
      dataFrame(103n, 106n, [
        tradeTick({ instrumentId: 1, sequence: 104n, price: 1_920_000n }),
        tradeTick({ instrumentId: 1, sequence: 103n, price: 1_000_000n }),
      ]),
    );

    expect(model.sequence.gaps).toBe(0);
    expect(model.sequence.overlaps).toBe(1);
    expect(model.sequence.lastSequence).toBe(106n);
    expect(presentRow(model.row(1)!).last).toBe('192.00');
  });

  it('accepts a first batch whose range begins before the subscription took effect', () => {
    // the server scanned 95..100 before the subscription: those records hold no tick of it
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    model.receive(dataFrame(95n, 103n, [tradeTick({ instrumentId: 1, sequence: 102n, price: 1_920_000n })]));
    model.receive(dataFrame(104n, 105n, []));

    expect(model.sequence.gaps).toBe(0);
    expect(model.sequence.overlaps).toBe(0);
    expect(model.sequence.lastSequence).toBe(105n);
  });

  it('continues after the range a heartbeat covered', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    model.receive(dataFrame(101n, 105n, []));
    // records 106..110 held nothing for this connection
    model.receive(frame({ body: { case: 'heartbeat', value: { headSequence: 110n, scannedSequence: 110n } } }));
    expect(model.sequence.lastSequence).toBe(110n);
    model.receive(dataFrame(111n, 112n, []));
    expect(model.sequence.gaps).toBe(0);

    // a heartbeat sent while ticks were waiting repeats the last covered sequence
    model.receive(frame({ body: { case: 'heartbeat', value: { headSequence: 120n, scannedSequence: 112n } } }));
    model.receive(dataFrame(113n, 120n, []));
    expect(model.sequence.gaps).toBe(0);

    model.receive(frame({ body: { case: 'heartbeat', value: { headSequence: 130n, scannedSequence: 125n } } }));
    model.receive(dataFrame(127n, 130n, []));
    expect(model.sequence.gaps).toBe(1);
    expect(model.sequence.lastGap).toEqual({ expected: 126n, received: 127n, missed: 1n });
  });

  it('checks each connection against its own subscription', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    model.receive(dataFrame(101n, 150n, []));

    // reconnected: the new subscription starts further on, which is not a gap
    model.beginConnection();
    expect(model.snapshotComplete).toBe(false);
    subscribe(model, 301n);
    model.receive(snapshot(300n));
    model.receive(dataFrame(301n, 310n, []));

    expect(model.sequence.gaps).toBe(0);
    expect(model.sequence.lastSequence).toBe(310n);
  });

  it('ignores a message body it does not know, without touching the state', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    model.takeDirty();
    const before = views(model);

    model.receive(unknownBodyFrame());
    model.receive(frame({})); // no body at all

    expect(model.ignoredMessages).toBe(2);
    expect(model.malformedMessages).toBe(0);
    expect(views(model)).toEqual(before);
    expect(model.takeDirty()).toEqual([]);
    expect(model.sequence.lastSequence).toBe(100n);
  });

  it('counts frames that are not a ServerMessage and carries on', () => {
    model.receive(new Uint8Array([0xff, 0xff, 0xff]));
    expect(model.malformedMessages).toBe(1);
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    expect(model.visibleRows()).toHaveLength(3);
  });

  it('keeps ticks of an instrument whose facts come later, and shows it then', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    model.receive(dataFrame(101n, 101n, [tradeTick({ instrumentId: 9, sequence: 101n, eventTimeNs: ms(101), price: 5_000n })]));
    expect(model.visibleRows().map((r) => r.id)).toEqual([1, 3, 2]);
    expect(model.unknownInstrumentTicks).toBe(1);

    const layout = model.layoutVersion;
    model.receive(
      frame({
        body: {
          case: 'snapshot',
          value: {
            asOfSequence: 100n,
            complete: true,
            instruments: [{ instrument: instrument({ id: 9, symbol: 'ABC', referencePrice: 4_000n }) }],
          },
        },
      }),
    );
    expect(model.layoutVersion).toBeGreaterThan(layout);
    expect(views(model).map((v) => [v.symbol, v.last, v.change, v.changePercent])).toEqual([
      ['AAPL', '191.23', '+1.23', '+0.65%'],
      ['ABC', '0.50', '+0.10', '+25.00%'],
      ['EURUSD', '—', '—', '—'],
      ['MSFT', '—', '—', '—'],
    ]);
  });

  it('skips ticks of other kinds inside a batch', () => {
    subscribe(model, 101n);
    model.receive(snapshot(100n));
    model.receive(dataFrame(101n, 102n, [{ $typeName: 'ticker.v1.Tick', kind: { case: undefined } }, tradeTick({ instrumentId: 1, sequence: 102n, price: 1n })]));
    expect(model.stats.ticksTotal).toBe(1);
  });

  it('measures ticks per second over the last whole second', () => {
    subscribe(model, 1n);
    model.receive(snapshot(0n));
    now = 20_000;
    model.receive(dataFrame(1n, 30n, Array.from({ length: 30 }, (_, i) => quoteTick({ instrumentId: 1, sequence: BigInt(i + 1), bidPrice: 1n, askPrice: 2n }))));
    now = 20_500;
    model.receive(dataFrame(31n, 50n, Array.from({ length: 20 }, (_, i) => quoteTick({ instrumentId: 2, sequence: BigInt(i + 31), bidPrice: 1n, askPrice: 2n }))));

    now = 21_000;
    expect(model.stats.ticksPerSecond(now)).toBe(50);
    now = 21_200;
    expect(model.stats.ticksPerSecond(now)).toBe(20);
    now = 22_000;
    expect(model.stats.ticksPerSecond(now)).toBe(0);
  });

  it('keeps the latest heartbeat and server error', () => {
    now = 12_345;
    model.receive(frame({ body: { case: 'heartbeat', value: { serverTimeNs: T0, headSequence: 500n, scannedSequence: 490n } } }));
    model.receive(
      frame({
        body: {
          case: 'error',
          value: { code: ErrorCode.SLOW_CONSUMER, message: 'outbound buffer full', resumeSequence: 491n },
        },
      }),
    );

    expect(model.stats.heartbeat).toEqual({ serverTimeNs: T0, headSequence: 500n, scannedSequence: 490n, receivedAtMs: 12_345 });
    expect(model.lastError).toMatchObject({ code: ErrorCode.SLOW_CONSUMER, codeName: 'SLOW_CONSUMER', message: 'outbound buffer full', resumeSequence: 491n });
    expect(model.errorCount).toBe(1);
  });
});
