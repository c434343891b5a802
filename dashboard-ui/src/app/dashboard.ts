/**
 * The dashboard page's composition root: it makes the stream session, the market models, the
 * controllers (screen choices and subscriptions, chart panes, journal, replay, alerts, keyboard,
 * address) and the views, and wires them together. Messages only update the model; the DOM is
 * painted in an animation frame by the DashboardView (streaming data on its beat, ten times a
 * second; what the user does in the next frame); the work that is not painting (charts
 * to load, the address, the journal's range) runs from the page's periodic tick and from events.
 */
import type { Clock } from '../connection/clock.js';
import type { ConnectionState } from '../connection/feed-connection.js';
import type { TransportFactory } from '../connection/transport.js';
import type { Instrument } from '../gen/ticker/v1/market_pb.js';
import type { Error as ServerError } from '../gen/ticker/v1/stream_pb.js';
import { MarketModel } from '../model/market-model.js';
import type { IndicatorPoint } from '../model/indicators.js';
import { fetchInstruments, type FetchLike } from '../protocol/http-api.js';
import { ReplayMachine } from '../replay/replay-machine.js';
import { parseReplayLink } from '../replay/replay-url.js';
import { ReplayRouter } from '../replay/replay-router.js';
import { AlertsPanel } from '../view/alerts-panel.js';
import { ChartPanesView } from '../view/chart-panes-view.js';
import type { DrawnQuote } from '../view/quote-lines.js';
import { DashboardView, STATUS_REFRESH_MS } from '../view/dashboard-view.js';
import { FrameScheduler } from '../view/frame-scheduler.js';
import { KeyHelp } from '../view/key-help.js';
import { ReplayPanel } from '../view/replay-panel.js';
import { SearchBox } from '../view/search-box.js';
import { StatusBar } from '../view/status-bar.js';
import { TapeView } from '../view/tape-view.js';
import { WatchlistView } from '../view/watchlist-view.js';
import { AlertsController } from './alerts-controller.js';
import type { ChartController } from './chart-controller.js';
import { ChartPanesController } from './chart-panes-controller.js';
import { JournalController } from './journal-controller.js';
import { KEY_HELP } from './key-bindings.js';
import { KeyboardController } from './keyboard-controller.js';
import { LinkController, type PageLocation } from './link-controller.js';
import { loadPreferences, type KeyValueStore, type Preferences } from './preferences.js';
import { ReplayController } from './replay-controller.js';
import { ScreenController } from './screen-controller.js';
import { ScreenFrames } from './screen-frames.js';
import { parseScreenLink } from './screen-url.js';
import { StreamSession } from './stream-session.js';
import { planSubscriptions } from './subscription-plan.js';

/** Symbols in a watchlist made for a first visit. */
export const DEFAULT_WATCHLIST_SIZE = 12;
/** How long the page waits for the catalogue before connecting without it. */
const CATALOGUE_WAIT_MS = 1_500;

export interface DashboardElements {
  readonly search: HTMLElement;
  readonly watchlist: HTMLTableElement;
  readonly chart: HTMLElement;
  readonly tape: HTMLElement;
  readonly status: HTMLElement;
  readonly banner: HTMLElement;
  /** The replay panel and the banner that says a replay is shown; both optional. */
  readonly replay?: HTMLElement;
  readonly replayBanner?: HTMLElement;
  /** The alerts panel and the banner of a fired alert; both optional. */
  readonly alerts?: HTMLElement;
  readonly alertBanner?: HTMLElement;
  /** The theme button (system, light, dark); optional. */
  readonly theme?: HTMLButtonElement;
}

export interface DashboardOptions {
  readonly elements: DashboardElements;
  readonly feedUrl: string;
  /** The page's URL, the base of /api/... */
  readonly baseUrl: string;
  readonly transport: TransportFactory;
  readonly clock: Clock;
  /** Epoch milliseconds (Date.now in the browser). */
  readonly wallNow: () => number;
  readonly fetch: FetchLike;
  readonly storage: KeyValueStore | undefined;
  /** Skip /api/instruments (the benchmark's synthetic feed has no HTTP side). */
  readonly noCatalogue?: boolean;
  /** Symbols in the watchlist of a first visit. */
  readonly defaultWatchlistSize?: number;
  /** The page's address: a replay or a screen in it is opened, and what is shown is written back. */
  readonly location?: PageLocation;
  /** Every Error the server sends (the sign-in hears whether its RefreshToken was refused). */
  readonly onServerError?: (error: ServerError) => void;
}

