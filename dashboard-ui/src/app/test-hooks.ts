/**
 * What browser tests read and do through `window.tickerDashboard` (only with `?hooks=1` in the
 * page's URL): plain figures of the page's state, and dropping the connection as a network failure
 * would, to see it recover.
 */
import type { Dashboard } from './dashboard.js';

export interface DashboardState {
  readonly connection: string;
  readonly reconnects: number;
  readonly resumes: number;
  readonly restarts: number;
  readonly start: string;
  readonly covered: string | null;
  readonly gaps: number;
  readonly overlaps: number;
  readonly ticks: number;
  readonly priceUpdates: number;
  readonly catalogue: string;
  readonly watchlist: readonly string[];
  readonly rows: ReadonlyArray<{ readonly symbol: string; readonly last: string | null; readonly status: number }>;
  readonly chartSymbol: string;
  readonly interval: string;
  readonly history: string;
  readonly bars: number;
  readonly historyBars: number;
  /** The history's last_sequence. */
  readonly historySequence: string;
  readonly liveBars: boolean;
  readonly conflated: string;
  readonly tapeMissed: string;
  readonly tape: number;
  readonly tapeNewest: string;
  readonly errors: number;
  readonly lastError: string | null;
  readonly firstDataAtMs: number | null;
  readonly decodeApplyMs: number;
  readonly renderMs: number;
  readonly frames: number;
}

/** A chart bar as the tests compare it with /api/bars: prices as drawn, sequence as a string. */
export interface BarRecord {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly lastSequence: string;
}

/** The replay as the tests see it. */
export interface ReplayHookState {
  readonly phase: string;
  /** The symbols the replay was asked for. */
  readonly symbols: readonly string[];
  readonly speed: number;
  /** The replay clock, epoch ms (0 when live). */
  readonly clockMs: number;
  readonly positionMs: number;
  readonly positionSequence: string;
  readonly segmentFirstSequence: string;
  readonly segments: number;
  readonly unsupported: boolean;
  readonly error: string | null;
  /** The replay's own sequence check (null when live). */
  readonly covered: string | null;
  readonly gaps: number;
  readonly overlaps: number;
  readonly ticks: number;
  /** The live stream's check, which waits during a replay. */
  readonly liveCovered: string | null;
  readonly liveGaps: number;
  readonly liveOverlaps: number;
  /** Gaps of every replay segment since the page loaded (a seek drops a segment's own count). */
  readonly replayGaps: number;
  /** When the shown state last had a heartbeat (monotonic ms), to see time pass. */
  readonly heartbeatAtMs: number | null;
  readonly search: string;
}

/** A chart pane as the tests see it. */
export interface PaneHookState {
  readonly symbol: string;
  readonly interval: string;
  readonly pinned: string | null;
  readonly toggles: readonly string[];
  readonly history: string;
  readonly bars: number;
  /** The bid/ask lines as drawn (null while hidden). */
  readonly quoteLines: { readonly bid: number | null; readonly ask: number | null } | null;
}

export interface DashboardHooks {
  state(): DashboardState;
  replay(): ReplayHookState;
  /** The chart's bars, oldest first. */
  bars(): BarRecord[];
  /** The chart's indicator lines as drawn, by indicator ("sma", "ema", "vwap"). */
  indicators(): Record<string, ReadonlyArray<{ readonly time: number; readonly value: number }>>;
  /** The layout: its pane count, the active pane and each pane shown. */
  layout(): { readonly count: number; readonly active: number; readonly panes: PaneHookState[] };
  /** The tape's trade sequences, newest first; a break is "break: why". */
  tapeSequences(): string[];
  dropConnection(): void;
}

