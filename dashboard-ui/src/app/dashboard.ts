/**
 * The dashboard page: holds what the user chose (watchlist, chart, time zone), derives the
 * subscription from it, and wires the stream session, the market model and the views. Messages
 * only update the model; the DOM is written once per animation frame.
 */
import type { Clock } from '../connection/clock.js';
import type { ConnectionState } from '../connection/feed-connection.js';
import type { TransportFactory } from '../connection/transport.js';
import type { Instrument } from '../gen/ticker/v1/market_pb.js';
import { MarketModel, type InstrumentRow } from '../model/market-model.js';
import { fetchBars, fetchInstruments, fetchJournalRange, type FetchLike } from '../protocol/http-api.js';
import { DEFAULT_INTERVAL, intervalByKey, type IntervalKey } from '../protocol/intervals.js';
import { ChartView } from '../view/chart-view.js';
import { FrameScheduler } from '../view/frame-scheduler.js';
import { SearchBox } from '../view/search-box.js';
import { StatusBar } from '../view/status-bar.js';
import { TapeView } from '../view/tape-view.js';
import type { IndicatorKey } from '../model/indicators.js';
import { sparkSeed } from '../model/spark-seed.js';
import type { Zone } from '../model/zoned-time.js';
import { WatchlistView, type WatchlistState } from '../view/watchlist-view.js';
import { KeyHelp } from '../view/key-help.js';
import { nextThemeMode, resolveTheme } from '../view/theme.js';
import { AlertsPanel } from '../view/alerts-panel.js';
import { AlertsController } from './alerts-controller.js';
import { KEY_HELP } from './key-bindings.js';
import { KeyboardController } from './keyboard-controller.js';
import { ReplayMachine, type ReplaySegment } from '../replay/replay-machine.js';
import { formatReplayLink, parseReplayLink, type ReplayLink } from '../replay/replay-url.js';
import { ReplayPanel } from '../view/replay-panel.js';
import { ReplayRouter } from '../replay/replay-router.js';
import { clampToJournal, journalBounds, type JournalBounds } from '../replay/journal-range.js';
import { ChartController } from './chart-controller.js';
import {
  loadPreferences,
  savePreferences,
  toggleIndicator,
  withoutSymbol,
  withSymbol,
  type KeyValueStore,
  type Preferences,
  type SortKey,
} from './preferences.js';
import { formatScreenLink, parseScreenLink } from './screen-url.js';
import { StreamSession } from './stream-session.js';
import { planChanges, planSubscriptions, type PlanState } from './subscription-plan.js';

/** Symbols in a watchlist made for a first visit. */
export const DEFAULT_WATCHLIST_SIZE = 12;
/** How often the status bar refreshes while nothing arrives (countdowns, rates). */
const STATUS_REFRESH_MS = 250;
/**
 * The chart and the tape are redrawn at most this often (ten times a second): enough for a
 * person, and a burst of ticks costs one redraw instead of one per frame.
 */
const PANEL_REFRESH_MS = 100;
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
  readonly fetch: FetchLike;
  readonly storage: KeyValueStore | undefined;
  /** Skip /api/instruments (the benchmark's synthetic feed has no HTTP side). */
  readonly noCatalogue?: boolean;
  /** Symbols in the watchlist of a first visit. */
  readonly defaultWatchlistSize?: number;
  /** The page's address: a replay in it is started, and the replay shown is written back. */
  readonly location?: { readonly search: string; replace(search: string): void };
}

/** Figures the browser tests and the benchmark read. */
export interface DashboardProbe {
  decodeApplyMs: number;
  frames: number;
  renderMs: number;
  firstDataAtMs: number | undefined;
}

/** How often the journal's range is asked for again during a replay (the journal grows). */
const JOURNAL_REFRESH_MS = 5_000;
/** How often the address is rewritten with the replay's position. */
const REPLAY_LINK_REFRESH_MS = 1_000;

