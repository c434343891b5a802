/**
 * What the user chose to see (watchlist, its sort, the selected symbol, the chart layout, time
 * zone, theme) and what follows from it: the choices are remembered, the subscription changes are
 * sent, and the chart panes and the tape follow. Every change goes through `update`.
 */
import type { MarketModel } from '../model/market-model.js';
import {
  nextCount,
  paneSymbol,
  withActive,
  withCount,
  withInterval,
  withPinToggled,
  withToggle,
  type Layout,
  type PaneCount,
  type PaneToggle,
} from '../model/layout.js';
import type { ZoneMode } from '../model/screen-choices.js';
import type { IntervalKey } from '../protocol/intervals.js';
import { nextThemeMode } from '../view/theme.js';
import { ChartPanesController } from './chart-panes-controller.js';
import { savePreferences, withoutSymbol, withSymbol, type KeyValueStore, type Preferences, type SortKey } from './preferences.js';
import { planChanges, type PlanChange, type PlanState } from './subscription-plan.js';

export interface ScreenOptions {
  readonly storage: KeyValueStore | undefined;
  readonly panes: ChartPanesController;
  /** The market shown (the replay's during a replay). */
  readonly model: () => MarketModel;
  /** Where the instruments come from: not known yet, /api/instruments, or the stream's snapshots. */
  readonly catalogue: () => 'loading' | 'api' | 'stream';
  /** Sends subscription changes on the open connection. */
  readonly apply: (changes: PlanChange[]) => void;
  readonly onChange: () => void;
  readonly defaultWatchlistSize: number;
}

export class ScreenController {
  constructor(
    private readonly options: ScreenOptions,
    private prefs: Preferences,
  ) {}

  get preferences(): Preferences {
    return this.prefs;
  }

  get layout(): Layout {
    return this.prefs.layout;
  }

  /** The whole subscription the screen needs. */
  planState(): PlanState {
    return {
      watchlist: this.prefs.watchlist ?? [],
      charts: ChartPanesController.targets(this.prefs.layout, this.prefs.chartSymbol),
      all: this.options.catalogue() === 'stream',
    };
  }

  addSymbol(symbol: string): void {
    const list = this.prefs.watchlist ?? [];
    const next = withSymbol(list, symbol);
    if (next !== list) this.update({ ...this.prefs, watchlist: next });
  }

  removeSymbol(symbol: string): void {
    this.update({ ...this.prefs, watchlist: withoutSymbol(this.prefs.watchlist ?? [], symbol) });
  }

  /** The watchlist's selection: the linked panes, the tape and the alerts follow it. */
  select(symbol: string): void {
    this.update({ ...this.prefs, chartSymbol: symbol });
  }

  /** The interval of pane `pane` (the active one when not given). */
  setInterval(key: IntervalKey, pane = this.prefs.layout.active): void {
    this.setLayout(withActive(withInterval(this.prefs.layout, pane, key), pane));
  }

  setPaneCount(count: PaneCount): void {
    this.setLayout(withCount(this.prefs.layout, count));
  }

  /** One, two, four panes, and one again. */
  cyclePaneCount(): void {
    this.setPaneCount(nextCount(this.prefs.layout.count));
  }

  toggle(pane: number, key: PaneToggle): void {
    this.setLayout(withActive(withToggle(this.prefs.layout, pane, key), pane));
  }

  /** Pins the pane to the symbol it shows, or links it to the selection again. */
  togglePin(pane: number): void {
    const spec = this.prefs.layout.panes[pane];
    if (spec === undefined) return;
    this.setLayout(withPinToggled(this.prefs.layout, pane, paneSymbol(spec, this.prefs.chartSymbol)));
  }

  focusPane(pane: number): void {
    this.setLayout(withActive(this.prefs.layout, pane));
  }

  setZone(zone: ZoneMode): void {
    this.update({ ...this.prefs, zone });
  }

  nextTheme(): void {
    this.update({ ...this.prefs, theme: nextThemeMode(this.prefs.theme) });
  }

  sortBy(key: SortKey): void {
    const current = this.prefs.sort;
    const direction = current.key === key ? (current.direction === 'asc' ? 'desc' : 'asc') : key === 'symbol' ? 'asc' : 'desc';
    this.update({ ...this.prefs, sort: { key, direction } });
  }

  /** A first visit gets the first instruments of the catalogue, and the first one charted. */
  fillDefaults(symbols: readonly string[]): void {
    if (symbols.length === 0) return;
    let next = this.prefs;
    if (next.watchlist === undefined) next = { ...next, watchlist: symbols.slice(0, this.options.defaultWatchlistSize) };
    const known = new Set(symbols);
    if (next.chartSymbol === undefined || !known.has(next.chartSymbol)) {
      next = { ...next, chartSymbol: next.watchlist?.find((s) => known.has(s)) ?? symbols[0] };
    }
    if (next !== this.prefs) this.update(next);
  }

  /** The choices from a link, before anything is subscribed. */
  replaceFromLink(next: Preferences): void {
    this.prefs = next;
  }

  /**
   * Each shown pane charts what the layout says (once the model knows its instrument) and the tape
   * shows the selection's trades. Cheap when nothing changed.
   */
  syncCharts(): void {
    const model = this.options.model();
    const selection = this.prefs.chartSymbol;
    if (!this.options.panes.inSync(this.prefs.layout, selection)) {
      this.options.panes.sync(this.prefs.layout, selection, (symbol) => model.rowBySymbol(symbol)?.instrument !== undefined);
    }
    const row = selection === undefined ? undefined : model.rowBySymbol(selection);
    model.showTape(row?.instrument === undefined ? -1 : row.id);
  }

  private setLayout(layout: Layout): void {
    if (layout !== this.prefs.layout) this.update({ ...this.prefs, layout });
  }

  update(next: Preferences): void {
    const before = this.planState();
    this.prefs = next;
    savePreferences(this.options.storage, next);
    if (this.options.catalogue() !== 'loading') this.options.apply(planChanges(before, this.planState()));
    this.syncCharts();
    this.options.onChange();
  }
}
