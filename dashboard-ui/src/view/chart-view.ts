/**
 * One chart pane: candlesticks with a volume histogram (TradingView lightweight-charts), the
 * interval buttons, the exchange/local time toggle, the indicator and bid/ask line toggles, the
 * pin that keeps the pane on its symbol, and a readout that follows the crosshair (OHLCV and the
 * value of each indicator shown). Header and readout are made of parts that are never cut: a
 * narrow pane (four on a laptop screen) wraps between them, as trading platforms do. It
 * draws what the BarStore holds: everything when the store was reset, otherwise only the bars
 * that changed since the last frame.
 */
import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  LineSeries,
  LineStyle,
  TickMarkType,
  createChart,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type LineData,
  type ISeriesApi,
  type MouseEventParams,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { ZoneMode } from '../model/screen-choices.js';
import { PANE_TOGGLES, type PaneToggle } from '../model/layout.js';
import type { BarStore, ChartBar } from '../model/bar-store.js';
import {
  EMA_PERIOD,
  exponentialMovingAverage,
  sessionVwap,
  simpleMovingAverage,
  SMA_PERIOD,
  type IndicatorKey,
  type IndicatorPoint,
} from '../model/indicators.js';
import type { InstrumentRow } from '../model/market-model.js';
import { DayClock } from '../model/zoned-time.js';
import { INTERVALS, type IntervalKey } from '../protocol/intervals.js';
import { DEFAULT_BAR_SPACING_PX, fitsWithoutScrolling, RIGHT_OFFSET_BARS } from './chart-fit.js';
import { changeOf, groupThousands, NO_VALUE, presentQuote, statusLabel } from './present.js';
import { formatChange, formatChangePercent, formatPrice } from '../model/price.js';
import { QuoteLines, type DrawnQuote } from './quote-lines.js';
import { CHART_COLORS, type Theme } from './theme.js';
import { formatHms, type Zone } from './time.js';
import { setHidden, setAttr, setTitle } from './dom-writes.js';

const UP = '#2ebd85';
const DOWN = '#f6465d';
const UP_VOLUME = 'rgba(46, 189, 133, 0.45)';
const DOWN_VOLUME = 'rgba(246, 70, 93, 0.45)';

/** How each indicator is drawn and named. */
const INDICATOR_STYLES: Record<Exclude<IndicatorKey, 'volume'>, { readonly color: string; readonly label: string; readonly title: string }> = {
  vwap: { color: '#f0b429', label: 'VWAP', title: 'Session VWAP: typical price weighted by volume since the day began' },
  sma: { color: '#3b82f6', label: `SMA ${SMA_PERIOD}`, title: `Simple moving average of the last ${SMA_PERIOD} closes` },
  ema: { color: '#c084fc', label: `EMA ${EMA_PERIOD}`, title: `Exponential moving average of the closes, ${EMA_PERIOD} bars` },
};
const LINE_INDICATORS = ['vwap', 'sma', 'ema'] as const;

export interface ChartCallbacks {
  readonly onInterval: (key: IntervalKey) => void;
  readonly onZone: (zone: ZoneMode) => void;
  /** The chart was scrolled near its oldest bar. */
  readonly onNeedOlder: () => void;
  /** An indicator's or the bid/ask line's button: show it, or hide it. */
  readonly onToggle: (key: PaneToggle) => void;
  /** The pin button: keep the pane on its symbol, or link it to the selection again. */
  readonly onPin: () => void;
  /** The user pointed at the pane (it becomes the one the interval keys act on). */
  readonly onFocus: () => void;
}