export function installHooks(dashboard: Dashboard): void {
  const hooks: DashboardHooks = {
    state: () => {
      const model = dashboard.model;
      const store = dashboard.chart.store;
      const watchlist = dashboard.preferences.watchlist ?? [];
      return {
        connection: dashboard.connectionState.kind,
        reconnects: dashboard.session.connection.reconnects,
        resumes: dashboard.session.resumes,
        restarts: dashboard.session.restarts,
        start: dashboard.session.start,
        covered: model.sequence.lastSequence?.toString() ?? null,
        gaps: model.sequence.gaps,
        overlaps: model.sequence.overlaps,
        ticks: model.stats.ticksTotal,
        priceUpdates: model.priceUpdates,
        catalogue: dashboard.catalogueSource,
        watchlist,
        rows: watchlist.map((symbol) => ({
          symbol,
          last: model.rowBySymbol(symbol)?.lastPrice?.toString() ?? null,
          status: model.rowBySymbol(symbol)?.status ?? 0,
        })),
        chartSymbol: dashboard.chart.selectedSymbol,
        interval: dashboard.chart.selectedInterval?.key ?? '',
        history: store?.state ?? 'none',
        bars: store?.bars.length ?? 0,
        historyBars: store?.historyBars ?? 0,
        historySequence: store?.historySequence.toString() ?? '0',
        liveBars: store?.hasLiveBars ?? false,
        conflated: model.stats.conflatedTotal.toString(),
        tapeMissed: model.tapeMissed.toString(),
        tape: model.tape.length,
        tapeNewest: model.tape.newestSequence.toString(),
        errors: model.errorCount,
        lastError: model.lastError === undefined ? null : `${model.lastError.codeName}: ${model.lastError.message}`,
        firstDataAtMs: dashboard.probe.firstDataAtMs ?? null,
        decodeApplyMs: dashboard.probe.decodeApplyMs,
        renderMs: dashboard.probe.renderMs,
        frames: dashboard.probe.frames,
      };
    },
    replay: () => {
      const machine = dashboard.replay;
      const model = dashboard.model;
      const replaying = model !== dashboard.liveModel;
      return {
        phase: machine.phase,
        speed: machine.speed,
        clockMs: Number(machine.clockNs(performance.now()) / 1_000_000n),
        positionMs: Number(machine.positionNs / 1_000_000n),
        positionSequence: machine.positionSequence.toString(),
        segmentFirstSequence: machine.segmentFirstSequence.toString(),
        segments: machine.segments,
        symbols: [...machine.symbols],
        unsupported: machine.unsupported,
        error: machine.error ?? null,
        covered: replaying ? (model.sequence.lastSequence?.toString() ?? null) : null,
        gaps: replaying ? model.sequence.gaps : 0,
        overlaps: replaying ? model.sequence.overlaps : 0,
        ticks: replaying ? model.stats.ticksTotal : 0,
        liveCovered: dashboard.liveModel.sequence.lastSequence?.toString() ?? null,
        liveGaps: dashboard.liveModel.sequence.gaps,
        liveOverlaps: dashboard.liveModel.sequence.overlaps,
        replayGaps: dashboard.router.replayGaps,
        heartbeatAtMs: model.stats.heartbeat?.receivedAtMs ?? null,
        search: window.location.search,
      };
    },
    bars: () =>
      (dashboard.chart.store?.bars ?? []).map((bar) => ({
        time: bar.time,
        open: bar.open,
        high: bar.high,
        low: bar.low,
        close: bar.close,
        volume: bar.volume,
        lastSequence: bar.lastSequence.toString(),
      })),
    indicators: () => dashboard.drawnIndicators(),
    layout: () => {
      const layout = dashboard.preferences.layout;
      const panes: PaneHookState[] = [];
      for (let i = 0; i < layout.count; i++) {
        const spec = layout.panes[i];
        const controller = dashboard.panes.panes[i];
        if (spec === undefined || controller === undefined) continue;
        const lines = dashboard.drawnQuoteLines(i);
        panes.push({
          symbol: controller.selectedSymbol,
          interval: controller.selectedInterval?.key ?? '',
          pinned: spec.pinned ?? null,
          toggles: spec.toggles,
          history: controller.store?.state ?? 'none',
          bars: controller.store?.bars.length ?? 0,
          quoteLines: lines === undefined ? null : { bid: lines.bid ?? null, ask: lines.ask ?? null },
        });
      }
      return { count: layout.count, active: layout.active, panes };
    },
    tapeSequences: () => {
      const tape = dashboard.model.tape;
      const out: string[] = [];
      for (let i = 0; i < tape.length; i++) {
        const entry = tape.at(i);
        out.push(entry.kind === 'break' ? `break: ${entry.note}` : entry.sequence.toString());
      }
      return out;
    },
    dropConnection: () => dashboard.dropConnection(),
  };
  (window as unknown as { tickerDashboard: DashboardHooks }).tickerDashboard = hooks;
}