export class Dashboard {
  /** The live market; during a replay it waits, and continues with no gap afterwards. */
  readonly liveModel: MarketModel;
  /** Sends replay frames to the replay's state, the rest to the live one. */
  readonly router: ReplayRouter;
  readonly replay: ReplayMachine;
  readonly session: StreamSession;
  readonly chart: ChartController;
  readonly probe: DashboardProbe = { decodeApplyMs: 0, frames: 0, renderMs: 0, firstDataAtMs: undefined };
  private prefs: Preferences;
  private catalogue: 'loading' | 'api' | 'stream' = 'loading';
  private connection: ConnectionState = { kind: 'connecting', attempt: 0 };
  private readonly watchlistView: WatchlistView;
  private readonly chartView: ChartView;
  private readonly tapeView: TapeView;
  private readonly statusBar: StatusBar;
  private readonly frames: FrameScheduler;
  private readonly sparkSeeded = new Set<string>();
  private sparkHistory = true;
  private watchState: WatchlistState;
  readonly alerts: AlertsController;
  /** The system's colour preference, followed unless the user picked a theme. */
  private readonly prefersLight: MediaQueryList;
  private readonly alertsPanel: AlertsPanel | undefined;
  /** The keyboard's commands and the watchlist's cursor (made after the views it drives). */
  private readonly keyboard: KeyboardController;
  private catalogueKnown: () => void = () => undefined;
  private panelsAtMs = Number.NEGATIVE_INFINITY;
  private statusAtMs = Number.NEGATIVE_INFINITY;
  private panelsKey = '';
  private statusKind = '';
  private catalogueInstruments: Instrument[] = [];
  /** A replay asked for by the address, started once the live stream runs. */
  private pendingLink: ReplayLink | undefined;
  private linkAtMs = Number.NEGATIVE_INFINITY;
  private linkText = '';
  private readonly replayPanel: ReplayPanel | undefined;
  /** The journal's first and newest record, for the replay's start picker and timeline. */
  private journal: JournalBounds | undefined;
  private journalLoading = false;
  private journalAtMs = Number.NEGATIVE_INFINITY;
  private indicatorSet: { source: readonly IndicatorKey[]; set: ReadonlySet<IndicatorKey> } = { source: [], set: new Set() };

