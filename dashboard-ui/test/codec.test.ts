import { fromBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { BarInterval } from '../src/gen/ticker/v1/market_pb.js';
import { ClientMessageSchema } from '../src/gen/ticker/v1/stream_pb.js';
import { decodeServerMessage, encodeResume, encodeSubscribe, encodeUnsubscribe } from '../src/protocol/codec.js';
import { frame, tradeTick } from './support.js';

describe('codec', () => {
  it('shouldEncodeASubscribeWithRateAndBarIntervals', () => {
    const message = fromBinary(
      ClientMessageSchema,
      encodeSubscribe(7, { symbols: ['AAPL', 'MSFT'], maxUpdatesPerSecond: 4, barIntervals: [BarInterval.BAR_INTERVAL_1D] }),
    );
    expect(message.body.case).toBe('subscribe');
    expect(message.body.value).toMatchObject({ requestId: 7, symbols: ['AAPL', 'MSFT'], all: false, maxUpdatesPerSecond: 4, barIntervals: [BarInterval.BAR_INTERVAL_1D] });
  });

  it('shouldEncodeAResumeWithTheCoveredSequenceAndTheSubscriptions', () => {
    const message = fromBinary(
      ClientMessageSchema,
      encodeResume(9, 18_446_744_073_709_551_000n, [{ all: true, maxUpdatesPerSecond: 4 }, { symbols: ['AAPL'], barIntervals: [BarInterval.BAR_INTERVAL_1S] }]),
    );
    expect(message.body.case).toBe('resume');
    if (message.body.case !== 'resume') return;
    expect(message.body.value.requestId).toBe(9);
    expect(message.body.value.lastSequence).toBe(18_446_744_073_709_551_000n); // full uint64
    expect(message.body.value.subscriptions.map((s) => [s.all, s.symbols, s.maxUpdatesPerSecond, s.barIntervals])).toEqual([
      [true, [], 4, []],
      [false, ['AAPL'], 0, [BarInterval.BAR_INTERVAL_1S]],
    ]);
  });

  it('shouldEncodeAnUnsubscribeOfSomeOrAll', () => {
    expect(fromBinary(ClientMessageSchema, encodeUnsubscribe(3, ['AAPL'])).body.value).toMatchObject({ requestId: 3, symbols: ['AAPL'], all: false });
    expect(fromBinary(ClientMessageSchema, encodeUnsubscribe(4, [], true)).body.value).toMatchObject({ requestId: 4, symbols: [], all: true });
  });

  it('shouldDecodeADataBatchWithConflationAndBars', () => {
    const message = decodeServerMessage(
      frame({
        body: {
          case: 'data',
          value: {
            firstSequence: 10n,
            lastSequence: 20n,
            conflated: 3n,
            ticks: [tradeTick({ instrumentId: 1, sequence: 15n, price: 1_234_500n })],
            bars: [{ instrumentId: 1, interval: BarInterval.BAR_INTERVAL_1M, startTimeNs: 60_000_000_000n, close: 1_234_500n, lastSequence: 15n }],
          },
        },
      }),
    );
    expect(message.body.case).toBe('data');
    if (message.body.case !== 'data') return;
    expect(message.body.value.conflated).toBe(3n);
    expect(message.body.value.ticks[0]?.kind).toMatchObject({ case: 'trade', value: { sequence: 15n, price: 1_234_500n } });
    expect(message.body.value.bars[0]).toMatchObject({ interval: BarInterval.BAR_INTERVAL_1M, lastSequence: 15n });
  });

  it('shouldThrowOnBytesThatAreNotAServerMessage', () => {
    expect(() => decodeServerMessage(new Uint8Array([0xff, 0xff, 0xff]))).toThrow();
  });
});
