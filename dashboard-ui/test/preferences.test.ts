import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  loadPreferences,
  MAX_WATCHLIST,
  savePreferences,
  STORAGE_KEY,
  withoutSymbol,
  withSymbol,
  type KeyValueStore,
} from '../src/app/preferences.js';
import { DEFAULT_LAYOUT, withCount, withInterval, withPinToggled, withToggle } from '../src/model/layout.js';

class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('preferences', () => {
  it('shouldRememberTheWatchlistSortSelectionLayoutAndZoneAcrossReloads', () => {
    const store = new MemoryStore();
    const layout = withPinToggled(withToggle(withInterval(withCount(DEFAULT_LAYOUT, 4), 2, '5s'), 3, 'bidask'), 1, 'MSFT');
    const chosen = {
      watchlist: ['NVDA', 'AAPL'],
      sort: { key: 'changePercent', direction: 'desc' },
      chartSymbol: 'NVDA',
      layout,
      zone: 'local',
      theme: 'light',
    } as const;
    savePreferences(store, chosen);
    expect(loadPreferences(store)).toEqual(chosen);
  });

  it('shouldStartFromDefaultsWithNothingStored', () => {
    expect(loadPreferences(new MemoryStore())).toEqual(DEFAULT_PREFERENCES);
    expect(loadPreferences(undefined)).toEqual(DEFAULT_PREFERENCES);
  });

  it('shouldReplaceWhatItCannotReadWithDefaults', () => {
    const store = new MemoryStore();
    store.setItem(STORAGE_KEY, '{not json');
    expect(loadPreferences(store)).toEqual(DEFAULT_PREFERENCES);

    store.setItem(
      STORAGE_KEY,
      JSON.stringify({ watchlist: ['AAPL', 42, 'AAPL', '<script>', 'MSFT'], sort: { key: 'price', direction: 'sideways' }, interval: '2m', zone: 'mars', chartSymbol: {} }),
    );
    expect(loadPreferences(store)).toEqual({ ...DEFAULT_PREFERENCES, watchlist: ['AAPL', 'MSFT'] });
  });

  it('shouldKeepWorkingWhenStorageThrows', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadPreferences(broken)).toEqual(DEFAULT_PREFERENCES);
    expect(() => savePreferences(broken, DEFAULT_PREFERENCES)).not.toThrow();
  });

  it('shouldAddEachSymbolOnceUpToTheLimitAndRemoveIt', () => {
    expect(withSymbol(['AAPL'], 'MSFT')).toEqual(['AAPL', 'MSFT']);
    const same = ['AAPL'];
    expect(withSymbol(same, 'AAPL')).toBe(same);
    const full = Array.from({ length: MAX_WATCHLIST }, (_, i) => `S${i}`);
    expect(withSymbol(full, 'X')).toBe(full);
    expect(withoutSymbol(['AAPL', 'MSFT'], 'AAPL')).toEqual(['MSFT']);
  });

  it('shouldMakeTheSingleChartOfAnOlderPageTheFirstPane', () => {
    const store = new MemoryStore();
    store.setItem(STORAGE_KEY, JSON.stringify({ interval: '5m', indicators: ['ema', 'bollinger', 7] }));
    const layout = loadPreferences(store).layout;
    expect(layout.count).toBe(1);
    expect(layout.panes[0]).toEqual({ pinned: undefined, interval: '5m', toggles: ['ema'] });
    expect(layout.panes[1]).toEqual(DEFAULT_LAYOUT.panes[1]);
  });
});