  constructor(private readonly options: DashboardOptions) {
    this.prefs = loadPreferences(options.storage);
    this.liveModel = new MarketModel({ now: () => options.clock.now() });
    this.router = new ReplayRouter(this.liveModel, () => this.replay, () => options.clock.now(), () => this.catalogueInstruments);
    this.watchState = this.makeWatchState();
    this.chart = new ChartController(() => this.model, options.fetch, options.baseUrl, () => this.frames.schedule());
    this.replay = new ReplayMachine({
      clock: options.clock,
      send: (bytes) => this.session.sendRaw(bytes),
      onSegment: (segment) => this.onReplaySegment(segment),
      onLive: () => this.onBackToLive(),
      onStuck: () => this.session.connection.drop(),
      onChange: () => this.frames.schedule(),
    });
    this.session = new StreamSession({
      url: options.feedUrl,
      model: this.liveModel,
      intercept: (message) => this.router.intercept(message),
      holdChanges: () => this.replay.active,
      onDisconnected: () => this.replay.onDisconnected(),
      transport: options.transport,
      clock: options.clock,
      plan: () => planSubscriptions(this.planState()),
      ready: new Promise<void>((resolve) => (this.catalogueKnown = resolve)),
      onChange: (state) => {
        this.connection = state;
        this.frames.schedule();
      },
      onSubscribed: (spec, ack) => {
        this.chart.onSubscribed(spec, ack);
        if (this.session.start === 'restarted' && spec !== undefined) this.chart.reload();
        this.onLiveStreamRunning();
      },
      onFrameApplied: (startMs) => {
        this.probe.decodeApplyMs += performance.now() - startMs;
      },
    });
    const el = options.elements;
    this.watchlistView = new WatchlistView(el.watchlist, {
      onSelect: (symbol) => this.selectChart(symbol),
      onRemove: (symbol) => this.removeSymbol(symbol),
      onSort: (key) => this.sortBy(key),
    });
    this.chartView = new ChartView(el.chart, {
      onInterval: (key) => this.setInterval(key),
      onZone: (zone) => this.update({ ...this.prefs, zone }),
      onNeedOlder: () => void this.chart.loadOlder(),
      onIndicator: (key) => this.update({ ...this.prefs, indicators: toggleIndicator(this.prefs.indicators, key) }),
    });
    this.tapeView = new TapeView(el.tape);
    this.statusBar = new StatusBar(el.status);
    const search = new SearchBox(
      el.search,
      () => this.instruments(),
      (symbol) => this.watchState.symbols.includes(symbol),
      (symbol) => this.addSymbol(symbol),
    );
    this.replayPanel =
      el.replay === undefined
        ? undefined
        : new ReplayPanel(el.replay, el.replayBanner, {
            onStart: (fromMs, toMs, speed) => this.startReplay({ atMs: fromMs, ...(toMs !== undefined ? { toMs } : {}), speed, paused: false }),
            onPause: () => this.replay.pause(),
            onResume: () => this.replay.resume(),
            onSpeed: (speed) => this.replay.setSpeed(speed),
            onSeek: (atMs) => this.replay.seek(clampToJournal(atMs, this.journal)),
            onStep: () => this.replay.step(),
            onBackToLive: () => this.replay.backToLive(),
            onOpen: () => void this.loadJournalRange(),
          });
    // a link's chart is the one shown (and remembered)
    const screen = options.location === undefined ? {} : parseScreenLink(options.location.search);
    if (screen.symbol !== undefined || screen.interval !== undefined) {
      this.prefs = { ...this.prefs, ...(screen.symbol !== undefined ? { chartSymbol: screen.symbol } : {}), ...(screen.interval !== undefined ? { interval: screen.interval } : {}) };
      this.watchState = this.makeWatchState();
    }
    const link = options.location === undefined ? { kind: 'none' as const } : parseReplayLink(options.location.search);
    if (link.kind === 'ok') this.pendingLink = link.link;
    else if (link.kind === 'error') this.replay.error = `The link's replay cannot be opened: ${link.reason}`;
    this.frames = new FrameScheduler(() => this.render());
    const alertsPanel =
      el.alerts === undefined || el.alertBanner === undefined
        ? undefined
        : new AlertsPanel(el.alerts, el.alertBanner, {
            onAdd: (kind, level) => {
              const symbol = this.prefs.chartSymbol;
              if (symbol !== undefined) this.alerts.add(symbol, kind, level);
              this.frames.schedule();
            },
            onRemove: (id) => {
              this.alerts.remove(id);
              this.frames.schedule();
            },
          });
    this.alertsPanel = alertsPanel;
    this.alerts = new AlertsController({
      model: this.liveModel,
      storage: options.storage,
      wallNow: () => Date.now(),
      onFired: (text) => {
        alertsPanel?.announce(text, options.clock.now());
        this.frames.schedule();
      },
    });
    this.prefersLight = window.matchMedia('(prefers-color-scheme: light)');
    this.prefersLight.addEventListener('change', () => this.frames.schedule());
    el.theme?.addEventListener('click', () => this.update({ ...this.prefs, theme: nextThemeMode(this.prefs.theme) }));
    const help = new KeyHelp(document.body, KEY_HELP);
    this.keyboard = new KeyboardController({
      focusSearch: () => search.focus(),
      order: () => this.watchlistView.displayedOrder,
      chart: (symbol) => this.selectChart(symbol),
      interval: (key) => this.setInterval(key),
      togglePause: () => {
        if (this.replay.phase === 'playing') this.replay.pause();
        else if (this.replay.phase === 'paused') this.replay.resume();
        else return false;
        return true;
      },
      showHelp: (shown) => help.show(shown),
      helpShown: () => help.shown,
      onChange: () => {
        this.watchState = this.makeWatchState();
        this.frames.schedule();
      },
    });
    document.addEventListener('keydown', (event) => {
      if (this.keyboard.onKey(event)) event.preventDefault();
    });
  }

  /** The market shown: the replay's during a replay, else the live one. */
  get model(): MarketModel {
    return this.router.model;
  }

  /** Starts a replay of the watchlist and the charted symbol. */
  startReplay(link: ReplayLink): void {
    if (this.replay.active) return;
    this.replay.start({
      fromMs: clampToJournal(link.atMs, this.journal),
      ...(link.toMs !== undefined ? { toMs: link.toMs } : {}),
      speed: link.speed,
      paused: link.paused,
      symbols: this.replaySymbols(),
    });
  }

  private replaySymbols(): string[] {
    const symbols = [...(this.prefs.watchlist ?? [])];
    const chart = this.prefs.chartSymbol;
    if (chart !== undefined && !symbols.includes(chart)) symbols.push(chart);
    return symbols;
  }

  /** The live stream runs on this connection: a replay asked for (or interrupted) starts now. */
  private onLiveStreamRunning(): void {
    if (this.catalogue === 'loading') return;
    const link = this.pendingLink;
    if (link !== undefined) {
      if (this.journal === undefined && this.journalAtMs === Number.NEGATIVE_INFINITY) {
        // the link's time is moved into the journal before it is asked for
        void this.loadJournalRange().then(() => this.onLiveStreamRunning());
        return;
      }
      this.pendingLink = undefined;
      this.startReplay(link);
    } else {
      this.replay.onStreamStarted(this.replaySymbols());
    }
  }

