import { describe, expect, it } from 'vitest';
import { BarInterval, TradingStatus } from '../src/gen/ticker/v1/market_pb.js';
import { BarStore } from '../src/model/bar-store.js';
import { MarketModel, REPLAY_MOVED_NOTE, SAMPLED_TAPE_NOTE } from '../src/model/market-model.js';
import { presentRow } from '../src/view/present.js';
import { dataFrame, frame, instrument, tradeTick } from './support.js';

const AAPL = instrument({ id: 1, symbol: 'AAPL', referencePrice: 1_000_000n, timeZone: 'America/New_York' });
// 2023-11-14 15:00 in New York
const T = 1_699_992_000_000_000_000n;

function model(): MarketModel {
  const m = new MarketModel({ now: () => 0, wallNow: () => 0 });
  m.beginConnection();
  m.sequence.onSubscribed(101n, 'fresh');
  return m;
}

describe('MarketModel day figures', () => {
  it('shouldTakeChangeAndExactVolumeFromTheServersDayStatistics', () => {
    const m = model();
    m.receive(
      frame({
        body: {
          case: 'snapshot',
          value: {
            asOfSequence: 100n,
            complete: true,
            instruments: [
              {
                instrument: AAPL,
                lastTrade: { instrumentId: 1, sequence: 90n, eventTimeNs: T, price: 1_020_000n, size: 5n },
                day: { date: '2023-11-14', open: 1_010_000n, high: 1_030_000n, low: 1_000_000n, close: 1_020_000n, volume: 12_345n, previousClose: 1_015_000n, change: 5_000n },
                status: TradingStatus.TRADING,
              },
            ],
          },
        },
      }),
    );
    m.receive(dataFrame(101n, 101n, [tradeTick({ instrumentId: 1, sequence: 101n, eventTimeNs: T + 1_000_000n, price: 1_025_000n, size: 55n })]));

    const view = presentRow(m.rowBySymbol('AAPL')!);
    expect([view.change, view.changePercent, view.volume, view.volumePartial]).toEqual(['+1.00', '+0.99%', '12.4K', false]);
  });

  it('shouldFollowTheLiveDailyBarForVolumeAndStartANewDayWithTheLastClose', () => {
    const m = model();
    m.receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL }] } } }));
    const day = (start: bigint, close: bigint, volume: bigint, seq: bigint) => ({ instrumentId: 1, interval: BarInterval.BAR_INTERVAL_1D, startTimeNs: start, open: 1_000_000n, high: close, low: 990_000n, close, volume, lastSequence: seq });
    m.receive(
      frame({ body: { case: 'data', value: { firstSequence: 101n, lastSequence: 102n, conflated: 40n, ticks: [tradeTick({ instrumentId: 1, sequence: 102n, eventTimeNs: T, price: 1_050_000n, size: 10n })], bars: [day(T - 54_000_000_000_000n, 1_050_000n, 90_000n, 102n)] } } }),
    );
    let view = presentRow(m.rowBySymbol('AAPL')!);
    expect([view.volume, view.volumePartial, view.change]).toEqual(['90.0K', false, '+5.00']);

    // next day's first bar: yesterday's last price is the new base
    const nextDay = T - 54_000_000_000_000n + 86_400_000_000_000n;
    m.receive(
      frame({ body: { case: 'data', value: { firstSequence: 103n, lastSequence: 103n, ticks: [tradeTick({ instrumentId: 1, sequence: 103n, eventTimeNs: nextDay + 1n, price: 1_040_000n, size: 7n })], bars: [day(nextDay, 1_040_000n, 7n, 103n)] } } }),
    );
    view = presentRow(m.rowBySymbol('AAPL')!);
    expect([view.volume, view.change]).toEqual(['7', '-1.00']);
  });

  it('shouldCountLiveVolumeAsPartialWithoutDayFiguresAndRollItAtTheExchangesMidnight', () => {
    const m = model();
    m.receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL, lastTrade: { instrumentId: 1, sequence: 99n, eventTimeNs: T, price: 1_000_000n, size: 1n } }] } } }));
    m.receive(dataFrame(101n, 102n, [tradeTick({ instrumentId: 1, sequence: 101n, eventTimeNs: T, price: 1_010_000n, size: 300n })]));
    expect(presentRow(m.rowBySymbol('AAPL')!).volume).toBe('≥300');

    // 10 hours later it is the next day in New York: a fresh day, counted from its first trade
    m.receive(dataFrame(103n, 103n, [tradeTick({ instrumentId: 1, sequence: 103n, eventTimeNs: T + 36_000_000_000_000n, price: 1_020_000n, size: 20n })]));
    const view = presentRow(m.rowBySymbol('AAPL')!);
    expect([view.volume, view.volumePartial, view.change]).toEqual(['20', false, '+1.00']);
  });

  it('shouldFeedTheChartAndTapeOfTheChartedInstrumentOnly', () => {
    const m = model();
    m.receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL }, { instrument: instrument({ id: 2, symbol: 'MSFT' }) }] } } }));
    const store = new BarStore(1, 60, 4);
    m.setChart(store, BarInterval.BAR_INTERVAL_1M);
    store.historyMissing('unavailable', '');
    m.receive(
      frame({
        body: {
          case: 'data',
          value: {
            firstSequence: 101n,
            lastSequence: 103n,
            ticks: [tradeTick({ instrumentId: 1, sequence: 101n, eventTimeNs: T, price: 1_000_000n }), tradeTick({ instrumentId: 2, sequence: 102n, eventTimeNs: T, price: 5n })],
            bars: [
              { instrumentId: 1, interval: BarInterval.BAR_INTERVAL_1M, startTimeNs: T, close: 1_000_000n, lastSequence: 101n },
              { instrumentId: 2, interval: BarInterval.BAR_INTERVAL_1M, startTimeNs: T, close: 5n, lastSequence: 102n },
              { instrumentId: 1, interval: BarInterval.BAR_INTERVAL_5M, startTimeNs: T, close: 7n, lastSequence: 101n },
            ],
          },
        },
      }),
    );
    expect(m.tape.length).toBe(1);
    expect(m.tape.at(0).sequence).toBe(101n);
    expect(store.bars.map((b) => [b.close, b.lastSequence])).toEqual([[100, 101n]]);
  });

  it('shouldFeedEachPaneTheBarsOfItsOwnInstrumentAndIntervalWhileTheTapeFollowsTheSelection', () => {
    const m = model();
    m.receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL }, { instrument: instrument({ id: 2, symbol: 'MSFT' }) }] } } }));
    const aapl1m = new BarStore(1, 60, 4);
    const aapl5m = new BarStore(1, 300, 4);
    const msft1m = new BarStore(2, 60, 0);
    m.setPaneChart(0, aapl1m, BarInterval.BAR_INTERVAL_1M);
    m.setPaneChart(1, aapl5m, BarInterval.BAR_INTERVAL_5M);
    m.setPaneChart(3, msft1m, BarInterval.BAR_INTERVAL_1M);
    m.showTape(2);
    for (const store of [aapl1m, aapl5m, msft1m]) store.historyMissing('unavailable', '');
    m.receive(
      frame({
        body: {
          case: 'data',
          value: {
            firstSequence: 101n,
            lastSequence: 102n,
            ticks: [tradeTick({ instrumentId: 1, sequence: 101n, eventTimeNs: T, price: 1_000_000n }), tradeTick({ instrumentId: 2, sequence: 102n, eventTimeNs: T, price: 5n })],
            bars: [
              { instrumentId: 1, interval: BarInterval.BAR_INTERVAL_1M, startTimeNs: T, close: 1_000_000n, lastSequence: 101n },
              { instrumentId: 1, interval: BarInterval.BAR_INTERVAL_5M, startTimeNs: T, close: 1_010_000n, lastSequence: 101n },
              { instrumentId: 2, interval: BarInterval.BAR_INTERVAL_1M, startTimeNs: T, close: 5n, lastSequence: 102n },
            ],
          },
        },
      }),
    );
    expect(aapl1m.bars.map((b) => b.close)).toEqual([100]);
    expect(aapl5m.bars.map((b) => b.close)).toEqual([101]);
    expect(msft1m.bars.map((b) => b.close)).toEqual([5]);
    expect(m.tape.at(0).sequence).toBe(102n);

    // a pane no longer shown gets nothing
    m.setPaneChart(1, undefined, BarInterval.BAR_INTERVAL_UNSPECIFIED);
    m.receive(frame({ body: { case: 'data', value: { firstSequence: 103n, lastSequence: 103n, bars: [{ instrumentId: 1, interval: BarInterval.BAR_INTERVAL_5M, startTimeNs: T, close: 1_020_000n, lastSequence: 103n }] } } }));
    expect(aapl5m.bars.map((b) => b.close)).toEqual([101]);
  });

  it('shouldKeepATapePerSymbolSoSwitchingTheChartShowsItsRecentTradesAtOnce', () => {
    const m = model();
    const MSFT = instrument({ id: 2, symbol: 'MSFT' });
    m.receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL }, { instrument: MSFT }] } } }));
    m.setChart(new BarStore(1, 60, 4), BarInterval.BAR_INTERVAL_1M);
    m.receive(
      dataFrame(101n, 103n, [
        tradeTick({ instrumentId: 1, sequence: 101n, eventTimeNs: T, price: 1_000_000n }),
        tradeTick({ instrumentId: 2, sequence: 102n, eventTimeNs: T, price: 5n }),
        tradeTick({ instrumentId: 2, sequence: 103n, eventTimeNs: T, price: 6n }),
      ]),
    );
    const aapl = m.tape;

    // MSFT charted: its trades so far at once, below a line that says they were samples
    m.setChart(new BarStore(2, 60, 4), BarInterval.BAR_INTERVAL_1M);
    m.receive(dataFrame(104n, 104n, [tradeTick({ instrumentId: 2, sequence: 104n, eventTimeNs: T, price: 7n })]));
    const lines = Array.from({ length: m.tape.length }, (_, i) => m.tape.at(i));
    expect(lines.map((e) => (e.kind === 'break' ? e.note : e.sequence))).toEqual([104n, SAMPLED_TAPE_NOTE, 103n, 102n]);

    // and back: AAPL's tape as it was
    m.setChart(new BarStore(1, 60, 4), BarInterval.BAR_INTERVAL_1M);
    expect(m.tape).toBe(aapl);
    expect(m.tape.at(m.tape.length - 1).sequence).toBe(101n);
  });

  it('shouldKeepTheTradesBeforeANewReplayPositionOnTheTapeBelowALineThatSaysSo', () => {
    const before = model();
    before.receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL }] } } }));
    before.showTape(1);
    before.receive(
      dataFrame(101n, 103n, [
        tradeTick({ instrumentId: 1, sequence: 101n, eventTimeNs: T, price: 1n }),
        tradeTick({ instrumentId: 1, sequence: 102n, eventTimeNs: T, price: 2n }),
        tradeTick({ instrumentId: 1, sequence: 103n, eventTimeNs: T, price: 3n }),
      ]),
    );
    // sought back to #103: the trades before it stay, the one at it is replayed again
    const after = new MarketModel({ now: () => 0, wallNow: () => 0, replay: true });
    after.addCatalogue([AAPL]);
    after.carryTapes(before, 103n);
    after.showTape(1);
    const lines = Array.from({ length: after.tape.length }, (_, i) => after.tape.at(i));
    expect(lines.map((e) => (e.kind === 'break' ? e.note : e.sequence))).toEqual([REPLAY_MOVED_NOTE, 102n, 101n]);
  });

  it('shouldShowAReplayedSymbolsWholeTapeWhenSelected', () => {
    const m = new MarketModel({ now: () => 0, wallNow: () => 0, replay: true });
    m.addCatalogue([AAPL, instrument({ id: 2, symbol: 'MSFT' })]);
    m.beginConnection();
    m.sequence.restartAt(101n);
    m.showTape(1);
    m.receive(dataFrame(101n, 102n, [tradeTick({ instrumentId: 2, sequence: 101n, eventTimeNs: T, price: 5n }), tradeTick({ instrumentId: 2, sequence: 102n, eventTimeNs: T, price: 6n })]));
    m.showTape(2);
    const lines = Array.from({ length: m.tape.length }, (_, i) => m.tape.at(i));
    expect(lines.map((e) => (e.kind === 'break' ? e.note : e.sequence))).toEqual([102n, 101n]);
  });

  it('shouldMarkAGapOnEveryTape', () => {
    const m = model();
    m.receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL }, { instrument: instrument({ id: 2, symbol: 'MSFT' }) }] } } }));
    m.setChart(new BarStore(1, 60, 4), BarInterval.BAR_INTERVAL_1M);
    m.receive(dataFrame(101n, 102n, [tradeTick({ instrumentId: 1, sequence: 101n, eventTimeNs: T, price: 1n }), tradeTick({ instrumentId: 2, sequence: 102n, eventTimeNs: T, price: 5n })]));
    m.receive(dataFrame(110n, 110n, []));

    expect(m.tape.at(0).note).toMatch(/^gap: 7 record/);
    m.setChart(new BarStore(2, 60, 4), BarInterval.BAR_INTERVAL_1M);
    // MSFT's tape keeps the gap's line on top
    expect(m.tape.at(0).note).toMatch(/^gap: 7 record/);
    expect(m.tape.at(1).sequence).toBe(102n);
  });

  it('shouldShowAHaltedOrClosedStatusFromTheSnapshotAndFromStatusChanges', () => {
    const m = model();
    m.receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL, status: TradingStatus.HALTED }] } } }));
    expect(presentRow(m.rowBySymbol('AAPL')!).status).toBe('HALTED');
    const status = (sequence: bigint, value: TradingStatus) => ({ kind: { case: 'status' as const, value: { instrumentId: 1, sequence, eventTimeNs: T, status: value } } });
    m.receive(frame({ body: { case: 'data', value: { firstSequence: 101n, lastSequence: 101n, ticks: [status(101n, TradingStatus.TRADING)] } } }));
    expect(presentRow(m.rowBySymbol('AAPL')!).status).toBe('');
    m.receive(frame({ body: { case: 'data', value: { firstSequence: 102n, lastSequence: 102n, ticks: [status(102n, TradingStatus.CLOSED)] } } }));
    expect(presentRow(m.rowBySymbol('AAPL')!).status).toBe('CLOSED');
  });

  it('shouldMarkTheTapeWhenTheDailyBarCountsMoreTradesThanTheTapeReceived', () => {
    const m = model();
    const dayStart = T - 54_000_000_000_000n;
    const day = (tradeCount: bigint, seq: bigint) => ({ instrumentId: 1, interval: BarInterval.BAR_INTERVAL_1D, startTimeNs: dayStart, close: 1_000_000n, tradeCount, lastSequence: seq });
    m.receive(frame({ body: { case: 'snapshot', value: { asOfSequence: 100n, complete: true, instruments: [{ instrument: AAPL, currentBars: [day(50n, 99n)] }] } } }));
    const store = new BarStore(1, 60, 4);
    m.setChart(store, BarInterval.BAR_INTERVAL_1M);
    m.receive(frame({ body: { case: 'data', value: { firstSequence: 101n, lastSequence: 101n, bars: [day(50n, 99n)] } } }));
    const trade = (sequence: bigint) => tradeTick({ instrumentId: 1, sequence, eventTimeNs: T, price: 1_000_000n });
    // every trade arrived: two more in the count, two on the tape
    m.receive(frame({ body: { case: 'data', value: { firstSequence: 102n, lastSequence: 103n, ticks: [trade(102n), trade(103n)], bars: [day(52n, 103n)] } } }));
    expect(m.tapeMissed).toBe(0n);
    expect(m.recentTapeMissed(0)).toBe(0n);
    // the server fell behind: five trades, only the latest one sent
    m.receive(frame({ body: { case: 'data', value: { firstSequence: 104n, lastSequence: 110n, conflated: 4n, ticks: [trade(110n)], bars: [day(57n, 110n)] } } }));
    expect(m.tapeMissed).toBe(4n);
    expect(m.recentTapeMissed(0)).toBe(4n);
    expect(m.tape.at(0).note).toContain('merged away');
  });
});
