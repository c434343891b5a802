import { describe, expect, it } from 'vitest';
import { planChanges, planSubscriptions, WATCHLIST_RATE, type PlanState } from '../src/app/subscription-plan.js';
import { BarInterval } from '../src/gen/ticker/v1/market_pb.js';

const S5 = BarInterval.BAR_INTERVAL_5S;
const M1 = BarInterval.BAR_INTERVAL_1M;
const H1 = BarInterval.BAR_INTERVAL_1H;
const D1 = BarInterval.BAR_INTERVAL_1D;
const base: PlanState = { watchlist: ['AAPL', 'MSFT', 'NVDA'], charts: [{ symbol: 'AAPL', interval: M1 }], all: false };

describe('subscription plan', () => {
  it('shouldSubscribeTheWatchlistConflatedAndTheChartSymbolAtEveryTickWithBars', () => {
    expect(planSubscriptions(base)).toEqual([
      { symbols: ['MSFT', 'NVDA'], maxUpdatesPerSecond: WATCHLIST_RATE, barIntervals: [D1] },
      { symbols: ['AAPL'], maxUpdatesPerSecond: 0, barIntervals: [M1, D1] },
    ]);
  });

  it('shouldSubscribeEverythingWithoutACatalogue', () => {
    expect(planSubscriptions({ ...base, all: true })).toEqual([
      { all: true, maxUpdatesPerSecond: WATCHLIST_RATE, barIntervals: [D1] },
      { symbols: ['AAPL'], maxUpdatesPerSecond: 0, barIntervals: [M1, D1] },
    ]);
  });

  it('shouldSubscribeEachChartedSymbolOnceWithTheBarsOfEveryPaneThatShowsIt', () => {
    const four: PlanState = {
      ...base,
      charts: [
        { symbol: 'AAPL', interval: M1 },
        { symbol: 'AAPL', interval: S5 },
        { symbol: 'TSLA', interval: H1 },
        { symbol: 'AAPL', interval: M1 },
      ],
    };
    expect(planSubscriptions(four)).toEqual([
      { symbols: ['MSFT', 'NVDA'], maxUpdatesPerSecond: WATCHLIST_RATE, barIntervals: [D1] },
      { symbols: ['AAPL'], maxUpdatesPerSecond: 0, barIntervals: [S5, M1, D1] },
      { symbols: ['TSLA'], maxUpdatesPerSecond: 0, barIntervals: [H1, D1] },
    ]);
  });

  it('shouldMoveTheFullRateToTheNewChartSymbolAndBackToTheWatchRate', () => {
    expect(planChanges(base, { ...base, charts: [{ symbol: 'MSFT', interval: M1 }] })).toEqual([
      { op: 'subscribe', spec: { symbols: ['MSFT'], maxUpdatesPerSecond: 0, barIntervals: [M1, D1] } },
      { op: 'subscribe', spec: { symbols: ['AAPL'], maxUpdatesPerSecond: WATCHLIST_RATE, barIntervals: [D1] } },
    ]);
  });

  it('shouldUnsubscribeAChartSymbolThatIsNotWatched', () => {
    const state = { ...base, charts: [{ symbol: 'TSLA', interval: M1 }] };
    expect(planChanges(state, base)).toEqual([
      { op: 'subscribe', spec: { symbols: ['AAPL'], maxUpdatesPerSecond: 0, barIntervals: [M1, D1] } },
      { op: 'unsubscribe', symbols: ['TSLA'] },
    ]);
  });

  it('shouldChangeOnlyTheBarIntervalWhenTheIntervalChanges', () => {
    expect(planChanges(base, { ...base, charts: [{ symbol: 'AAPL', interval: D1 }] })).toEqual([
      { op: 'subscribe', spec: { symbols: ['AAPL'], maxUpdatesPerSecond: 0, barIntervals: [D1] } },
    ]);
  });

  it('shouldSendNothingWhenAnotherPaneShowsWhatIsAlreadySubscribed', () => {
    const two = { ...base, charts: [...base.charts, { symbol: 'AAPL', interval: M1 }] };
    expect(planChanges(base, two)).toEqual([]);
    expect(planChanges(two, base)).toEqual([]);
  });

  it('shouldSubscribeAddedAndUnsubscribeRemovedWatchlistSymbols', () => {
    expect(planChanges(base, { ...base, watchlist: ['AAPL', 'NVDA', 'AMD'] })).toEqual([
      { op: 'subscribe', spec: { symbols: ['AMD'], maxUpdatesPerSecond: WATCHLIST_RATE, barIntervals: [D1] } },
      { op: 'unsubscribe', symbols: ['MSFT'] },
    ]);
    // the chart symbol stays subscribed when it leaves the watchlist
    expect(planChanges(base, { ...base, watchlist: ['MSFT'] })).toEqual([{ op: 'unsubscribe', symbols: ['NVDA'] }]);
  });

  it('shouldLeaveEverythingSubscribedWhenSubscribedToAll', () => {
    const all = { ...base, all: true };
    expect(planChanges(all, { ...all, watchlist: ['AAPL'] })).toEqual([]);
  });
});