/** Figures the browser tests and the benchmark read. */
export interface DashboardProbe {
  decodeApplyMs: number;
  frames: number;
  renderMs: number;
  firstDataAtMs: number | undefined;
}

export class Dashboard {
  /** The live market; during a replay it waits, and continues with no gap afterwards. */
  readonly liveModel: MarketModel;
  /** Sends replay frames to the replay's state, the rest to the live one. */
  readonly router: ReplayRouter;
  readonly replay: ReplayMachine;
  readonly session: StreamSession;
  readonly panes: ChartPanesController;
  readonly screen: ScreenController;
  readonly alerts: AlertsController;
  readonly probe: DashboardProbe = { decodeApplyMs: 0, frames: 0, renderMs: 0, firstDataAtMs: undefined };
  private readonly journal: JournalController;
  private readonly replays: ReplayController;
  private readonly links: LinkController;
  private readonly keyboard: KeyboardController;
  private readonly view: DashboardView;
  private readonly panesView: ChartPanesView;
  private readonly frames: FrameScheduler;
  private readonly screenFrames: ScreenFrames;
  /** The system's colour preference, followed unless the user picked a theme. */
  private readonly prefersLight: MediaQueryList;
  private catalogue: 'loading' | 'api' | 'stream' = 'loading';
  private catalogueInstruments: Instrument[] = [];
  private catalogueKnown: () => void = () => undefined;
  private connection: ConnectionState = { kind: 'connecting', attempt: 0 };

