/**
 * What the dashboard remembers across reloads: the watchlist, its sort, the selected symbol, the
 * chart layout (each pane's interval, toggles and pinned symbol), the time zone and the theme. Stored as JSON in localStorage; anything unreadable
 * there is replaced by defaults rather than breaking the page.
 */
import { INDICATOR_KEYS } from '../model/indicators.js';
import { DEFAULT_LAYOUT, layoutFromJson, withPane, type Layout } from '../model/layout.js';
import type { SortDirection, SortKey, ZoneMode } from '../model/screen-choices.js';
import { intervalByKey } from '../protocol/intervals.js';
import { THEME_MODES, type ThemeMode } from '../view/theme.js';

export type { SortDirection, SortKey, ZoneMode } from '../model/screen-choices.js';

export interface Preferences {
  /** Undefined until the user (or the first catalogue) fills it. */
  readonly watchlist: readonly string[] | undefined;
  readonly sort: { readonly key: SortKey; readonly direction: SortDirection };
  /** The watchlist's selection: what the linked chart panes show, the tape and the alerts. */
  readonly chartSymbol: string | undefined;
  /** The chart panes. */
  readonly layout: Layout;
  readonly zone: ZoneMode;
  /** Dark, light, or the system's preference. */
  readonly theme: ThemeMode;
}

/** The part of Storage used here. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const STORAGE_KEY = 'ticker.dashboard.v1';
/** The most symbols a watchlist holds. */
export const MAX_WATCHLIST = 100;

export const DEFAULT_PREFERENCES: Preferences = {
  watchlist: undefined,
  sort: { key: 'symbol', direction: 'asc' },
  chartSymbol: undefined,
  layout: DEFAULT_LAYOUT,
  zone: 'exchange',
  theme: 'system',
};

const SORT_KEYS: readonly SortKey[] = ['symbol', 'last', 'change', 'changePercent', 'volume'];
const SYMBOL = /^[A-Za-z0-9._:\-/]{1,32}$/;

export function loadPreferences(store: KeyValueStore | undefined): Preferences {
  let raw: string | null = null;
  try {
    raw = store?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return DEFAULT_PREFERENCES; // storage blocked by the browser
  }
  if (raw === null) return DEFAULT_PREFERENCES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return DEFAULT_PREFERENCES;
  }
  if (typeof parsed !== 'object' || parsed === null) return DEFAULT_PREFERENCES;
  const data = parsed as Record<string, unknown>;
  const watchlist = Array.isArray(data['watchlist'])
    ? dedupe(data['watchlist'].filter((s): s is string => typeof s === 'string' && SYMBOL.test(s))).slice(0, MAX_WATCHLIST)
    : undefined;
  const sortData = data['sort'] as Record<string, unknown> | undefined;
  const key = SORT_KEYS.find((k) => k === sortData?.['key']) ?? DEFAULT_PREFERENCES.sort.key;
  const direction: SortDirection = sortData?.['direction'] === 'desc' ? 'desc' : 'asc';
  const chartSymbol =
    typeof data['chartSymbol'] === 'string' && SYMBOL.test(data['chartSymbol']) ? data['chartSymbol'] : undefined;
  const zone: ZoneMode = data['zone'] === 'local' ? 'local' : 'exchange';
  const theme = THEME_MODES.find((t) => t === data['theme']) ?? DEFAULT_PREFERENCES.theme;
  return { watchlist, sort: { key, direction }, chartSymbol, layout: storedLayout(data), zone, theme };
}

export function savePreferences(store: KeyValueStore | undefined, preferences: Preferences): void {
  try {
    store?.setItem(STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // full or blocked storage: the page keeps working, it just forgets
  }
}

/**
 * The stored layout; what a page of the single chart stored (its `interval` and `indicators`)
 * becomes the first pane.
 */
function storedLayout(data: Record<string, unknown>): Layout {
  if (data['layout'] !== undefined) return layoutFromJson(data['layout']);
  const interval = intervalByKey(String(data['interval']))?.key;
  const indicators = Array.isArray(data['indicators']) ? INDICATOR_KEYS.filter((k) => (data['indicators'] as unknown[]).includes(k)) : undefined;
  return withPane(DEFAULT_LAYOUT, 0, (pane) => ({
    ...pane,
    ...(interval !== undefined ? { interval } : {}),
    ...(indicators !== undefined ? { toggles: indicators } : {}),
  }));
}

/** The watchlist with `symbol` added at the end (no duplicates, bounded). */
export function withSymbol(list: readonly string[], symbol: string): readonly string[] {
  if (list.includes(symbol) || list.length >= MAX_WATCHLIST) return list;
  return [...list, symbol];
}

export function withoutSymbol(list: readonly string[], symbol: string): readonly string[] {
  return list.filter((s) => s !== symbol);
}

function dedupe(list: readonly string[]): string[] {
  return [...new Set(list)];
}
