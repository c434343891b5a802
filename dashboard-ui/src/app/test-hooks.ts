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
  readonly rows: ReadonlyArray<{ readonly symbol: string; readonly last: string | null }>;
  readonly chartSymbol: string;
  readonly interval: string;
  readonly history: string;
  readonly bars: number;
  readonly tape: number;
  readonly tapeNewest: string;
  readonly errors: number;
  readonly lastError: string | null;
  readonly firstDataAtMs: number | null;
  readonly decodeApplyMs: number;
  readonly renderMs: number;
  readonly frames: number;
}

export interface DashboardHooks {
  state(): DashboardState;
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
        })),
        chartSymbol: dashboard.chart.selectedSymbol,
        interval: dashboard.chart.selectedInterval?.key ?? '',
        history: store?.state ?? 'none',
        bars: store?.bars.length ?? 0,
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
    dropConnection: () => dashboard.dropConnection(),
  };
  (window as unknown as { tickerDashboard: DashboardHooks }).tickerDashboard = hooks;
}
