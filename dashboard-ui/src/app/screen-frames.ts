/**
 * Reads, once per animation frame, what the page shows into a ScreenFrame for the DashboardView:
 * the market shown, the connection, each pane's bars and toggles, the tape's and alerts' symbol,
 * the replay panel's context. It only reads; the pieces that stay the same from frame to frame
 * (the watchlist's state, each pane's toggles as a set) are the same objects, so the views can
 * tell nothing changed.
 */
import type { ConnectionState } from '../connection/feed-connection.js';
import type { Instrument } from '../gen/ticker/v1/market_pb.js';
import type { PaneToggle } from '../model/layout.js';
import type { MarketModel } from '../model/market-model.js';
import type { Zone } from '../model/zoned-time.js';
import type { ReplayMachine } from '../replay/replay-machine.js';
import type { JournalBounds } from '../replay/journal-range.js';
import type { ReplayRouter } from '../replay/replay-router.js';
import type { PaneFrame } from '../view/chart-panes-view.js';
import type { ScreenFrame } from '../view/dashboard-view.js';
import type { SessionFacts } from '../view/status-bar.js';
import { resolveTheme } from '../view/theme.js';
import type { WatchlistState } from '../view/watchlist-view.js';
import type { AlertBook } from '../model/alerts.js';
import type { ChartPanesController } from './chart-panes-controller.js';
import type { ScreenController } from './screen-controller.js';

export interface FrameSources {
  readonly liveModel: MarketModel;
  readonly router: ReplayRouter;
  readonly replay: () => ReplayMachine;
  readonly screen: () => ScreenController;
  readonly panes: ChartPanesController;
  readonly connection: () => ConnectionState;
  readonly session: () => SessionFacts;
  readonly journal: () => JournalBounds | undefined;
  readonly alerts: () => AlertBook;
  readonly cursor: () => string;
  readonly prefersLight: () => boolean;
  readonly wallNow: () => number;
}

export class ScreenFrames {
  private watchCache: WatchlistState | undefined;
  private readonly toggleSets = new WeakMap<readonly PaneToggle[], ReadonlySet<PaneToggle>>();

  constructor(private readonly sources: FrameSources) {}

  build(nowMs: number): ScreenFrame {
    const src = this.sources;
    const model = src.router.model;
    const replay = src.replay();
    const prefs = src.screen().preferences;
    const layout = prefs.layout;
    const selection = prefs.chartSymbol ?? '';
    const selectionRow = model.rowBySymbol(selection);
    const panes: PaneFrame[] = [];
    let panelsKey = `${prefs.zone}|${replay.segments}|${replay.phase}|${layout.count}|${layout.active}|${selection}`;
    for (let i = 0; i < layout.count; i++) {
      const spec = layout.panes[i];
      const controller = src.panes.panes[i];
      if (spec === undefined || controller === undefined) continue;
      const store = controller.store;
      const symbol = controller.selectedSymbol;
      panes.push({
        store,
        row: symbol === '' ? undefined : model.rowBySymbol(symbol),
        interval: spec.interval,
        toggles: this.toggleSet(spec.toggles),
        pinned: spec.pinned !== undefined,
      });
      panelsKey += `|${symbol}|${spec.interval}|${spec.toggles.join(',')}|${spec.pinned ?? ''}|${store?.state ?? ''}`;
    }
    const zone = this.zoneFor(selectionRow?.instrument);
    const serverNowNs = src.liveModel.stats.heartbeat?.serverTimeNs;
    const liveSelection = src.liveModel.rowBySymbol(selection)?.instrument;
    return {
      nowMs,
      model,
      connection: src.connection(),
      session: src.session(),
      replayFacts: src.router.replaying ? { phase: replay.phase, speed: replay.speed } : undefined,
      watch: this.watchState(),
      panes,
      activePane: layout.count > 1 ? layout.active : -1,
      zoneMode: prefs.zone,
      theme: resolveTheme(prefs.theme, src.prefersLight()),
      themeLabel: `Theme: ${prefs.theme}`,
      panelsKey,
      tape: { symbol: selectionRow?.instrument === undefined ? '' : selection, scale: selectionRow?.scale, zone },
      alerts: { book: src.alerts(), symbol: selection, zone },
      replay: {
        machine: replay,
        context: {
          nowMs,
          zone,
          zoneLabel: prefs.zone === 'exchange' ? (selectionRow?.instrument?.timeZone ?? 'local') : 'local',
          journal: src.journal(),
          liveEdgeMs: serverNowNs === undefined ? src.wallNow() : Number(serverNowNs / 1_000_000n),
          session: liveSelection === undefined ? undefined : { zone: liveSelection.timeZone, openMinute: liveSelection.sessionOpenMinute },
        },
      },
    };
  }

  private watchState(): WatchlistState {
    const prefs = this.sources.screen().preferences;
    const symbols = prefs.watchlist ?? [];
    const selected = prefs.chartSymbol ?? '';
    const cursor = this.sources.cursor();
    const cached = this.watchCache;
    if (cached !== undefined && cached.symbols === symbols && cached.sortKey === prefs.sort.key && cached.direction === prefs.sort.direction && cached.selected === selected && cached.cursor === cursor) {
      return cached;
    }
    this.watchCache = { symbols, sortKey: prefs.sort.key, direction: prefs.sort.direction, selected, cursor };
    return this.watchCache;
  }

  /** A pane's toggles as a set, made again only when they change. */
  private toggleSet(toggles: readonly PaneToggle[]): ReadonlySet<PaneToggle> {
    let set = this.toggleSets.get(toggles);
    if (set === undefined) {
      set = new Set(toggles);
      this.toggleSets.set(toggles, set);
    }
    return set;
  }

  private zoneFor(instrument: Instrument | undefined): Zone {
    return this.sources.screen().preferences.zone === 'exchange' ? instrument?.timeZone : undefined;
  }
}
