import { describe, expect, it } from 'vitest';
import { planChanges, planSubscriptions, WATCHLIST_RATE, type PlanState } from '../src/app/subscription-plan.js';
import { BarInterval } from '../src/gen/ticker/v1/market_pb.js';

const M1 = BarInterval.BAR_INTERVAL_1M;
const D1 = BarInterval.BAR_INTERVAL_1D;
const base: PlanState = { watchlist: ['AAPL', 'MSFT', 'NVDA'], chart: { symbol: 'AAPL', interval: M1 }, all: false };

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

  it('shouldMoveTheFullRateToTheNewChartSymbolAndBackToTheWatchRate', () => {
    expect(planChanges(base, { ...base, chart: { symbol: 'MSFT', interval: M1 } })).toEqual([
      { op: 'subscribe', spec: { symbols: ['MSFT'], maxUpdatesPerSecond: 0, barIntervals: [M1, D1] } },
      { op: 'subscribe', spec: { symbols: ['AAPL'], maxUpdatesPerSecond: WATCHLIST_RATE, barIntervals: [D1] } },
    ]);
  });

  it('shouldUnsubscribeAChartSymbolThatIsNotWatched', () => {
    const state = { ...base, chart: { symbol: 'TSLA', interval: M1 } };
    expect(planChanges(state, base)).toEqual([
      { op: 'subscribe', spec: { symbols: ['AAPL'], maxUpdatesPerSecond: 0, barIntervals: [M1, D1] } },
      { op: 'unsubscribe', symbols: ['TSLA'] },
    ]);
  });

  it('shouldChangeOnlyTheBarIntervalWhenTheIntervalChanges', () => {
    expect(planChanges(base, { ...base, chart: { symbol: 'AAPL', interval: D1 } })).toEqual([
      { op: 'subscribe', spec: { symbols: ['AAPL'], maxUpdatesPerSecond: 0, barIntervals: [D1] } },
    ]);
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