  constructor(private readonly options: DashboardOptions) {
    const schedule = (): void => this.frames.schedule();
    this.liveModel = new MarketModel({ now: () => options.clock.now(), wallNow: options.wallNow });
    this.router = new ReplayRouter(this.liveModel, () => this.replay, () => options.clock.now(), () => this.catalogueInstruments);
    this.panes = new ChartPanesController(() => this.model, options.fetch, options.baseUrl, schedule);
    this.screen = new ScreenController(
      {
        storage: options.storage,
        panes: this.panes,
        model: () => this.model,
        catalogue: () => this.catalogue,
        apply: (changes) => this.session.apply(changes),
        onChange: () => {
          this.replays.followScreen();
          this.journal.seedSparklines();
          this.links.write(options.clock.now());
          schedule();
        },
        defaultWatchlistSize: options.defaultWatchlistSize ?? DEFAULT_WATCHLIST_SIZE,
      },
      this.initialPreferences(),
    );
    this.journal = new JournalController({
      fetch: options.fetch,
      baseUrl: options.baseUrl,
      clock: options.clock,
      liveModel: this.liveModel,
      canSeed: () => this.catalogue === 'api' && !this.router.replaying,
      watchlist: () => this.screen.preferences.watchlist ?? [],
      onChange: schedule,
    });
    this.replays = new ReplayController({
      clock: options.clock,
      machine: () => this.replay,
      router: this.router,
      panes: this.panes,
      screen: () => this.screen,
      journal: this.journal,
      catalogueLoading: () => this.catalogue === 'loading',
      releaseHeld: () => this.session.releaseHeld(),
      onChange: schedule,
    });
    this.replay = new ReplayMachine({
      clock: options.clock,
      send: (bytes) => this.session.sendRaw(bytes),
      onSegment: (segment) => this.replays.onSegment(segment),
      onLive: () => this.replays.onBackToLive(),
      onStuck: () => this.session.connection.drop(),
      onChange: () => {
        // the address says at once when the page is back on live (and once a second what is replayed)
        this.links.write(options.clock.now());
        schedule();
      },
    });
    this.session = new StreamSession({
      url: options.feedUrl,
      model: this.liveModel,
      intercept: (message) => {
        if (message.body.case === 'error') options.onServerError?.(message.body.value);
        return this.router.intercept(message);
      },
      holdChanges: () => this.replay.active,
      onDisconnected: () => this.replay.onDisconnected(),
      transport: options.transport,
      clock: options.clock,
      plan: () => planSubscriptions(this.screen.planState()),
      ready: new Promise<void>((resolve) => (this.catalogueKnown = resolve)),
      onChange: (state) => {
        const sameState = state.kind === this.connection.kind;
        this.connection = state;
        // data of a running stream is painted on the next beat; the first data and a change of
        // the connection's state at once
        if (sameState && this.probe.firstDataAtMs !== undefined) this.frames.scheduleWithin(this.view.nextBeatInMs(options.clock.now()));
        else schedule();
      },
      onSubscribed: (spec, ack) => {
        this.panes.onSubscribed(spec, ack);
        if (this.session.start === 'restarted' && spec !== undefined) this.panes.reload();
        this.replays.onLiveStreamRunning();
      },
      onFrameApplied: (startMs) => {
        this.probe.decodeApplyMs += performance.now() - startMs;
      },
    });
    const link = options.location === undefined ? { kind: 'none' as const } : parseReplayLink(options.location.search);
    if (link.kind === 'ok') this.replays.pendingLink = link.link;
    else if (link.kind === 'error') this.replay.error = `The link's replay cannot be opened: ${link.reason}`;
    this.links = new LinkController(options.location, () => this.replay, () => this.screen.preferences, () => this.replays.pendingLink !== undefined);

    const el = options.elements;
    const screen = this.screen;
    const watchlistView = new WatchlistView(el.watchlist, {
      onSelect: (symbol) => screen.select(symbol),
      onRemove: (symbol) => screen.removeSymbol(symbol),
      onSort: (key) => screen.sortBy(key),
    });
    this.panesView = new ChartPanesView(el.chart, {
      onCount: (count) => screen.setPaneCount(count),
      onInterval: (pane, key) => screen.setInterval(key, pane),
      onZone: (zone) => screen.setZone(zone),
      onNeedOlder: (pane) => void this.panes.panes[pane]?.loadOlder(),
      onToggle: (pane, key) => screen.toggle(pane, key),
      onPin: (pane) => screen.togglePin(pane),
      onFocus: (pane) => screen.focusPane(pane),
    });
    const search = new SearchBox(
      el.search,
      () => this.instruments(),
      (symbol) => (screen.preferences.watchlist ?? []).includes(symbol),
      (symbol) => screen.addSymbol(symbol),
    );
    const replayPanel =
      el.replay === undefined
        ? undefined
        : new ReplayPanel(el.replay, el.replayBanner, {
            onStart: (fromMs, toMs, speed) => this.replays.start({ atMs: fromMs, ...(toMs !== undefined ? { toMs } : {}), speed, paused: false }),
            onPause: () => this.replay.pause(),
            onResume: () => this.replay.resume(),
            onSpeed: (speed) => this.replay.setSpeed(speed),
            onSeek: (atMs) => this.replays.seek(atMs),
            onStep: () => this.replay.step(),
            onBackToLive: () => this.replay.backToLive(),
            onOpen: () => void this.journal.load(),
          });
    const alertsPanel =
      el.alerts === undefined || el.alertBanner === undefined
        ? undefined
        : new AlertsPanel(el.alerts, el.alertBanner, {
            onAdd: (kind, level) => {
              const symbol = screen.preferences.chartSymbol;
              if (symbol !== undefined) this.alerts.add(symbol, kind, level);
              schedule();
            },
            onRemove: (id) => {
              this.alerts.remove(id);
              schedule();
            },
          });
    this.alerts = new AlertsController({
      model: this.liveModel,
      storage: options.storage,
      wallNow: options.wallNow,
      onFired: (text) => {
        alertsPanel?.announce(text, options.clock.now());
        schedule();
      },
    });
    this.prefersLight = window.matchMedia('(prefers-color-scheme: light)');
    this.prefersLight.addEventListener('change', schedule);
    el.theme?.addEventListener('click', () => screen.nextTheme());
    const help = new KeyHelp(document.body, KEY_HELP);
    this.keyboard = new KeyboardController({
      focusSearch: () => search.focus(),
      order: () => watchlistView.displayedOrder,
      chart: (symbol) => screen.select(symbol),
      interval: (key) => screen.setInterval(key),
      layout: () => screen.cyclePaneCount(),
      togglePause: () => this.replays.togglePause(),
      showHelp: (shown) => help.show(shown),
      helpShown: () => help.shown,
      onChange: schedule,
    });
    document.addEventListener('keydown', (event) => {
      if (this.keyboard.onKey(event)) event.preventDefault();
    });
    this.view = new DashboardView({
      banner: el.banner,
      themeButton: el.theme,
      watchlist: watchlistView,
      panes: this.panesView,
      tape: new TapeView(el.tape),
      status: new StatusBar(el.status),
      alerts: alertsPanel,
      replay: replayPanel,
    });
    this.screenFrames = new ScreenFrames({
      liveModel: this.liveModel,
      router: this.router,
      replay: () => this.replay,
      screen: () => this.screen,
      panes: this.panes,
      connection: () => this.connection,
      session: () => ({ reconnects: this.session.connection.reconnects, resumes: this.session.resumes, restarts: this.session.restarts }),
      journal: () => this.journal.bounds,
      alerts: () => this.alerts.book,
      cursor: () => this.keyboard.cursor,
      prefersLight: () => this.prefersLight.matches,
      wallNow: options.wallNow,
    });
    this.frames = new FrameScheduler(() => this.render());
  }