export class ChartView {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly lines: Record<(typeof LINE_INDICATORS)[number], ISeriesApi<'Line'>>;
  private readonly indicatorButtons = new Map<PaneToggle, HTMLButtonElement>();
  private shownIndicators: ReadonlySet<PaneToggle> = new Set();
  private readonly pin: HTMLButtonElement;
  private pinnedShown: boolean | undefined;
  private readonly quoteLines: QuoteLines;
  private indicatorsKey = '';
  private readonly drawn = new Map<IndicatorKey, IndicatorPoint[]>();
  private dayClock: DayClock | undefined;
  private dayClockZone: string | undefined;
  private theme: Theme = 'dark';
  private readonly symbol: HTMLElement;
  private readonly name: HTMLElement;
  private readonly last: HTMLElement;
  private readonly change: HTMLElement;
  private readonly status: HTMLElement;
  private readonly quote: HTMLElement;
  /** The quote's parts (bid, ask, spread): each kept whole, the quote wraps between them. */
  private readonly quoteParts: readonly HTMLElement[];
  private readonly legend: HTMLElement;
  /** The readout's parts (time, O, H, L, C, V): each kept whole, the line wraps between them. */
  private readonly legendParts: readonly HTMLElement[];
  /** The indicators' values at the same bar, one part each, in the indicator's colour. */
  private readonly legendLines: Record<(typeof LINE_INDICATORS)[number], HTMLElement>;
  /** The width kept clear of the price axis on the right, px. */
  private legendRight = -1;
  private readonly note: HTMLElement;
  private readonly intervalButtons = new Map<IntervalKey, HTMLButtonElement>();
  private readonly zoneButtons = new Map<ZoneMode, HTMLButtonElement>();
  private readonly texts = new Map<HTMLElement, string>();
  private store: BarStore | undefined;
  private storeVersion = -1;
  private lastTime = Number.NEGATIVE_INFINITY;
  private zone: Zone = undefined;
  private zoneKey = '\u0000';
  private intervalSeconds = 60;
  private decimals = 2;
  private hover: { bar: ChartBar | undefined } | undefined;
  private latest: ChartBar | undefined;
  private legendDirty = true;
  /** The next full set of bars is the first of a new store: it decides the chart's spacing. */
  private fitPending = true;
  /** The bars are spread over the width (fewer than it holds): a new bar spreads them again. */
  private fitted = false;

  constructor(
    private readonly container: HTMLElement,
    callbacks: ChartCallbacks,
  ) {
    container.replaceChildren();
    container.addEventListener('pointerdown', () => callbacks.onFocus());
    const head = element('div', 'chart-head');
    const title = element('div', 'chart-title');
    this.symbol = element('span', 'chart-symbol');
    this.name = element('span', 'chart-name');
    this.last = element('span', 'chart-last num');
    this.change = element('span', 'chart-change num');
    this.status = element('span', 'chart-status');
    setHidden(this.status, true);
    this.quote = element('span', 'chart-quote num');
    setTitle(this.quote, 'Best bid × its size, best offer × its size, and the spread');
    this.quoteParts = [element('span', 'part'), element('span', 'part'), element('span', 'part')];
    this.quote.append(...spaced(this.quoteParts));
    title.append(this.symbol, this.last, this.change, this.status, this.quote, this.name);

    const tools = element('div', 'chart-tools');
    const intervals = element('div', 'segmented intervals');
    intervals.setAttribute('role', 'group');
    intervals.setAttribute('aria-label', 'Bar interval');
    for (const interval of INTERVALS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = interval.key;
      button.dataset['interval'] = interval.key;
      button.addEventListener('click', () => callbacks.onInterval(interval.key));
      this.intervalButtons.set(interval.key, button);
      intervals.appendChild(button);
    }
    const zones = element('div', 'segmented zones');
    zones.setAttribute('role', 'group');
    zones.setAttribute('aria-label', 'Time zone');
    for (const zone of ['exchange', 'local'] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset['zone'] = zone;
      button.textContent = zone === 'exchange' ? 'Exchange' : 'Local';
      button.addEventListener('click', () => callbacks.onZone(zone));
      this.zoneButtons.set(zone, button);
      zones.appendChild(button);
    }
    const indicators = element('div', 'segmented indicators');
    indicators.setAttribute('role', 'group');
    indicators.setAttribute('aria-label', 'Indicators');
    for (const key of PANE_TOGGLES) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset['indicator'] = key;
      button.textContent = key === 'volume' ? 'Vol' : key === 'bidask' ? 'B/A' : INDICATOR_STYLES[key].label;
      setTitle(button, key === 'volume' ? 'Volume bars' : key === 'bidask' ? 'Lines at the best bid and offer' : INDICATOR_STYLES[key].title);
      button.addEventListener('click', () => callbacks.onToggle(key));
      this.indicatorButtons.set(key, button);
      indicators.appendChild(button);
    }
    this.pin = document.createElement('button');
    this.pin.type = 'button';
    this.pin.className = 'chart-pin';
    this.pin.addEventListener('click', () => callbacks.onPin());
    tools.append(intervals, zones, indicators, this.pin);
    head.append(title, tools);

