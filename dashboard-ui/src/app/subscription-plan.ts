/**
 * What the dashboard subscribes to, derived from what the page shows: the watchlist at a few
 * updates per second (the latest price is all a row needs) with live daily bars (exact day
 * volume and range even when ticks are conflated), and the chart's symbol at every tick with live
 * bars of the chart's interval. Without a catalogue from /api/instruments, everything is
 * subscribed at the watchlist rate so that snapshots name every instrument for the search.
 */
import { BarInterval } from '../gen/ticker/v1/market_pb.js';
import type { SubscribeSpec } from '../protocol/codec.js';

/** Updates per second per watchlist symbol. */
export const WATCHLIST_RATE = 4;

export interface PlanState {
  readonly watchlist: readonly string[];
  readonly chart: { readonly symbol: string; readonly interval: BarInterval } | undefined;
  /** Subscribe to everything (no catalogue from the server). */
  readonly all: boolean;
}

export type PlanChange =
  | { readonly op: 'subscribe'; readonly spec: SubscribeSpec }
  /** `all`: every symbol of the connection. */
  | { readonly op: 'unsubscribe'; readonly symbols: readonly string[]; readonly all?: boolean };

export function watchSpec(symbols: readonly string[]): SubscribeSpec {
  return {
    symbols,
    maxUpdatesPerSecond: WATCHLIST_RATE,
    barIntervals: [BarInterval.BAR_INTERVAL_1D],
  };
}

export function chartSpec(symbol: string, interval: BarInterval): SubscribeSpec {
  const barIntervals =
    interval === BarInterval.BAR_INTERVAL_1D ? [interval] : [interval, BarInterval.BAR_INTERVAL_1D];
  return { symbols: [symbol], maxUpdatesPerSecond: 0, barIntervals };
}

/** The whole subscription, as sent on a new connection or in a Resume. */
export function planSubscriptions(state: PlanState): SubscribeSpec[] {
  const specs: SubscribeSpec[] = [];
  const chartSymbol = state.chart?.symbol;
  if (state.all) {
    specs.push({ all: true, maxUpdatesPerSecond: WATCHLIST_RATE, barIntervals: [BarInterval.BAR_INTERVAL_1D] });
  } else {
    const watched = state.watchlist.filter((s) => s !== chartSymbol);
    if (watched.length > 0) specs.push(watchSpec(watched));
  }
  if (state.chart !== undefined) {
    specs.push(chartSpec(state.chart.symbol, state.chart.interval));
  }
  return specs;
}

/** The messages that turn subscription `before` into `after` on an open connection. */
export function planChanges(before: PlanState, after: PlanState): PlanChange[] {
  if (before.all !== after.all) {
    // a catalogue arrived or went away: unsubscribe everything and start over
    return [
      { op: 'unsubscribe', symbols: [], all: true },
      ...planSubscriptions(after).map((spec) => ({ op: 'subscribe' as const, spec })),
    ];
  }
  const changes: PlanChange[] = [];
  const oldChart = before.chart?.symbol;
  const newChart = after.chart?.symbol;
  const watchedBefore = new Set(before.watchlist);
  const watchedAfter = new Set(after.watchlist);
  const streamedAfter = (symbol: string): boolean => after.all || watchedAfter.has(symbol);

  if (after.chart !== undefined && (oldChart !== newChart || before.chart?.interval !== after.chart.interval)) {
    changes.push({ op: 'subscribe', spec: chartSpec(after.chart.symbol, after.chart.interval) });
  }
  if (oldChart !== undefined && oldChart !== newChart) {
    changes.push(
      streamedAfter(oldChart)
        ? { op: 'subscribe', spec: watchSpec([oldChart]) }
        : { op: 'unsubscribe', symbols: [oldChart] },
    );
  }
  if (!after.all) {
    const added = after.watchlist.filter(
      (s) => !watchedBefore.has(s) && s !== newChart && s !== oldChart,
    );
    if (added.length > 0) changes.push({ op: 'subscribe', spec: watchSpec(added) });
    const removed = before.watchlist.filter(
      (s) => !watchedAfter.has(s) && s !== newChart && s !== oldChart,
    );
    if (removed.length > 0) changes.push({ op: 'unsubscribe', symbols: removed });
  }
  return changes;
}

