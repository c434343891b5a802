/**
 * Paints the whole page from one frame of state, once per animation frame: the stale banner, the
 * theme, the watchlist, the chart panes, the tape, the status bar, the alerts and the replay
 * panel. It only paints: it never subscribes, fetches or rewrites the address, and its time is the
 * frame's. What the user changed is drawn in the next frame; what streams (watchlist figures,
 * charts, tape) on one beat, every BEAT_MS, all together, so that a busy feed costs one style,
 * layout and paint per beat rather than one in every frame; the status bar every
 * STATUS_REFRESH_MS or when the connection's state changes.
 */
import type { ConnectionState } from '../connection/feed-connection.js';
import type { AlertBook } from '../model/alerts.js';
import type { MarketModel } from '../model/market-model.js';
import type { ZoneMode } from '../model/screen-choices.js';
import type { ReplayMachine } from '../replay/replay-machine.js';
import type { AlertsPanel } from './alerts-panel.js';
import type { ChartPanesView, PaneFrame } from './chart-panes-view.js';
import type { ReplayContext, ReplayPanel } from './replay-panel.js';
import type { ReplayFacts, SessionFacts, StatusBar } from './status-bar.js';
import type { TapeView } from './tape-view.js';
import type { Theme } from './theme.js';
import type { Zone } from './time.js';
import type { WatchlistState, WatchlistView } from './watchlist-view.js';
import type { PriceScale } from '../model/price.js';
import { setHidden, setTitle } from './dom-writes.js';

/** How often the status bar refreshes while nothing arrives (countdowns, rates). */
export const STATUS_REFRESH_MS = 250;
/**
 * The beat of streaming figures: the watchlist's rows, the charts and the tape are redrawn at
 * most this often (ten times a second), all in the same frame: enough for a person, and a burst
 * of ticks costs one redraw instead of one per frame.
 */
export const BEAT_MS = 100;

export interface DashboardParts {
  readonly banner: HTMLElement;
  readonly themeButton: HTMLButtonElement | undefined;
  readonly watchlist: WatchlistView;
  readonly panes: ChartPanesView;
  readonly tape: TapeView;
  readonly status: StatusBar;
  readonly alerts: AlertsPanel | undefined;
  readonly replay: ReplayPanel | undefined;
}

/** One frame of what the page shows. */
export interface ScreenFrame {
  readonly nowMs: number;
  readonly model: MarketModel;
  readonly connection: ConnectionState;
  readonly session: SessionFacts;
  /** Set while a replay is shown. */
  readonly replayFacts: ReplayFacts | undefined;
  readonly watch: WatchlistState;
  readonly panes: readonly PaneFrame[];
  readonly activePane: number;
  readonly zoneMode: ZoneMode;
  readonly theme: Theme;
  readonly themeLabel: string;
  /** Whatever changes what the panels show (drawn at once rather than at the next refresh). */
  readonly panelsKey: string;
  readonly tape: { readonly symbol: string; readonly scale: PriceScale | undefined; readonly zone: Zone };
  readonly alerts: { readonly book: AlertBook; readonly symbol: string; readonly zone: Zone };
  readonly replay: { readonly machine: ReplayMachine; readonly context: ReplayContext } | undefined;
}

export class DashboardView {
  private beatAtMs = Number.NEGATIVE_INFINITY;
  private statusAtMs = Number.NEGATIVE_INFINITY;
  private panelsKey = '';
  private statusKind = '';

  constructor(private readonly parts: DashboardParts) {}

  /** How long until the next beat (0: due now): streaming data needs no frame before then. */
  nextBeatInMs(nowMs: number): number {
    return Math.max(0, this.beatAtMs + BEAT_MS - nowMs);
  }

  render(frame: ScreenFrame): void {
    const p = this.parts;
    const live = frame.connection.kind === 'live';
    document.body.classList.toggle('feed-stale', !live);
    const wasLive = frame.model.stats.heartbeat !== undefined || frame.model.snapshotComplete;
    setHidden(p.banner, live || !wasLive);
    if (!p.banner.hidden) {
      p.banner.textContent =
        frame.connection.kind === 'stale'
          ? 'STALE: no heartbeat from the server. Prices below may be out of date.'
          : 'Not connected: prices below are the last received and may be out of date.';
    }
    this.renderTheme(frame);
    const beat = frame.nowMs - this.beatAtMs >= BEAT_MS;
    if (beat) this.beatAtMs = frame.nowMs;
    p.watchlist.render(frame.model, frame.watch, frame.nowMs, beat);
    // a change of what is shown is drawn at once; updates of the same on the beat
    if (frame.panelsKey !== this.panelsKey || beat) {
      this.panelsKey = frame.panelsKey;
      p.panes.render(frame.panes, frame.activePane, frame.zoneMode);
      p.tape.render(frame.model.tape, frame.tape.symbol, frame.tape.scale, frame.tape.zone);
    }
    if (frame.connection.kind !== this.statusKind || (beat && frame.nowMs - this.statusAtMs >= STATUS_REFRESH_MS)) {
      this.statusKind = frame.connection.kind;
      this.statusAtMs = frame.nowMs;
      p.status.render(frame.model, frame.connection, frame.session, frame.nowMs, frame.replayFacts);
    }
    p.alerts?.render(frame.alerts.book, frame.alerts.symbol, frame.alerts.zone, frame.nowMs);
    if (p.replay !== undefined && frame.replay !== undefined) p.replay.render(frame.replay.machine, frame.replay.context);
  }

  /** The theme on the page's root (its CSS variables), the charts and the button. */
  private renderTheme(frame: ScreenFrame): void {
    const root = document.documentElement;
    if (root.dataset['theme'] !== frame.theme) root.dataset['theme'] = frame.theme;
    this.parts.panes.setTheme(frame.theme);
    const button = this.parts.themeButton;
    if (button !== undefined && button.textContent !== frame.themeLabel) {
      button.textContent = frame.themeLabel;
      setTitle(button, 'Dark, light, or as the system prefers');
    }
  }
}