  /** What was remembered, with what the address asks for on top (a link's screen is the one shown). */
  private initialPreferences(): Preferences {
    const stored = loadPreferences(this.options.storage);
    const location = this.options.location;
    if (location === undefined) return stored;
    const link = parseScreenLink(location.search, stored.layout);
    return {
      ...stored,
      ...(link.symbol !== undefined ? { chartSymbol: link.symbol } : {}),
      ...(link.layout !== undefined ? { layout: link.layout } : {}),
    };
  }

  /** The market shown: the replay's during a replay, else the live one. */
  get model(): MarketModel {
    return this.router.model;
  }

  /** The pane the keys act on (the first while there is one). */
  get chart(): ChartController {
    return this.panes.panes[this.screen.layout.active] ?? (this.panes.panes[0] as ChartController);
  }

  async start(): Promise<void> {
    this.frames.schedule();
    window.setInterval(() => this.tick(), STATUS_REFRESH_MS);
    // the socket opens while the catalogue loads; it subscribes once the catalogue is known
    this.session.startConnecting();
    if (this.options.noCatalogue === true) {
      this.catalogue = 'stream';
    } else {
      const timeout = new Promise<undefined>((resolve) => window.setTimeout(() => resolve(undefined), CATALOGUE_WAIT_MS));
      const result = await Promise.race([fetchInstruments(this.options.fetch, this.options.baseUrl), timeout]);
      if (result?.kind === 'ok' && result.value.length > 0) {
        this.catalogue = 'api';
        this.catalogueInstruments = result.value;
        this.liveModel.addCatalogue(result.value);
        this.screen.fillDefaults(result.value.map((i) => i.symbol));
      } else {
        this.catalogue = 'stream';
      }
    }
    this.catalogueKnown();
    this.screen.syncCharts();
    // the sparklines are seeded from the journal's own newest day once its range is known
    void this.journal.load();
  }

  /**
   * The page's periodic work, apart from painting: a first visit without a catalogue takes its
   * watchlist from the snapshot, panes chart instruments that became known, the journal's range is
   * asked for again during a replay, and the address follows what is shown.
   */
  private tick(): void {
    const nowMs = this.options.clock.now();
    const prefs = this.screen.preferences;
    if (this.catalogue === 'stream' && (prefs.watchlist === undefined || prefs.chartSymbol === undefined) && this.model.snapshotComplete) {
      this.screen.fillDefaults(this.model.visibleRows().map((row) => row.instrument?.symbol ?? ''));
    }
    this.screen.syncCharts();
    if (this.replay.active && this.journal.asked) this.journal.refreshIfOld(nowMs);
    this.links.write(nowMs);
    this.frames.schedule();
  }

  /** Closes the socket as a network failure would (browser tests). */
  dropConnection(): void {
    this.session.connection.drop();
  }

  get preferences(): Preferences {
    return this.screen.preferences;
  }

  get connectionState(): ConnectionState {
    return this.connection;
  }

  get catalogueSource(): string {
    return this.catalogue;
  }

  /** Pane `pane`'s indicator lines as drawn (browser tests; the active pane by default). */
  drawnIndicators(pane = this.screen.layout.active): Record<string, readonly IndicatorPoint[]> {
    return this.panesView.indicatorData(pane);
  }

  /** Pane `pane`'s bid/ask lines as drawn (browser tests). */
  drawnQuoteLines(pane: number): DrawnQuote | undefined {
    return this.panesView.quoteLineData(pane);
  }

  private instruments(): Instrument[] {
    return this.model
      .visibleRows()
      .map((row) => row.instrument)
      .filter((i): i is Instrument => i !== undefined);
  }

  private render(): void {
    const started = this.options.clock.now();
    this.view.render(this.screenFrames.build(this.options.clock.now()));
    const watched = this.screen.preferences.watchlist ?? [];
    if (this.probe.firstDataAtMs === undefined && watched.some((s) => this.model.rowBySymbol(s)?.lastPrice !== undefined)) {
      this.probe.firstDataAtMs = this.options.clock.now();
      performance.mark('ticker:first-data');
    }
    this.probe.frames++;
    this.probe.renderMs += this.options.clock.now() - started;
  }
}