  /** A replay started or sought: the chart starts again on the replay's state. */
  private onReplaySegment(segment: ReplaySegment): void {
    this.router.onSegment(segment);
    this.chart.rebind(() => Number(this.replay.clockNs(this.options.clock.now()) / 1_000_000n));
    this.frames.schedule();
  }

  /** The connection is back on live data: the live state continues where it stopped. */
  private onBackToLive(): void {
    this.router.onLive();
    this.chart.rebind(undefined);
    this.session.releaseHeld();
    this.frames.schedule();
  }

  /**
   * The journal's range for the start picker and the timeline, from `/api/journal`: asked for when
   * the panel is first used, and again while it is in use, as the journal grows.
   */
  private async loadJournalRange(): Promise<void> {
    if (this.journalLoading) return;
    this.journalLoading = true;
    this.journalAtMs = this.options.clock.now();
    try {
      const result = await fetchJournalRange(this.options.fetch, this.options.baseUrl);
      if (result.kind === 'ok') {
        this.journal = journalBounds(result.value);
        this.seedSparklines();
        this.frames.schedule();
      }
    } finally {
      this.journalLoading = false;
    }
  }

  /** The address says which moment is replayed (rewritten at most once a second). */
  private writeLink(nowMs: number): void {
    const location = this.options.location;
    if (location === undefined) return;
    if (nowMs - this.linkAtMs < REPLAY_LINK_REFRESH_MS && this.replay.phase !== 'live') return;
    this.linkAtMs = nowMs;
    if (this.pendingLink !== undefined) return;
    const screen = { ...(this.prefs.chartSymbol !== undefined ? { symbol: this.prefs.chartSymbol } : {}), interval: this.prefs.interval };
    const text = formatScreenLink(formatReplayLink(location.search, this.replay.link(nowMs)), screen);
    if (text !== this.linkText) {
      this.linkText = text;
      if (text !== location.search) location.replace(text);
    }
  }

