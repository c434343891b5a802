import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { BarHistorySchema, BarInterval, BarSchema, type Bar } from '../src/gen/ticker/v1/market_pb.js';
import { BarStore, type BarChanges } from '../src/model/bar-store.js';

const MINUTE_NS = 60_000_000_000n;
// 2023-11-14T22:00:00Z, a whole minute
const T0 = 1_699_999_200_000_000_000n;
const at = (minute: number) => T0 + BigInt(minute) * MINUTE_NS;
const seconds = (minute: number) => Number(at(minute) / 1_000_000_000n);

function bar(minute: number, close: number, lastSequence: bigint, volume = 10n): Bar {
  const price = BigInt(close) * 100n;
  return create(BarSchema, {
    instrumentId: 1,
    interval: BarInterval.BAR_INTERVAL_1M,
    startTimeNs: at(minute),
    open: price,
    high: price + 100n,
    low: price - 100n,
    close: price,
    volume,
    tradeCount: 1n,
    lastSequence,
  });
}

function history(lastSequence: bigint, bars: Bar[], olderToNs = 0n) {
  return create(BarHistorySchema, { interval: BarInterval.BAR_INTERVAL_1M, lastSequence, bars, olderToNs });
}

function closes(changes: BarChanges): Array<[number, number]> {
  return changes.kind === 'none' ? [] : changes.bars.map((b) => [b.time, b.close]);
}

