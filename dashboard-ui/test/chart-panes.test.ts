import { describe, expect, it } from 'vitest';
import { ChartPanesController } from '../src/app/chart-panes-controller.js';
import { BarInterval } from '../src/gen/ticker/v1/market_pb.js';
import { DEFAULT_LAYOUT, withCount, withPinToggled } from '../src/model/layout.js';

describe('chart panes', () => {
  it('shouldStreamEachShownPanesSymbolAtItsInterval', () => {
    const layout = withPinToggled(withCount(DEFAULT_LAYOUT, 4), 3, 'MSFT');
    expect(ChartPanesController.targets(layout, 'AAPL')).toEqual([
      { symbol: 'AAPL', interval: BarInterval.BAR_INTERVAL_1M },
      { symbol: 'AAPL', interval: BarInterval.BAR_INTERVAL_5S },
      { symbol: 'AAPL', interval: BarInterval.BAR_INTERVAL_5M },
      { symbol: 'MSFT', interval: BarInterval.BAR_INTERVAL_1H },
    ]);
    // hidden panes stream nothing
    expect(ChartPanesController.targets(withCount(layout, 1), 'AAPL')).toEqual([{ symbol: 'AAPL', interval: BarInterval.BAR_INTERVAL_1M }]);
  });

  it('shouldStreamTheSelectionForItsTapeWhenEveryPaneIsPinnedElsewhere', () => {
    const layout = withPinToggled(DEFAULT_LAYOUT, 0, 'MSFT');
    expect(ChartPanesController.targets(layout, 'AAPL')).toEqual([
      { symbol: 'MSFT', interval: BarInterval.BAR_INTERVAL_1M },
      { symbol: 'AAPL', interval: BarInterval.BAR_INTERVAL_1D },
    ]);
    expect(ChartPanesController.targets(DEFAULT_LAYOUT, undefined)).toEqual([]);
  });
});