  async start(): Promise<void> {
    this.frames.schedule();
    window.setInterval(() => this.frames.schedule(), STATUS_REFRESH_MS);
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
        this.fillDefaults(result.value.map((i) => i.symbol));
      } else {
        this.catalogue = 'stream';
      }
    }
    this.catalogueKnown();
    this.ensureChart();
    // the sparklines are seeded from the journal's own newest day once its range is known
    void this.loadJournalRange();
  }

  /** Closes the socket as a network failure would (browser tests). */
  dropConnection(): void {
    this.session.connection.drop();
  }

  get preferences(): Preferences {
    return this.prefs;
  }

  get connectionState(): ConnectionState {
    return this.connection;
  }

  get catalogueSource(): string {
    return this.catalogue;
  }

  addSymbol(symbol: string): void {
    const list = this.prefs.watchlist ?? [];
    const next = withSymbol(list, symbol);
    if (next !== list) this.update({ ...this.prefs, watchlist: next });
    this.seedSparklines();
  }

  removeSymbol(symbol: string): void {
    const list = this.prefs.watchlist ?? [];
    this.update({ ...this.prefs, watchlist: withoutSymbol(list, symbol) });
  }

  selectChart(symbol: string): void {
    this.update({ ...this.prefs, chartSymbol: symbol });
  }

  setInterval(key: IntervalKey): void {
    this.update({ ...this.prefs, interval: key });
  }

  private sortBy(key: SortKey): void {
    const current = this.prefs.sort;
    const direction =
      current.key === key ? (current.direction === 'asc' ? 'desc' : 'asc') : key === 'symbol' ? 'asc' : 'desc';
    this.update({ ...this.prefs, sort: { key, direction } });
  }

  private update(next: Preferences): void {
    const before = this.planState();
    this.prefs = next;
    savePreferences(this.options.storage, next);
    this.watchState = this.makeWatchState();
    if (this.catalogue !== 'loading') {
      this.session.apply(planChanges(before, this.planState()));
    }
    this.ensureChart();
    this.frames.schedule();
  }

  private makeWatchState(): WatchlistState {
    return {
      symbols: this.prefs.watchlist ?? [],
      sortKey: this.prefs.sort.key,
      direction: this.prefs.sort.direction,
      selected: this.prefs.chartSymbol ?? '',
      cursor: this.keyboard?.cursor ?? '',
    };
  }

  private planState(): PlanState {
    const interval = intervalByKey(this.prefs.interval) ?? intervalByKey(DEFAULT_INTERVAL);
    const symbol = this.prefs.chartSymbol;
    return {
      watchlist: this.prefs.watchlist ?? [],
      chart: symbol !== undefined && interval !== undefined ? { symbol, interval: interval.value } : undefined,
      all: this.catalogue === 'stream',
    };
  }

  /** A first visit gets the first instruments of the catalogue, and the first one charted. */
  private fillDefaults(symbols: readonly string[]): void {
    if (symbols.length === 0) return;
    let next = this.prefs;
    if (next.watchlist === undefined) next = { ...next, watchlist: symbols.slice(0, this.options.defaultWatchlistSize ?? DEFAULT_WATCHLIST_SIZE) };
    const known = new Set(symbols);
    if (next.chartSymbol === undefined || !known.has(next.chartSymbol)) {
      next = { ...next, chartSymbol: next.watchlist?.find((s) => known.has(s)) ?? symbols[0] };
    }
    if (next !== this.prefs) this.update(next);
  }

  private ensureChart(): void {
    const symbol = this.prefs.chartSymbol;
    const interval = intervalByKey(this.prefs.interval);
    if (symbol !== undefined && interval !== undefined && this.model.rowBySymbol(symbol)?.instrument !== undefined) {
      this.chart.select(symbol, interval);
    }
  }

  /**
   * Seeds the watchlist's sparklines with the closes of the journal's newest day (from
   * `/api/journal`, so a recorded journal seeds from its own session, not the browser's today), at
   * the finest interval that fills them.
   */
  private seedSparklines(): void {
    if (this.catalogue !== 'api' || !this.sparkHistory || this.router.replaying || this.journal === undefined) return;
    const journal = this.journal;
    for (const symbol of this.prefs.watchlist ?? []) {
      if (this.sparkSeeded.has(symbol)) continue;
      this.sparkSeeded.add(symbol);
      const row = this.liveModel.rowBySymbol(symbol);
      if (row === undefined) continue;
      const seed = sparkSeed(journal.headMs, journal.firstMs, row.instrument?.timeZone, row.spark.capacity);
      void fetchBars(this.options.fetch, this.options.baseUrl, { symbol, interval: seed.interval, fromMs: seed.fromMs, limit: seed.limit }).then(
        (result) => {
          if (result.kind === 'unavailable') {
            this.sparkHistory = false;
          } else if (result.kind === 'ok') {
            const points = result.value.bars.map((bar) => [Number(bar.startTimeNs / 1_000_000n), Number(bar.close)] as [number, number]);
            // the live trades that came meanwhile go on top, at their own time
            const lastMs = row.updatedNs === undefined ? undefined : Number(row.updatedNs / 1_000_000n);
            row.spark.reset(seed.bucketMs, points);
            if (row.lastPrice !== undefined && lastMs !== undefined) row.spark.add(lastMs, Number(row.lastPrice));
            this.frames.schedule();
          }
        },
      );
    }
  }

  private instruments(): Instrument[] {
    return this.model
      .visibleRows()
      .map((row) => row.instrument)
      .filter((i): i is Instrument => i !== undefined);
  }

  private render(): void {
    const started = performance.now();
    const nowMs = this.options.clock.now();
    if (this.catalogue === 'stream' && (this.prefs.watchlist === undefined || this.prefs.chartSymbol === undefined) && this.model.snapshotComplete) {
      this.fillDefaults(this.model.visibleRows().map((row) => row.instrument?.symbol ?? ''));
    }
    if (this.chart.store === undefined || this.chart.selectedSymbol !== this.prefs.chartSymbol) this.ensureChart();

    const live = this.connection.kind === 'live';
    document.body.classList.toggle('feed-stale', !live);
    const banner = this.options.elements.banner;
    const wasLive = this.model.stats.heartbeat !== undefined || this.model.snapshotComplete;
    banner.hidden = live || !wasLive;
    if (!banner.hidden) {
      banner.textContent =
        this.connection.kind === 'stale'
          ? 'STALE: no heartbeat from the server. Prices below may be out of date.'
          : 'Not connected: prices below are the last received and may be out of date.';
    }

    this.renderTheme();
    this.watchlistView.render(this.model, this.watchState, nowMs);
    const chartSymbol = this.chart.selectedSymbol;
    // a change of what is shown is drawn at once; updates of the same at most every 100 ms
    const panelsKey = `${chartSymbol}|${this.prefs.interval}|${this.prefs.zone}|${this.prefs.indicators.join(',')}|${this.chart.store?.state ?? ''}|${this.replay.segments}|${this.replay.phase}`;
    if (panelsKey !== this.panelsKey || nowMs - this.panelsAtMs >= PANEL_REFRESH_MS) {
      this.panelsKey = panelsKey;
      this.panelsAtMs = nowMs;
      const row = chartSymbol === '' ? undefined : this.model.rowBySymbol(chartSymbol);
      this.chartView.render(this.chart.store, row, this.prefs.interval, this.prefs.zone, this.shownIndicators());
      this.tapeView.render(this.model.tape, chartSymbol, row?.scale, this.zoneFor(row?.instrument));
    }
    if (this.connection.kind !== this.statusKind || nowMs - this.statusAtMs >= STATUS_REFRESH_MS) {
      this.statusKind = this.connection.kind;
      this.statusAtMs = nowMs;
      this.statusBar.render(this.model, this.connection, {
        reconnects: this.session.connection.reconnects,
        resumes: this.session.resumes,
        restarts: this.session.restarts,
      }, nowMs, this.router.replaying ? { phase: this.replay.phase, speed: this.replay.speed } : undefined);
    }

    if (this.probe.firstDataAtMs === undefined && this.watchState.symbols.some((s) => this.model.rowBySymbol(s)?.lastPrice !== undefined)) {
      this.probe.firstDataAtMs = performance.now();
      performance.mark('ticker:first-data');
    }
    this.alertsPanel?.render(this.alerts.book, this.prefs.chartSymbol ?? '', this.zoneFor(rowOf(this.model, this.prefs.chartSymbol)?.instrument), nowMs);
    if (this.replayPanel !== undefined) {
      if (this.replay.active && nowMs - this.journalAtMs >= JOURNAL_REFRESH_MS) void this.loadJournalRange();
      const serverNowNs = this.liveModel.stats.heartbeat?.serverTimeNs;
      const chartInstrument = this.liveModel.rowBySymbol(this.prefs.chartSymbol ?? '')?.instrument;
      this.replayPanel.render(this.replay, {
        nowMs,
        zone: this.zoneFor(this.model.rowBySymbol(this.prefs.chartSymbol ?? '')?.instrument),
        zoneLabel: this.prefs.zone === 'exchange' ? (this.model.rowBySymbol(this.prefs.chartSymbol ?? '')?.instrument?.timeZone ?? 'local') : 'local',
        journal: this.journal,
        liveEdgeMs: serverNowNs === undefined ? Date.now() : Number(serverNowNs / 1_000_000n),
        session: chartInstrument === undefined ? undefined : { zone: chartInstrument.timeZone, openMinute: chartInstrument.sessionOpenMinute },
      });
    }
    this.writeLink(nowMs);
    this.probe.frames++;
    this.probe.renderMs += performance.now() - started;
  }

  /** The theme on the page's root (its CSS variables), the chart and the button. */
  private renderTheme(): void {
    const theme = resolveTheme(this.prefs.theme, this.prefersLight.matches);
    const root = document.documentElement;
    if (root.dataset['theme'] !== theme) root.dataset['theme'] = theme;
    this.chartView.setTheme(theme);
    const button = this.options.elements.theme;
    const label = `Theme: ${this.prefs.theme}`;
    if (button !== undefined && button.textContent !== label) {
      button.textContent = label;
      button.title = 'Dark, light, or as the system prefers';
    }
  }

  /** The chart's indicators as a set, made again only when the preference changes. */
  private shownIndicators(): ReadonlySet<IndicatorKey> {
    if (this.indicatorSet.source !== this.prefs.indicators) {
      this.indicatorSet = { source: this.prefs.indicators, set: new Set(this.prefs.indicators) };
    }
    return this.indicatorSet.set;
  }

  /** The chart's indicator lines as drawn (browser tests). */
  drawnIndicators(): Record<string, ReadonlyArray<{ readonly time: number; readonly value: number }>> {
    return this.chartView.indicatorData();
  }

  private zoneFor(instrument: Instrument | undefined): Zone {
    return this.prefs.zone === 'exchange' ? instrument?.timeZone : undefined;
  }
}

function rowOf(model: MarketModel, symbol: string | undefined): InstrumentRow | undefined {
  return symbol === undefined ? undefined : model.rowBySymbol(symbol);
}
