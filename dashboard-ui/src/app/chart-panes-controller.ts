/**
 * The chart panes of the layout: a ChartController per pane, each charting its pane's symbol (the
 * pinned one, else the watchlist's selection) at its pane's interval. It says what the panes need
 * subscribed, and passes the stream's events (acks, restarts, replay segments) to every pane.
 */
import type { SubscriptionAck } from '../gen/ticker/v1/stream_pb.js';
import { BarInterval } from '../gen/ticker/v1/market_pb.js';
import { MAX_PANES, paneSymbol, shownPanes, type Layout } from '../model/layout.js';
import type { MarketModel } from '../model/market-model.js';
import type { SubscribeSpec } from '../protocol/codec.js';
import type { FetchLike } from '../protocol/http-api.js';
import { intervalByKey } from '../protocol/intervals.js';
import { ChartController } from './chart-controller.js';
import type { ChartTarget } from './subscription-plan.js';

export class ChartPanesController {
  /** One per pane of the largest layout; those not shown chart nothing. */
  readonly panes: readonly ChartController[];

  constructor(modelOf: () => MarketModel, fetchFn: FetchLike, baseUrl: string, onChange: () => void) {
    this.panes = Array.from({ length: MAX_PANES }, (_, i) => new ChartController(i, modelOf, fetchFn, baseUrl, onChange));
  }

  /**
   * What must be streamed at every tick: each shown pane's symbol at its interval, and the
   * selection (its tape takes every trade) with its daily bar when no pane charts it.
   */
  static targets(layout: Layout, selection: string | undefined): ChartTarget[] {
    const targets: ChartTarget[] = [];
    for (const pane of shownPanes(layout)) {
      const symbol = paneSymbol(pane, selection);
      const interval = intervalByKey(pane.interval);
      if (symbol !== undefined && interval !== undefined) targets.push({ symbol, interval: interval.value });
    }
    if (selection !== undefined && !targets.some((t) => t.symbol === selection)) {
      targets.push({ symbol: selection, interval: BarInterval.BAR_INTERVAL_1D });
    }
    return targets;
  }

  /**
   * Each shown pane charts its symbol (once the model knows the instrument), the others nothing.
   * Returns whether every shown pane with a symbol has its chart.
   */
  sync(layout: Layout, selection: string | undefined, known: (symbol: string) => boolean): boolean {
    let complete = true;
    this.panes.forEach((controller, i) => {
      const pane = layout.panes[i];
      const symbol = pane === undefined ? undefined : paneSymbol(pane, selection);
      const interval = pane === undefined ? undefined : intervalByKey(pane.interval);
      if (i >= layout.count || symbol === undefined || interval === undefined) {
        controller.clear();
      } else if (known(symbol)) {
        controller.select(symbol, interval);
      } else {
        complete = false;
      }
    });
    return complete;
  }

  /** Whether every shown pane charts what the layout says. */
  inSync(layout: Layout, selection: string | undefined): boolean {
    if (this.panes.some((controller, i) => i >= layout.count && controller.store !== undefined)) return false;
    return shownPanes(layout).every((pane, i) => {
      const controller = this.panes[i];
      const symbol = paneSymbol(pane, selection);
      return symbol === undefined || (controller?.store !== undefined && controller.selectedSymbol === symbol && controller.selectedInterval?.key === pane.interval);
    });
  }

  rebind(replayAtMs: (() => number) | undefined): void {
    for (const pane of this.panes) pane.rebind(replayAtMs);
  }

  reload(): void {
    for (const pane of this.panes) pane.reload();
  }

  onSubscribed(spec: SubscribeSpec | undefined, ack: SubscriptionAck): void {
    for (const pane of this.panes) pane.onSubscribed(spec, ack);
  }
}
