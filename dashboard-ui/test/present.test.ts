import { fromBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { ServerMessageSchema } from '../src/gen/ticker/v1/stream_pb.js';
import { MarketModel, type InstrumentRow } from '../src/model/market-model.js';
import { formatVolume, groupThousands, presentQuote } from '../src/view/present.js';
import { formatDuration } from '../src/view/status-bar.js';
import { frame, instrument } from './support.js';

describe('formatVolume', () => {
  it('shouldShowSmallVolumesExactly', () => {
    expect(formatVolume(0n)).toBe('0');
    expect(formatVolume(999n)).toBe('999');
    expect(formatVolume(9_999n)).toBe('9,999');
  });

  it('shouldTruncateLargeVolumesNeverRoundingUp', () => {
    expect(formatVolume(10_000n)).toBe('10.0K');
    expect(formatVolume(123_456n)).toBe('123.4K');
    expect(formatVolume(999_999n)).toBe('999.9K');
    expect(formatVolume(1_000_000n)).toBe('1.00M');
    expect(formatVolume(12_349_999n)).toBe('12.34M');
    expect(formatVolume(1_999_999_999n)).toBe('1.99B');
    expect(formatVolume(123_456_789_012_345n)).toBe('123456.78B');
  });

  it('shouldGroupThousands', () => {
    expect(groupThousands(1_234_567n)).toBe('1,234,567');
    expect(groupThousands(-1_234n)).toBe('-1,234');
    expect(groupThousands(12n)).toBe('12');
  });
});

describe('formatDuration', () => {
  it('shouldShowMillisecondsThenSeconds', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(3.4)).toBe('3 ms');
    expect(formatDuration(-12)).toBe('-12 ms');
    expect(formatDuration(1_450)).toBe('1.4 s');
  });
});

describe('presentQuote', () => {
  const AAPL = instrument({ id: 1, symbol: 'AAPL', priceDecimals: 2, priceIncrement: 1n, referencePrice: 18_000n });

  function rowWithQuote(quote: { bidPrice: bigint; bidSize: bigint; askPrice: bigint; askSize: bigint } | undefined): InstrumentRow {
    const model = new MarketModel({ now: () => 0 });
    model.apply(
      fromBinary(
        ServerMessageSchema,
        frame({
          body: {
            case: 'snapshot',
            value: {
              asOfSequence: 10n,
              complete: true,
              instruments: [{ instrument: AAPL, ...(quote === undefined ? {} : { bestQuote: { instrumentId: 1, sequence: 9n, ...quote } }) }],
            },
          },
        }),
      ),
    );
    const row = model.rowBySymbol('AAPL');
    if (row === undefined) throw new Error('no AAPL row');
    return row;
  }

  it('shouldShowBidAskSpreadAndSizesInTheInstrumentsPrices', () => {
    const quote = presentQuote(rowWithQuote({ bidPrice: 18_995n, bidSize: 300n, askPrice: 18_997n, askSize: 12_500n }));
    expect(quote).toEqual({ bid: '189.95', ask: '189.97', spread: '0.02', bidSize: '300', askSize: '12.5K', sizes: '300 × 12.5K' });
    expect(presentQuote(rowWithQuote({ bidPrice: 18_995n, bidSize: 2_599n, askPrice: 18_997n, askSize: 999n })).sizes).toBe('2.5K × 999');
  });

  it('shouldShowNothingForASideWithNoPrice', () => {
    expect(presentQuote(rowWithQuote(undefined)).bid).toBe('—');
    const oneSided = presentQuote(rowWithQuote({ bidPrice: 18_995n, bidSize: 300n, askPrice: 0n, askSize: 0n }));
    expect([oneSided.bid, oneSided.ask, oneSided.spread, oneSided.sizes]).toEqual(['189.95', '—', '—', '300 × —']);
  });
});
