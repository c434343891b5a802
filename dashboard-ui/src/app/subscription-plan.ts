/**
 * What the dashboard subscribes to, derived from what the page shows: the watchlist at a few
 * updates per second (the latest price is all a row needs) with live daily bars (exact day
 * volume and range even when ticks are conflated), and each charted symbol at every tick with
 * live bars of every interval its chart panes show. Without a catalogue from /api/instruments,
 * everything is subscribed at the watchlist rate so that snapshots name every instrument for the
 * search.
 *
 * Subscribing a symbol again replaces its options (docs/protocol.md), so a change is planned per
 * symbol: each symbol whose options change is subscribed again with its new ones (symbols with
 * the same options in one request), each symbol no longer shown is unsubscribed.
 */
import { BarInterval } from '../gen/ticker/v1/market_pb.js';
import type { SubscribeSpec } from '../protocol/codec.js';

/** Updates per second per watchlist symbol. */
export const WATCHLIST_RATE = 4;

/** A chart pane's symbol and interval (a symbol shown at every tick without a chart: 1d). */
export interface ChartTarget {
  readonly symbol: string;
  readonly interval: BarInterval;
}

export interface PlanState {
  readonly watchlist: readonly string[];
  /** Every chart pane shown (a symbol may appear more than once, at several intervals). */
  readonly charts: readonly ChartTarget[];
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

/** Every tick of `symbols`, with bars of `intervals` and the daily bar. */
export function chartSpec(symbols: readonly string[], intervals: readonly BarInterval[]): SubscribeSpec {
  const barIntervals = [...new Set([...intervals, BarInterval.BAR_INTERVAL_1D])].sort((a, b) => a - b);
  return { symbols, maxUpdatesPerSecond: 0, barIntervals };
}

/** The whole subscription, as sent on a new connection or in a Resume. */
export function planSubscriptions(state: PlanState): SubscribeSpec[] {
  const specs: SubscribeSpec[] = [];
  const charted = chartedIntervals(state);
  if (state.all) {
    specs.push({ all: true, maxUpdatesPerSecond: WATCHLIST_RATE, barIntervals: [BarInterval.BAR_INTERVAL_1D] });
  } else {
    const watched = state.watchlist.filter((s) => !charted.has(s));
    if (watched.length > 0) specs.push(watchSpec(watched));
  }
  specs.push(...grouped([...charted.keys()], (symbol) => specFor(state, charted, symbol)));
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
  const chartedBefore = chartedIntervals(before);
  const chartedAfter = chartedIntervals(after);
  // charted symbols first: the chart's full rate is what the user waits for
  const symbols = [...new Set([...chartedAfter.keys(), ...after.watchlist, ...chartedBefore.keys(), ...before.watchlist])];
  const changed = symbols.filter((symbol) => {
    const was = specFor(before, chartedBefore, symbol);
    const is = specFor(after, chartedAfter, symbol);
    return specKey(was) !== specKey(is);
  });
  const subscribed = changed.filter((symbol) => specFor(after, chartedAfter, symbol) !== undefined);
  const removed = changed.filter((symbol) => specFor(after, chartedAfter, symbol) === undefined);
  const changes: PlanChange[] = grouped(subscribed, (symbol) => specFor(after, chartedAfter, symbol)).map((spec) => ({ op: 'subscribe' as const, spec }));
  if (removed.length > 0) changes.push({ op: 'unsubscribe', symbols: removed });
  return changes;
}

/** Each charted symbol's bar intervals, in the order the panes name them. */
function chartedIntervals(state: PlanState): Map<string, BarInterval[]> {
  const out = new Map<string, BarInterval[]>();
  for (const chart of state.charts) {
    const intervals = out.get(chart.symbol);
    if (intervals === undefined) out.set(chart.symbol, [chart.interval]);
    else if (!intervals.includes(chart.interval)) intervals.push(chart.interval);
  }
  return out;
}

/** A symbol's options in `state`: charted, watched, or not subscribed (undefined). */
function specFor(state: PlanState, charted: Map<string, BarInterval[]>, symbol: string): SubscribeSpec | undefined {
  const intervals = charted.get(symbol);
  if (intervals !== undefined) return chartSpec([symbol], intervals);
  if (state.all || state.watchlist.includes(symbol)) return watchSpec([symbol]);
  return undefined;
}

function specKey(spec: SubscribeSpec | undefined): string {
  return spec === undefined ? '' : `${spec.maxUpdatesPerSecond ?? 0}|${(spec.barIntervals ?? []).join(',')}`;
}

/** One request per set of options, naming every symbol that has them, in the order given. */
function grouped(symbols: readonly string[], spec: (symbol: string) => SubscribeSpec | undefined): SubscribeSpec[] {
  const groups = new Map<string, { spec: SubscribeSpec; symbols: string[] }>();
  for (const symbol of symbols) {
    const s = spec(symbol);
    if (s === undefined) continue;
    const key = specKey(s);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { spec: s, symbols: [symbol] });
    else group.symbols.push(symbol);
  }
  return [...groups.values()].map((g) => ({ ...g.spec, symbols: g.symbols }));
}