    const body = element('div', 'chart-body');
    this.legend = element('div', 'chart-legend num');
    const bar = element('div', 'chart-legend-bar');
    this.legendParts = ['time', 'o', 'h', 'l', 'c', 'v'].map((key) => element('span', `part ${key}`));
    bar.append(...spaced(this.legendParts));
    const lines = element('div', 'chart-legend-lines');
    const part = (key: (typeof LINE_INDICATORS)[number]): HTMLElement => {
      const span = element('span', `part ${key}`);
      span.style.color = INDICATOR_STYLES[key].color;
      span.title = INDICATOR_STYLES[key].title;
      setHidden(span, true);
      return span;
    };
    this.legendLines = { vwap: part('vwap'), sma: part('sma'), ema: part('ema') };
    lines.append(...spaced(LINE_INDICATORS.map((key) => this.legendLines[key])));
    this.legend.append(bar, lines);
    this.note = element('div', 'chart-note');
    setHidden(this.note, true);
    const canvas = element('div', 'chart-canvas');
    body.append(canvas, this.legend, this.note);
    container.append(head, body);

    this.chart = createChart(canvas, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: CHART_COLORS.dark.background },
        textColor: CHART_COLORS.dark.text,
        fontSize: 11,
        attributionLogo: false,
      },
      grid: {
        vertLines: { color: CHART_COLORS.dark.grid },
        horzLines: { color: CHART_COLORS.dark.grid },
      },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: CHART_COLORS.dark.border },
      timeScale: { borderColor: CHART_COLORS.dark.border, timeVisible: true, secondsVisible: false, rightOffset: RIGHT_OFFSET_BARS, barSpacing: DEFAULT_BAR_SPACING_PX },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderUpColor: UP,
      borderDownColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    const line = (key: (typeof LINE_INDICATORS)[number]): ISeriesApi<'Line'> =>
      this.chart.addSeries(LineSeries, {
        color: INDICATOR_STYLES[key].color,
        lineWidth: 1,
        lineStyle: key === 'vwap' ? LineStyle.Dashed : LineStyle.Solid,
        priceLineVisible: false,
        lastValueVisible: false,
        crosshairMarkerVisible: false,
        visible: false,
      });
    this.lines = { vwap: line('vwap'), sma: line('sma'), ema: line('ema') };
    this.quoteLines = new QuoteLines(this.candles);
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.24 } });
    this.chart.subscribeCrosshairMove((param) => this.onCrosshair(param));
    this.chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      if (range !== null && range.from < 10) callbacks.onNeedOlder();
    });
    this.applyTimeFormat();
  }

  /** Draws the chart of `store` for `row`; cheap when nothing changed. */
  render(
    store: BarStore | undefined,
    row: InstrumentRow | undefined,
    interval: IntervalKey,
    zoneMode: ZoneMode,
    indicators: ReadonlySet<PaneToggle> = new Set(),
    pinned = false,
  ): void {
    if (pinned !== this.pinnedShown) {
      this.pinnedShown = pinned;
      this.pin.textContent = pinned ? 'Pinned' : 'Linked';
      this.pin.classList.toggle('active', pinned);
      setAttr(this.pin, 'aria-pressed', String(pinned));
      setTitle(this.pin, pinned ? 'Kept on this symbol; click to follow the watchlist selection' : 'Follows the watchlist selection; click to keep this symbol');
      this.container.classList.toggle('pinned', pinned);
    }
    for (const [key, button] of this.intervalButtons) {
      button.classList.toggle('active', key === interval);
      setAttr(button, 'aria-pressed', String(key === interval));
    }
    const exchangeZone = row?.instrument?.timeZone;
    for (const [key, button] of this.zoneButtons) {
      button.classList.toggle('active', key === zoneMode);
      setAttr(button, 'aria-pressed', String(key === zoneMode));
    }
    const exchangeButton = this.zoneButtons.get('exchange');
    if (exchangeButton !== undefined) exchangeButton.title = exchangeZone ?? '';
    const zone = zoneMode === 'exchange' ? exchangeZone : undefined;
    const intervalSeconds = INTERVALS.find((i) => i.key === interval)?.seconds ?? 60;
    const zoneKey = `${zone ?? ''}|${intervalSeconds}`;
    if (zoneKey !== this.zoneKey) {
      this.zone = zone;
      this.zoneKey = zoneKey;
      this.intervalSeconds = intervalSeconds;
      this.applyTimeFormat();
      this.legendDirty = true;
    }
    this.renderHeader(row);
    const versionBefore = this.storeVersion;
    const storeBefore = this.store;
    this.renderBars(store, row);
    this.renderIndicators(store, row, indicators, store !== storeBefore || this.storeVersion !== versionBefore);
    this.quoteLines.render(store === undefined ? undefined : row, indicators.has('bidask'));
    this.renderNote(store);
    if (this.legendDirty) {
      this.legendDirty = false;
      this.renderLegend();
    }
  }

  /** The indicators' lines and buttons; recomputed from the bars when they changed. */
  private renderIndicators(store: BarStore | undefined, row: InstrumentRow | undefined, shown: ReadonlySet<PaneToggle>, barsChanged: boolean): void {
    const key = PANE_TOGGLES.filter((k) => shown.has(k)).join(',') + `|${this.intervalSeconds}`;
    const changedSet = key !== this.indicatorsKey;
    if (changedSet) {
      this.indicatorsKey = key;
      this.shownIndicators = shown;
      this.legendDirty = true;
      for (const [k, button] of this.indicatorButtons) {
        button.classList.toggle('active', shown.has(k));
        setAttr(button, 'aria-pressed', String(shown.has(k)));
      }
      this.volume.applyOptions({ visible: shown.has('volume') });
      for (const k of LINE_INDICATORS) this.lines[k].applyOptions({ visible: shown.has(k) });
    }
    if (!barsChanged && !changedSet) return;
    const bars = store?.bars ?? [];
    const zone = row?.instrument?.timeZone;
    if (this.dayClock === undefined || this.dayClockZone !== zone) {
      this.dayClock = new DayClock(zone);
      this.dayClockZone = zone;
    }
    const clock = this.dayClock;
    for (const k of LINE_INDICATORS) {
      if (!this.shownIndicators.has(k)) {
        if (this.drawn.has(k)) {
          this.drawn.delete(k);
          this.lines[k].setData([]);
        }
        continue;
      }
      // a session VWAP of daily bars is one day's bar: it says nothing
      const points =
        k === 'sma'
          ? simpleMovingAverage(bars, SMA_PERIOD)
          : k === 'ema'
            ? exponentialMovingAverage(bars, EMA_PERIOD)
            : this.intervalSeconds >= 86_400
              ? []
              : sessionVwap(bars, (seconds) => clock.dayOf(seconds * 1000).key);
      this.drawLine(k, points);
    }
  }

  /** The bid/ask lines as drawn, undefined while they are hidden (for the browser test). */
  quoteLineData(): DrawnQuote | undefined {
    return this.quoteLines.data();
  }

  /** Takes the pane off the page (its chart and its listeners go with it). */
  destroy(): void {
    this.chart.remove();
    this.container.replaceChildren();
  }

  /** Sets a line's points: only the newest ones when the rest are as drawn. */
  private drawLine(key: (typeof LINE_INDICATORS)[number], points: IndicatorPoint[]): void {
    const series = this.lines[key];
    const before = this.drawn.get(key);
    this.drawn.set(key, points);
    this.legendDirty = true;
    const n = points.length;
    if (before !== undefined && n > 0 && (n === before.length || n === before.length + 1) && n >= 2) {
      // the same history (each point depends only on the bars up to it): the last one or two moved
      const kept = before[n - 2];
      const now = points[n - 2];
      if (kept !== undefined && now !== undefined && kept.time === now.time && kept.value === now.value) {
        const last = points[n - 1];
        if (last !== undefined) series.update(toLine(last));
        return;
      }
    }
    series.setData(points.map(toLine));
  }

  /** Paints the chart in `theme`'s colours (the page's own follow its CSS variables). */
  setTheme(theme: Theme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    const colors = CHART_COLORS[theme];
    this.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: colors.background }, textColor: colors.text },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      rightPriceScale: { borderColor: colors.border },
      timeScale: { borderColor: colors.border },
    });
  }

  /** The indicator lines as drawn (for the browser test). */
  indicatorData(): Record<string, IndicatorPoint[]> {
    const out: Record<string, IndicatorPoint[]> = {};
    for (const [key, points] of this.drawn) out[key] = points;
    return out;
  }

  private renderHeader(row: InstrumentRow | undefined): void {
    const instrument = row?.instrument;
    this.set(this.symbol, instrument?.symbol ?? NO_VALUE);
    this.set(this.name, instrument?.name ?? '');
    const scale = row?.scale;
    this.set(this.last, row?.lastPrice !== undefined && scale !== undefined ? formatPrice(row.lastPrice, scale) : NO_VALUE);
    const change = row === undefined ? undefined : changeOf(row);
    const base = row?.day.previousClose ?? 0n;
    const changeText =
      change !== undefined && scale !== undefined
        ? `${formatChange(change, scale)} (${formatChangePercent(change, base)})`
        : '';
    this.set(this.change, changeText);
    const trend = change === undefined || change === 0n ? 'flat' : change > 0n ? 'up' : 'down';
    if (this.change.dataset['trend'] !== trend) {
      this.change.dataset['trend'] = trend;
      this.change.className = `chart-change num ${trend}`;
    }
    const quote = row === undefined ? undefined : presentQuote(row);
    const noQuote = quote === undefined || (quote.bid === NO_VALUE && quote.ask === NO_VALUE);
    if (this.quote.hidden !== noQuote) this.quote.hidden = noQuote;
    const [bid, ask, spread] = this.quoteParts;
    if (quote !== undefined && !noQuote && bid !== undefined && ask !== undefined && spread !== undefined) {
      this.set(bid, `Bid ${quote.bid} \u00d7 ${quote.bidSize}`);
      this.set(ask, `Ask ${quote.ask} \u00d7 ${quote.askSize}`);
      this.set(spread, `Sprd ${quote.spread}`);
    }
    const halted = statusLabel(row?.status);
    setHidden(this.status, halted === '');
    this.set(this.status, halted);
  }

  private renderBars(store: BarStore | undefined, row: InstrumentRow | undefined): void {
    if (store !== this.store) {
      this.store = store;
      this.storeVersion = -1;
      this.lastTime = Number.NEGATIVE_INFINITY;
      this.hover = undefined;
      this.fitPending = true;
      const scale = row?.scale;
      const instrument = row?.instrument;
      if (scale !== undefined && instrument !== undefined) {
        this.decimals = scale.displayDecimals;
        const increment = Number(instrument.priceIncrement) / Math.pow(10, instrument.priceDecimals);
        this.candles.applyOptions({
          priceFormat: {
            type: 'price',
            precision: scale.displayDecimals,
            minMove: increment > 0 ? increment : Math.pow(10, -scale.displayDecimals),
          },
        });
      }
      if (store === undefined) {
        this.candles.setData([]);
        this.volume.setData([]);
      }
    }
    if (store === undefined || store.version === this.storeVersion) {
      return;
    }
    this.storeVersion = store.version;
    const changes = store.takeChanges();
    if (changes.kind === 'reset') {
      // the time scale keeps its position relative to the newest bar, so bars loaded in front
      // (scrolling back) leave the view where it was
      this.candles.setData(changes.bars.map(toCandle));
      this.volume.setData(changes.bars.map(toVolume));
      this.lastTime = changes.bars[changes.bars.length - 1]?.time ?? Number.NEGATIVE_INFINITY;
      this.latest = changes.bars[changes.bars.length - 1];
      this.legendDirty = true;
      if (this.fitPending && changes.bars.length > 0) {
        this.fitPending = false;
        this.fit(changes.bars.length, true);
      }
    } else if (changes.kind === 'update') {
      const before = this.lastTime;
      for (const bar of changes.bars) {
        const historical = bar.time < this.lastTime;
        this.candles.update(toCandle(bar), historical);
        this.volume.update(toVolume(bar), historical);
        if (bar.time >= this.lastTime) {
          this.lastTime = bar.time;
          this.latest = bar;
        }
      }
      this.legendDirty = true;
      if (this.fitted && this.lastTime > before) this.fit(store.bars.length, false);
    }
  }

  /**
   * A few bars are spread over the chart's width instead of sitting at its right edge with the
   * area left of them empty; more bars than the width holds get the normal spacing back (at a new
   * store only, so a chart the user zoomed keeps its zoom).
   */
  private fit(count: number, newStore: boolean): void {
    const timeScale = this.chart.timeScale();
    if (fitsWithoutScrolling(count, timeScale.width())) {
      this.fitted = true;
      timeScale.fitContent();
    } else if (this.fitted || newStore) {
      this.fitted = false;
      timeScale.applyOptions({ barSpacing: DEFAULT_BAR_SPACING_PX });
      timeScale.scrollToRealTime();
    }
  }

  private renderNote(store: BarStore | undefined): void {
    let note = '';
    if (store === undefined) {
      note = 'Select a symbol in the watchlist';
    } else if (store.state === 'loading') {
      note = 'Loading history…';
    } else if (store.bars.length === 0) {
      if (store.state === 'ready') {
        note = 'No bars yet for this interval';
      } else if (store.intervalSeconds >= 86_400) {
        note = 'No history from the server; daily bars need it';
      } else {
        const from = store.localStartMs();
        note =
          (store.state === 'error' ? `History failed: ${store.historyNote}. ` : 'No history from the server. ') +
          (from === undefined
            ? 'Live bars start with the next trade.'
            : `Live bars from ${formatHms(from, this.zone)}, the first complete bar.`);
      }
    } else if (store.builtLocally) {
      note = 'No history: bars built from live trades';
    } else if (store.olderNote !== '') {
      note = `No older history: ${store.olderNote}`;
    }
    setHidden(this.note, note === '');
    this.note.classList.toggle('corner', store !== undefined && store.bars.length > 0);
    this.set(this.note, note);
  }

  private onCrosshair(param: MouseEventParams): void {
    if (param.time === undefined) {
      this.hover = undefined;
    } else {
      const data = param.seriesData.get(this.candles) as CandlestickData | undefined;
      const volume = param.seriesData.get(this.volume) as HistogramData | undefined;
      this.hover = {
        bar:
          data === undefined
            ? undefined
            : {
                time: Number(data.time),
                open: data.open,
                high: data.high,
                low: data.low,
                close: data.close,
                volume: volume?.value ?? 0,
                lastSequence: 0n,
              },
      };
    }
    this.renderLegend();
  }

  private renderLegend(): void {
    // the readout stays on the plot, clear of the price axis, and wraps rather than being cut
    const right = this.chart.priceScale('right').width() + 6;
    if (right !== this.legendRight) {
      this.legendRight = right;
      this.legend.style.right = `${right}px`;
    }
    const bar = this.hover !== undefined ? this.hover.bar : this.latest;
    const [time, open, high, low, close, volume] = this.legendParts;
    if (time === undefined || open === undefined || high === undefined || low === undefined || close === undefined || volume === undefined) return;
    setHidden(this.legend, bar === undefined);
    if (bar === undefined) return;
    const d = this.decimals;
    this.set(time, this.formatFull(bar.time));
    this.set(open, `O ${bar.open.toFixed(d)}`);
    this.set(high, `H ${bar.high.toFixed(d)}`);
    this.set(low, `L ${bar.low.toFixed(d)}`);
    this.set(close, `C ${bar.close.toFixed(d)}`);
    this.set(volume, `V ${groupThousands(BigInt(Math.round(bar.volume)))}`);
    for (const key of LINE_INDICATORS) {
      const span = this.legendLines[key];
      const shown = this.shownIndicators.has(key);
      if (span.hidden === shown) span.hidden = !shown;
      // a moving average has no value before its period's bars: it says so
      const value = shown ? valueAt(this.drawn.get(key), bar.time) : undefined;
      if (shown) this.set(span, `${INDICATOR_STYLES[key].label} ${value === undefined ? NO_VALUE : value.toFixed(d)}`);
    }
  }

  private applyTimeFormat(): void {
    const zone = this.zone;
    const daily = this.intervalSeconds >= 86_400;
    this.chart.applyOptions({
      localization: { timeFormatter: (time: Time) => this.formatFull(Number(time)) },
      timeScale: {
        secondsVisible: this.intervalSeconds < 60,
        timeVisible: !daily,
        tickMarkFormatter: (time: Time, type: TickMarkType) => formatTick(Number(time), type, zone),
      },
    });
  }

  private formatFull(seconds: number): string {
    const ms = seconds * 1000;
    if (this.intervalSeconds >= 86_400) {
      return intl(this.zone, 'date').format(ms);
    }
    const hms = this.intervalSeconds < 60 ? formatHms(ms, this.zone) : intl(this.zone, 'hm').format(ms);
    return `${intl(this.zone, 'dayMonth').format(ms)} ${hms}`;
  }

  private set(target: HTMLElement, text: string): void {
    if (this.texts.get(target) !== text) {
      this.texts.set(target, text);
      target.textContent = text;
    }
  }
}

