/**
 * The chart layout: one, two or four panes, each with its own interval and toggles, each either
 * linked to the watchlist's selection (it charts whatever is selected) or pinned to a symbol of
 * its own. The four panes' settings are kept even while fewer are shown, so going back to four
 * brings back what they were. Plain values and pure functions: the page stores them, puts them in
 * its address and derives the subscription and the charts from them.
 */
import { INTERVALS, intervalByKey, type IntervalKey } from '../protocol/intervals.js';
import { INDICATOR_KEYS, type IndicatorKey } from './indicators.js';

/** A chart's toggles: its indicators and the line of the best bid and offer. */
export type PaneToggle = IndicatorKey | 'bidask';

export const PANE_TOGGLES: readonly PaneToggle[] = [...INDICATOR_KEYS, 'bidask'];

export type PaneCount = 1 | 2 | 4;

export const PANE_COUNTS: readonly PaneCount[] = [1, 2, 4];

/** The most panes a layout shows. */
export const MAX_PANES = 4;

export interface PaneSpec {
  /** The pinned symbol; undefined: the pane follows the watchlist's selection. */
  readonly pinned: string | undefined;
  readonly interval: IntervalKey;
  /** Shown toggles, in `PANE_TOGGLES` order. */
  readonly toggles: readonly PaneToggle[];
}

export interface Layout {
  readonly count: PaneCount;
  /** The pane the interval keys act on (0 to count - 1). */
  readonly active: number;
  /** Always `MAX_PANES` panes; those past `count` are not shown but keep their settings. */
  readonly panes: readonly PaneSpec[];
}

const DEFAULT_TOGGLES: readonly PaneToggle[] = ['vwap', 'volume'];
/** A multi-timeframe view of the selected symbol until the user pins or changes a pane. */
const DEFAULT_INTERVALS: readonly IntervalKey[] = ['1m', '5s', '5m', '1h'];

export const DEFAULT_LAYOUT: Layout = {
  count: 1,
  active: 0,
  panes: DEFAULT_INTERVALS.map((interval) => ({ pinned: undefined, interval, toggles: DEFAULT_TOGGLES })),
};

const SYMBOL = /^[A-Za-z0-9._:\-/]{1,32}$/;

/** What a pane charts: its pinned symbol, else the selection. */
export function paneSymbol(pane: PaneSpec, selection: string | undefined): string | undefined {
  return pane.pinned ?? selection;
}

/** The panes shown. */
export function shownPanes(layout: Layout): readonly PaneSpec[] {
  return layout.panes.slice(0, layout.count);
}

export function withCount(layout: Layout, count: PaneCount): Layout {
  return { ...layout, count, active: Math.min(layout.active, count - 1) };
}

/** The next of 1, 2, 4 panes (after 4, one). */
export function nextCount(count: PaneCount): PaneCount {
  return PANE_COUNTS[(PANE_COUNTS.indexOf(count) + 1) % PANE_COUNTS.length] ?? 1;
}

export function withActive(layout: Layout, index: number): Layout {
  return index >= 0 && index < layout.count && index !== layout.active ? { ...layout, active: index } : layout;
}

export function withPane(layout: Layout, index: number, change: (pane: PaneSpec) => PaneSpec): Layout {
  const pane = layout.panes[index];
  if (pane === undefined) return layout;
  const panes = layout.panes.map((p, i) => (i === index ? change(p) : p));
  return { ...layout, panes };
}

export function withInterval(layout: Layout, index: number, interval: IntervalKey): Layout {
  return withPane(layout, index, (pane) => ({ ...pane, interval }));
}

/** The pane with `toggle` shown if it was hidden, hidden if it was shown. */
export function withToggle(layout: Layout, index: number, toggle: PaneToggle): Layout {
  return withPane(layout, index, (pane) => ({
    ...pane,
    toggles: pane.toggles.includes(toggle) ? pane.toggles.filter((t) => t !== toggle) : PANE_TOGGLES.filter((t) => t === toggle || pane.toggles.includes(t)),
  }));
}

/** Pins the pane to what it shows now (`symbol`), or links a pinned pane to the selection again. */
export function withPinToggled(layout: Layout, index: number, symbol: string | undefined): Layout {
  return withPane(layout, index, (pane) => ({ ...pane, pinned: pane.pinned !== undefined ? undefined : symbol }));
}

/** The layout as stored (JSON), read back with everything invalid replaced by the defaults. */
export function layoutFromJson(data: unknown): Layout {
  if (typeof data !== 'object' || data === null) return DEFAULT_LAYOUT;
  const record = data as Record<string, unknown>;
  const count = PANE_COUNTS.find((c) => c === record['count']) ?? DEFAULT_LAYOUT.count;
  const stored = Array.isArray(record['panes']) ? (record['panes'] as unknown[]) : [];
  const panes = DEFAULT_LAYOUT.panes.map((fallback, i) => paneFromJson(stored[i], fallback));
  const active = typeof record['active'] === 'number' && Number.isInteger(record['active']) ? Math.min(Math.max(record['active'], 0), count - 1) : 0;
  return { count, active, panes };
}

function paneFromJson(data: unknown, fallback: PaneSpec): PaneSpec {
  if (typeof data !== 'object' || data === null) return fallback;
  const record = data as Record<string, unknown>;
  const pinned = typeof record['pinned'] === 'string' && SYMBOL.test(record['pinned']) ? record['pinned'] : undefined;
  const interval = intervalByKey(String(record['interval']))?.key ?? fallback.interval;
  const toggles = Array.isArray(record['toggles']) ? PANE_TOGGLES.filter((t) => (record['toggles'] as unknown[]).includes(t)) : fallback.toggles;
  return { pinned, interval, toggles };
}

/**
 * The layout in a query parameter: `count!pane,pane,...` with each pane
 * `interval~toggle_toggle[~SYMBOL]` (a symbol only when pinned), e.g. `4!1m~vwap_volume,5m~~MSFT,15m~,1h~sma`.
 */
export function formatLayoutParam(layout: Layout): string {
  const panes = shownPanes(layout).map((pane) => [pane.interval, pane.toggles.join('_'), ...(pane.pinned !== undefined ? [pane.pinned] : [])].join('~'));
  return `${layout.count}!${panes.join(',')}`;
}

/**
 * The layout a query parameter gives, on top of `base` (the panes it does not name keep their
 * settings); undefined when the text is not a layout.
 */
export function parseLayoutParam(text: string, base: Layout): Layout | undefined {
  const match = /^([124])!(.*)$/.exec(text);
  if (match === null) return undefined;
  const count = Number(match[1]) as PaneCount;
  const tokens = (match[2] ?? '').split(',');
  if (tokens.length !== count) return undefined;
  const panes = [...base.panes];
  for (let i = 0; i < count; i++) {
    const [intervalText = '', toggleText = '', symbol] = (tokens[i] ?? '').split('~');
    const interval = INTERVALS.find((iv) => iv.key === intervalText)?.key;
    if (interval === undefined) return undefined;
    const named = toggleText === '' ? [] : toggleText.split('_');
    if (!named.every((t) => (PANE_TOGGLES as readonly string[]).includes(t))) return undefined;
    if (symbol !== undefined && !SYMBOL.test(symbol)) return undefined;
    panes[i] = { pinned: symbol, interval, toggles: PANE_TOGGLES.filter((t) => named.includes(t)) };
  }
  return { count, active: Math.min(base.active, count - 1), panes };
}
