import { describe, expect, it } from 'vitest';
import { ChartPanesController } from '../src/app/chart-panes-controller.js';
import { DEFAULT_PREFERENCES, loadPreferences, type KeyValueStore } from '../src/app/preferences.js';
import { ScreenController } from '../src/app/screen-controller.js';
import type { PlanChange } from '../src/app/subscription-plan.js';
import { BarInterval } from '../src/gen/ticker/v1/market_pb.js';
import { MarketModel } from '../src/model/market-model.js';
import type { FetchLike } from '../src/protocol/http-api.js';
import { instrument } from './support.js';

class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** A server without bar history: every pane builds its bars from live trades. */
const noHistory: FetchLike = () => Promise.resolve({ ok: false, status: 404, statusText: 'Not Found', json: () => Promise.resolve({}) });

function screen(): { screen: ScreenController; sent: PlanChange[][]; panes: ChartPanesController; model: MarketModel; store: MemoryStore } {
  const model = new MarketModel({ now: () => 0, wallNow: () => 0 });
  model.addCatalogue(['AAPL', 'MSFT', 'NVDA'].map((symbol, id) => instrument({ id, symbol })));
  const panes = new ChartPanesController(() => model, noHistory, 'http://127.0.0.1/', () => undefined);
  const sent: PlanChange[][] = [];
  const store = new MemoryStore();
  const controller = new ScreenController(
    { storage: store, panes, model: () => model, catalogue: () => 'api', apply: (changes) => sent.push(changes), onChange: () => undefined, defaultWatchlistSize: 12 },
    { ...DEFAULT_PREFERENCES, watchlist: ['AAPL', 'MSFT', 'NVDA'], chartSymbol: 'AAPL' },
  );
  controller.syncCharts();
  return { screen: controller, sent, panes, model, store };
}

describe('screen controller', () => {
  it('shouldKeepAPinnedPaneOnItsSymbolWhileTheLinkedOnesFollowTheSelection', () => {
    const { screen: s, panes } = screen();
    s.setPaneCount(2);
    s.togglePin(1);
    s.select('MSFT');
    expect(panes.panes.map((p) => p.selectedSymbol)).toEqual(['MSFT', 'AAPL', '', '']);
    expect(s.layout.panes[1]?.pinned).toBe('AAPL');
    s.togglePin(1);
    expect(panes.panes[1]?.selectedSymbol).toBe('MSFT');
  });

  it('shouldSubscribeAPaneSymbolAtEveryTickAndGiveItBackToTheWatchRateWhenNoPaneShowsIt', () => {
    const { screen: s, sent } = screen();
    s.setPaneCount(2);
    s.togglePin(1);
    s.select('MSFT');
    // MSFT joins at every tick; AAPL stays (pane 1 pins it), with the bars of pane 1 only
    expect(sent.at(-1)).toEqual([
      { op: 'subscribe', spec: { symbols: ['MSFT'], maxUpdatesPerSecond: 0, barIntervals: [BarInterval.BAR_INTERVAL_1M, BarInterval.BAR_INTERVAL_1D] } },
      { op: 'subscribe', spec: { symbols: ['AAPL'], maxUpdatesPerSecond: 0, barIntervals: [BarInterval.BAR_INTERVAL_5S, BarInterval.BAR_INTERVAL_1D] } },
    ]);
    s.setPaneCount(1);
    expect(sent.at(-1)).toEqual([{ op: 'subscribe', spec: { symbols: ['AAPL'], maxUpdatesPerSecond: 4, barIntervals: [BarInterval.BAR_INTERVAL_1D] } }]);
  });

  it('shouldSetTheIntervalOfThePaneTheKeysActOnAndRememberTheLayout', () => {
    const { screen: s, panes, store } = screen();
    s.setPaneCount(4);
    s.focusPane(2);
    s.setInterval('1h');
    expect(panes.panes[2]?.selectedInterval?.key).toBe('1h');
    expect(loadPreferences(store).layout).toEqual(s.layout);
    expect(loadPreferences(store).layout.panes[2]?.interval).toBe('1h');
  });

  it('shouldChartNothingInPanesNoLongerShown', () => {
    const { screen: s, panes, model } = screen();
    s.setPaneCount(4);
    expect(panes.panes.every((p) => p.store !== undefined)).toBe(true);
    s.setPaneCount(1);
    expect(panes.panes.map((p) => p.store !== undefined)).toEqual([true, false, false, false]);
    expect(model.rowBySymbol('AAPL')).toBeDefined();
  });
});