describe('BarStore', () => {
  it('shouldStitchLiveBarsOntoHistoryWithNoDuplicateAtTheSeam', () => {
    const store = new BarStore(1, 60, 2);
    // live bars that arrive while history loads wait for it
    store.applyLive(bar(2, 103, 250n)); // older than the history's own state of minute 2
    store.applyLive(bar(2, 105, 320n)); // newer: supersedes it
    store.applyLive(bar(3, 106, 330n)); // a new bar
    expect(store.state).toBe('loading');
    expect(store.bars).toEqual([]);

    store.applyHistory(history(300n, [bar(0, 100, 120n), bar(1, 101, 200n), bar(2, 104, 300n)]));

    const changes = store.takeChanges();
    expect(changes.kind).toBe('reset');
    expect(closes(changes)).toEqual([
      [seconds(0), 100],
      [seconds(1), 101],
      [seconds(2), 105],
      [seconds(3), 106],
    ]);
    expect(store.bars.map((b) => b.lastSequence)).toEqual([120n, 200n, 320n, 330n]);
  });

  it('shouldIgnoreALiveBarTheHistoryAlreadyIncludes', () => {
    const store = new BarStore(1, 60, 2);
    store.applyHistory(history(300n, [bar(0, 100, 120n), bar(1, 101, 300n)]));
    store.takeChanges();

    store.applyLive(bar(1, 99, 290n));
    expect(store.takeChanges()).toEqual({ kind: 'none' });
    expect(store.bars[1]?.close).toBe(101);

    store.applyLive(bar(1, 102, 310n));
    store.applyLive(bar(2, 103, 320n));
    expect(closes(store.takeChanges())).toEqual([
      [seconds(1), 102],
      [seconds(2), 103],
    ]);
  });

  it('shouldLoadOlderBarsInFrontAndStopOnlyWhenTheServerSaysThereAreNoMore', () => {
    const store = new BarStore(1, 60, 2);
    store.applyHistory(history(300n, [bar(10, 110, 290n), bar(11, 111, 300n)], at(10)));
    store.takeChanges();
    expect(store.oldestStartMs()).toBe(seconds(10) * 1000);
    expect(store.olderToMs()).toBe(seconds(10) * 1000);

    // the page before, overlapping by one bar
    expect(store.prependHistory(history(300n, [bar(8, 108, 100n), bar(9, 109, 110n), bar(10, 0, 1n)], at(8)))).toBe(2);
    expect(store.bars.map((b) => b.close)).toEqual([108, 109, 110, 111]);
    expect(store.takeChanges().kind).toBe('reset');
    expect(store.exhausted).toBe(false);
    expect(store.olderToMs()).toBe(seconds(8) * 1000);

    // no bars, but older ones exist (a stretch without trades): not the end
    expect(store.prependHistory(history(300n, [], at(2)))).toBe(0);
    expect(store.exhausted).toBe(false);
    expect(store.olderToMs()).toBe(seconds(2) * 1000);

    expect(store.prependHistory(history(300n, [bar(1, 101, 50n)], 0n))).toBe(1);
    expect(store.exhausted).toBe(true);
    expect(store.olderToMs()).toBeUndefined();
  });

  it('shouldReplaceThePartialOldestBarWhenAnOlderPageBringsItWhole', () => {
    const store = new BarStore(1, 60, 2);
    // the first load begins with a bar the server had only part of, and pages back from the next
    store.applyHistory(history(300n, [bar(10, 110, 290n, 5n), bar(11, 111, 300n)], at(11)));
    expect(store.prependHistory(history(290n, [bar(9, 109, 200n), bar(10, 110, 290n, 25n)], at(9)))).toBe(1);
    expect(store.bars.map((b) => [b.close, b.volume])).toEqual([[109, 10], [110, 25], [111, 10]]);
  });

  it('shouldEndPagingWithTheServersReasonWhenItRefusesAPage', () => {
    const store = new BarStore(1, 86_400, 2);
    store.applyHistory(history(300n, [bar(10, 110, 290n)], at(10)));
    expect(store.exhausted).toBe(false);
    store.olderUnavailable('the 1d bar before it needs 84213 journal records');
    expect(store.exhausted).toBe(true);
    expect(store.olderNote).toBe('the 1d bar before it needs 84213 journal records');
  });

  it('shouldKeepPagingFromWhereItReachedWhenTheHistoryIsLoadedAgain', () => {
    const store = new BarStore(1, 60, 2);
    store.applyHistory(history(300n, [bar(10, 110, 290n)], at(10)));
    store.prependHistory(history(290n, [bar(5, 105, 100n)], at(5)));
    store.applyHistory(history(400n, [bar(11, 111, 400n)], at(11)));
    expect(store.olderToMs()).toBe(seconds(5) * 1000);
  });

  it('shouldAskForAReloadWhenHistoryEndsBeforeTheLiveBarsBegin', () => {
    const store = new BarStore(1, 60, 2);
    expect(store.needsReload(500n)).toBe(false); // nothing loaded yet
    store.applyHistory(history(300n, [bar(0, 100, 300n)]));
    expect(store.needsReload(301n)).toBe(false); // live starts right after the history
    expect(store.needsReload(200n)).toBe(false); // overlaps: later sequences win
    expect(store.needsReload(302n)).toBe(true); // record 301 is in neither
  });

  it('shouldConvertPricesToTheInstrumentsDecimals', () => {
    const store = new BarStore(1, 60, 4);
    store.historyMissing('unavailable', '');
    store.applyLive(create(BarSchema, { startTimeNs: at(0), open: 1_234_500n, high: 1_240_000n, low: 1_230_000n, close: 1_235_000n, volume: 700n, lastSequence: 9n }));
    expect(store.bars[0]).toEqual({ time: seconds(0), open: 123.45, high: 124, low: 123, close: 123.5, volume: 700, lastSequence: 9n });
  });

  describe('without bars from the server', () => {
    const SECOND_NS = 1_000_000_000n;

    it('shouldBuildBarsFromTradesStartingAtTheFirstCompleteBar', () => {
      const store = new BarStore(1, 5, 2);
      store.historyMissing('unavailable', 'no history');
      const t = T0 + 2n * SECOND_NS; // two seconds into a 5 s bar: that bar is incomplete
      store.applyTrade(10_000n, 5n, t);
      store.applyTrade(10_100n, 5n, t + SECOND_NS);
      expect(store.bars).toEqual([]);
      expect(store.localStartMs()).toBe(Number((T0 + 5n * SECOND_NS) / 1_000_000n));

      store.applyTrade(10_200n, 1n, T0 + 5n * SECOND_NS);
      store.applyTrade(10_400n, 2n, T0 + 6n * SECOND_NS);
      store.applyTrade(10_100n, 3n, T0 + 9n * SECOND_NS);
      store.applyTrade(10_300n, 4n, T0 + 10n * SECOND_NS);

      expect(store.builtLocally).toBe(true);
      expect(store.bars.map((b) => [b.open, b.high, b.low, b.close, b.volume])).toEqual([
        [102, 104, 101, 101, 6],
        [103, 103, 103, 103, 4],
      ]);
    });

    it('shouldDropBuiltBarsWhenTheStreamBreaks', () => {
      const store = new BarStore(1, 1, 2);
      store.historyMissing('unavailable', '');
      store.applyTrade(10_000n, 1n, T0);
      store.applyTrade(10_000n, 1n, T0 + SECOND_NS);
      expect(store.bars).toHaveLength(1);

      store.onContinuityBroken();
      expect(store.bars).toEqual([]);
      store.applyTrade(10_000n, 1n, T0 + 2n * SECOND_NS); // again only after the next boundary
      expect(store.bars).toEqual([]);
    });

    it('shouldPreferTheServersLiveBarsOverBarsBuiltFromTrades', () => {
      const store = new BarStore(1, 60, 2);
      store.historyMissing('unavailable', '');
      store.applyTrade(10_000n, 1n, at(0));
      store.applyTrade(10_000n, 1n, at(1));
      expect(store.builtLocally).toBe(true);

      store.applyLive(bar(1, 101, 50n));
      store.applyTrade(20_000n, 1n, at(2));
      expect(store.builtLocally).toBe(false);
      expect(store.bars.map((b) => b.close)).toEqual([101]);
    });

    it('shouldNotBuildDailyBarsWhichBelongToTheExchangesCalendar', () => {
      const store = new BarStore(1, 86_400, 2);
      store.historyMissing('unavailable', '');
      for (let day = 0n; day < 3n; day++) store.applyTrade(10_000n, 1n, T0 + day * 86_400n * SECOND_NS);
      expect(store.bars).toEqual([]);
    });

    it('shouldNotBuildBarsWhenHistoryLoaded', () => {
      const store = new BarStore(1, 60, 2);
      store.applyHistory(history(10n, []));
      store.applyTrade(10_000n, 1n, at(0));
      store.applyTrade(10_000n, 1n, at(1));
      expect(store.bars).toEqual([]);
    });
  });
});