/** The parts with a space between each (where a line may wrap), for an element's children. */
function spaced(parts: readonly HTMLElement[]): (HTMLElement | string)[] {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [' ', part]));
}

/** The indicator's value at the bar starting at `time` (its points are in time order). */
function valueAt(points: readonly IndicatorPoint[] | undefined, time: number): number | undefined {
  if (points === undefined) return undefined;
  let low = 0;
  let high = points.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const point = points[mid] as IndicatorPoint;
    if (point.time === time) return point.value;
    if (point.time < time) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

function toCandle(bar: ChartBar): CandlestickData {
  return { time: bar.time as UTCTimestamp, open: bar.open, high: bar.high, low: bar.low, close: bar.close };
}

function toLine(point: IndicatorPoint): LineData {
  return { time: point.time as UTCTimestamp, value: point.value };
}

function toVolume(bar: ChartBar): HistogramData {
  return { time: bar.time as UTCTimestamp, value: bar.volume, color: bar.close >= bar.open ? UP_VOLUME : DOWN_VOLUME };
}

type FormatKind = 'hm' | 'dayMonth' | 'month' | 'year' | 'date';
const FORMAT_OPTIONS: Record<FormatKind, Intl.DateTimeFormatOptions> = {
  hm: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dayMonth: { day: '2-digit', month: 'short' },
  month: { month: 'short' },
  year: { year: 'numeric' },
  date: { day: '2-digit', month: 'short', year: 'numeric' },
};
const formats = new Map<string, Intl.DateTimeFormat>();

function intl(zone: Zone, kind: FormatKind): Intl.DateTimeFormat {
  const key = `${zone ?? ''}|${kind}`;
  let format = formats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-GB', { ...FORMAT_OPTIONS[kind], timeZone: zone });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', FORMAT_OPTIONS[kind]);
    }
    formats.set(key, format);
  }
  return format;
}

function formatTick(seconds: number, type: TickMarkType, zone: Zone): string {
  const ms = seconds * 1000;
  switch (type) {
    case TickMarkType.Year:
      return intl(zone, 'year').format(ms);
    case TickMarkType.Month:
      return intl(zone, 'month').format(ms);
    case TickMarkType.DayOfMonth:
      return intl(zone, 'dayMonth').format(ms);
    case TickMarkType.Time:
      return intl(zone, 'hm').format(ms);
    case TickMarkType.TimeWithSeconds:
      return formatHms(ms, zone);
  }
}

function element(tag: string, className: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}

