/**
 * The watchlist: one row per watched symbol with last, change, change %, volume and an intraday
 * sparkline; the last price flashes when it moves (a background held for a moment, not an
 * animation, so a busy list costs two paints per move rather than one per frame). Rows are created once and only cells whose
 * text changed are written. Sorting by a moving figure re-orders at most twice a second, so rows
 * do not jump under the pointer on every tick.
 */
import type { SortDirection, SortKey } from '../model/screen-choices.js';
import type { InstrumentRow, MarketModel } from '../model/market-model.js';
import { changeOf, presentRow, type RowView, type Trend } from './present.js';
import { createSparkline, drawSparkline, type SparklineElement } from './sparkline-svg.js';

interface Column {
  readonly key: SortKey | 'bid' | 'ask' | 'spread' | 'sizes' | 'spark' | 'remove';
  readonly label: string;
  readonly className: string;
  readonly title?: string;
  readonly text?: (view: RowView) => string;
  readonly trend?: boolean;
  readonly sortable?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'symbol', label: 'Symbol', className: 'symbol', text: (v) => v.symbol, sortable: true },
  { key: 'last', label: 'Last', className: 'num last', text: (v) => v.last, sortable: true },
  // the quote beside the trade (on wide screens; the chart header always shows it)
  { key: 'bid', label: 'Bid', className: 'num quote bid', text: (v) => v.quote.bid, title: 'Best bid' },
  { key: 'ask', label: 'Ask', className: 'num quote ask', text: (v) => v.quote.ask, title: 'Best offer' },
  { key: 'spread', label: 'Sprd', className: 'num quote spread', text: (v) => v.quote.spread, title: 'Ask minus bid' },
  { key: 'sizes', label: 'Size', className: 'num quote sizes', text: (v) => v.quote.sizes, title: 'Bid size × ask size' },
  { key: 'change', label: 'Chg', className: 'num change', text: (v) => v.change, trend: true, sortable: true },
  { key: 'changePercent', label: 'Chg %', className: 'num change-pct', text: (v) => v.changePercent, trend: true, sortable: true },
  {
    key: 'volume',
    label: 'Volume',
    className: 'num volume',
    text: (v) => v.volume,
    title: 'Day volume; "≥" where the server sent no day figures and only trades seen live are counted',
    sortable: true,
  },
  { key: 'spark', label: 'Trend', className: 'spark' },
  { key: 'remove', label: '', className: 'remove' },
];

const RESORT_MS = 500;
const SPARK_REDRAW_MS = 250;
/** How long the last price shows which way it moved. */
export const FLASH_MS = 400;

interface RenderedRow {
  readonly symbol: string;
  readonly tr: HTMLTableRowElement;
  readonly cells: HTMLTableCellElement[];
  readonly texts: string[];
  readonly spark: SparklineElement;
  trend: Trend | undefined;
  moves: number;
  flash: string;
  flashUntilMs: number;
  sparkVersion: number;
  sparkDrawnAtMs: number;
  partial: boolean | undefined;
  status: string;
  id: number | undefined;
  updatedAtMs: number;
}

export interface WatchlistCallbacks {
  readonly onSelect: (symbol: string) => void;
  readonly onRemove: (symbol: string) => void;
  readonly onSort: (key: SortKey) => void;
}

export interface WatchlistState {
  readonly symbols: readonly string[];
  readonly sortKey: SortKey;
  readonly direction: SortDirection;
  readonly selected: string;
  /** The row the keyboard's cursor is on ("" for none). */
  readonly cursor: string;
}

export class WatchlistView {
  private readonly tbody: HTMLTableSectionElement;
  private readonly headers = new Map<string, HTMLTableCellElement>();
  private readonly placeholder: HTMLTableRowElement;
  private readonly rendered = new Map<string, RenderedRow>();
  private order: string[] = [];
  private lastState: WatchlistState | undefined;
  private lastModel: MarketModel | undefined;
  private layoutVersion = -1;
  private sortedAtMs = Number.NEGATIVE_INFINITY;
  private selected = '';
  private cursor = '';
  /** Rows changed but not yet rewritten (refreshed too recently). */
  private readonly pending = new Set<number>();

  constructor(
    table: HTMLTableElement,
    private readonly callbacks: WatchlistCallbacks,
  ) {
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    for (const column of COLUMNS) {
      const th = document.createElement('th');
      th.className = column.className;
      th.scope = 'col';
      th.textContent = column.label;
      if (column.title !== undefined) th.title = column.title;
      if (column.sortable === true) {
        const key = column.key as SortKey;
        th.classList.add('sortable');
        th.addEventListener('click', () => callbacks.onSort(key));
      }
      this.headers.set(column.key, th);
      head.appendChild(th);
    }
    this.tbody = table.createTBody();
    this.placeholder = document.createElement('tr');
    this.placeholder.className = 'placeholder';
    const cell = this.placeholder.insertCell();
    cell.colSpan = COLUMNS.length;
    cell.textContent = 'Waiting for the market snapshot…';
    this.tbody.appendChild(this.placeholder);
    this.tbody.addEventListener('click', (event) => this.onClick(event));
  }

  /**
   * Paints the watchlist. What the user changed (rows, order, selection, cursor) is drawn at once;
   * the figures that moved, the flashes that ended and the sparklines only on a `beat` (ten times
   * a second, the page's one beat for streaming figures), all rows together: one style, layout and
   * paint per beat instead of a few rows in every frame.
   */
  render(model: MarketModel, state: WatchlistState, nowMs: number, beat = true): void {
    const dirty = model.takeDirty();
    const relayout =
      state !== this.lastState &&
      (state.symbols !== this.lastState?.symbols ||
        state.sortKey !== this.lastState.sortKey ||
        state.direction !== this.lastState.direction);
    // another model (a replay begins or ends) is another set of rows
    const catalogueChanged = model.layoutVersion !== this.layoutVersion || model !== this.lastModel;
    if (model !== this.lastModel) {
      this.lastModel = model;
      for (const rendered of this.rendered.values()) {
        rendered.id = undefined;
        rendered.sparkVersion = -1;
      }
    }
    const resortDue = beat && state.sortKey !== 'symbol' && nowMs - this.sortedAtMs >= RESORT_MS && (dirty.length > 0 || this.pending.size > 0);
    this.lastState = state;
    this.layoutVersion = model.layoutVersion;
    if (relayout || catalogueChanged || resortDue) {
      this.relayout(model, state, nowMs);
    } else {
      for (const id of dirty) this.pending.add(id);
      if (beat) {
        for (const id of this.pending) {
          const row = model.row(id);
          const symbol = row?.instrument?.symbol;
          const rendered = symbol === undefined ? undefined : this.rendered.get(symbol);
          if (rendered !== undefined && row !== undefined) {
            rendered.updatedAtMs = nowMs;
            update(rendered, row, nowMs);
          }
        }
        this.pending.clear();
      }
    }
    if (beat) this.endFlashes(nowMs);
    if (state.cursor !== this.cursor) {

      this.rendered.get(this.cursor)?.tr.classList.remove('cursor');
      this.cursor = state.cursor;
      const row = this.rendered.get(this.cursor);
      row?.tr.classList.add('cursor');
      row?.tr.scrollIntoView({ block: 'nearest' });
    }
    if (state.selected !== this.selected) {
      this.rendered.get(this.selected)?.tr.classList.remove('selected');
      this.selected = state.selected;
      this.rendered.get(this.selected)?.tr.classList.add('selected');
    }
    if (beat) this.drawSparklines(model, nowMs);
  }

  private endFlashes(nowMs: number): void {
    for (const rendered of this.rendered.values()) {
      if (rendered.flash !== '' && nowMs >= rendered.flashUntilMs) {
        rendered.cells[1]?.classList.remove(rendered.flash);
        rendered.flash = '';
      }
    }
  }

  /** Sparklines are redrawn a few times a second at most. */
  private drawSparklines(model: MarketModel, nowMs: number): void {
    for (const rendered of this.rendered.values()) {
      if (rendered.id === undefined) continue;
      const row = model.row(rendered.id);
      if (row !== undefined && row.spark.version !== rendered.sparkVersion && nowMs - rendered.sparkDrawnAtMs >= SPARK_REDRAW_MS) {
        rendered.sparkVersion = row.spark.version;
        rendered.sparkDrawnAtMs = nowMs;
        drawSparkline(rendered.spark, row.spark, changeOf(row) ?? 0n, row.day.previousClose);
      }
    }
  }

  private relayout(model: MarketModel, state: WatchlistState, nowMs: number): void {
    this.sortedAtMs = nowMs;
    this.pending.clear();
    for (const [key, th] of this.headers) {
      th.classList.toggle('sorted', key === state.sortKey);
      th.dataset['direction'] = key === state.sortKey ? state.direction : '';
    }
    const symbols = sortSymbols(model, state.symbols, state.sortKey, state.direction);
    const wanted = new Set(symbols);
    for (const [symbol, rendered] of this.rendered) {
      if (!wanted.has(symbol)) {
        rendered.tr.remove();
        this.rendered.delete(symbol);
      }
    }
    const ordered: HTMLTableRowElement[] = [];
    for (const symbol of symbols) {
      let rendered = this.rendered.get(symbol);
      if (rendered === undefined) {
        rendered = create(symbol);
        rendered.tr.classList.toggle('selected', symbol === this.selected);
        rendered.tr.classList.toggle('cursor', symbol === this.cursor);
        this.rendered.set(symbol, rendered);
      }
      const row = model.rowBySymbol(symbol);
      if (row !== undefined) {
        rendered.updatedAtMs = nowMs;
        update(rendered, row, nowMs);
      }
      ordered.push(rendered.tr);
    }
    const sameOrder = ordered.length === this.order.length && symbols.every((s, i) => s === this.order[i]);
    if (!sameOrder) {
      this.order = symbols;
      if (ordered.length === 0) {
        const cell = this.placeholder.cells[0];
        if (cell !== undefined) {
          cell.textContent = state.symbols.length === 0 ? 'The watchlist is empty: add a symbol above.' : 'Waiting for the market snapshot…';
        }
        this.tbody.replaceChildren(this.placeholder);
      } else {
        this.tbody.replaceChildren(...ordered);
      }
    }
  }

  /** The watched symbols in the order shown. */
  get displayedOrder(): readonly string[] {
    return this.order;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    const tr = target?.closest('tr');
    const symbol = tr?.dataset['symbol'];
    if (symbol === undefined) return;
    if (target?.closest('button.remove-symbol') != null) {
      event.stopPropagation();
      this.callbacks.onRemove(symbol);
    } else {
      this.callbacks.onSelect(symbol);
    }
  }
}

/** The watched symbols in display order. */
export function sortSymbols(
  model: MarketModel,
  symbols: readonly string[],
  key: SortKey,
  direction: SortDirection,
): string[] {
  const sign = direction === 'asc' ? 1 : -1;
  const value = (symbol: string): number | string | undefined => {
    const row = model.rowBySymbol(symbol);
    if (row === undefined) return undefined;
    switch (key) {
      case 'symbol':
        return symbol;
      case 'last':
        return row.lastPrice === undefined ? undefined : Number(row.lastPrice) / Math.pow(10, row.instrument?.priceDecimals ?? 0);
      case 'change': {
        const change = changeOf(row);
        return change === undefined ? undefined : Number(change) / Math.pow(10, row.instrument?.priceDecimals ?? 0);
      }
      case 'changePercent': {
        const change = changeOf(row);
        const base = row.day.previousClose ?? 0n;
        return change === undefined || base === 0n ? undefined : Number(change) / Number(base);
      }
      case 'volume':
        return Number(row.day.volume);
    }
  };
  return [...symbols]
    .map((symbol) => ({ symbol, value: value(symbol) }))
    .sort((a, b) => {
      // unknown values always last
      if (a.value === undefined || b.value === undefined) {
        return a.value === b.value ? compare(a.symbol, b.symbol) : a.value === undefined ? 1 : -1;
      }
      const byValue = compare(a.value, b.value) * sign;
      return byValue !== 0 ? byValue : compare(a.symbol, b.symbol);
    })
    .map((entry) => entry.symbol);
}

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function create(symbol: string): RenderedRow {
  const tr = document.createElement('tr');
  tr.dataset['symbol'] = symbol;
  const spark = createSparkline();
  const cells = COLUMNS.map((column) => {
    const td = tr.insertCell();
    td.className = column.className;
    if (column.key === 'spark') {
      td.appendChild(spark.svg);
    } else if (column.key === 'remove') {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'remove-symbol';
      button.title = `Remove ${symbol} from the watchlist`;
      button.setAttribute('aria-label', `Remove ${symbol}`);
      button.textContent = '×';
      td.appendChild(button);
    } else if (column.key === 'symbol') {
      td.textContent = symbol;
    }
    return td;
  });
  return {
    symbol,
    tr,
    cells,
    texts: COLUMNS.map((c) => (c.key === 'symbol' ? symbol : '')),
    spark,
    trend: undefined,
    moves: 0,
    flash: '',
    flashUntilMs: 0,
    sparkVersion: -1,
    sparkDrawnAtMs: Number.NEGATIVE_INFINITY,
    partial: undefined,
    status: '',
    id: undefined,
    updatedAtMs: Number.NEGATIVE_INFINITY,
  };
}

function update(rendered: RenderedRow, row: InstrumentRow, nowMs: number): void {
  const view = presentRow(row);
  if (rendered.id !== row.id) {
    rendered.id = row.id;
    rendered.moves = view.moves;
    rendered.tr.title = view.name;
  }
  COLUMNS.forEach((column, i) => {
    if (column.text === undefined) return;
    const text = column.text(view);
    const cell = rendered.cells[i];
    if (cell !== undefined && rendered.texts[i] !== text) {
      rendered.texts[i] = text;
      cell.textContent = text;
    }
  });
  if (rendered.partial !== view.volumePartial) {
    rendered.partial = view.volumePartial;
    rendered.cells[COLUMNS.findIndex((c) => c.key === 'volume')]?.classList.toggle('partial', view.volumePartial);
  }
  if (rendered.status !== view.status) {
    // a halted or closed instrument says so on its row: its last price is not a live one
    rendered.status = view.status;
    rendered.tr.dataset['status'] = view.status.toLowerCase();
    const cell = rendered.cells[0];
    if (cell !== undefined) cell.title = view.status === '' ? '' : `${view.symbol} is ${view.status.toLowerCase()}`;
  }
  if (rendered.trend !== view.trend) {
    const previous = rendered.trend;
    rendered.trend = view.trend;
    COLUMNS.forEach((column, i) => {
      const cell = rendered.cells[i];
      if (column.trend === true && cell !== undefined) {
        if (previous !== undefined) cell.classList.remove(previous);
        cell.classList.add(view.trend);
      }
    });
  }
  if (rendered.moves !== view.moves) {
    rendered.moves = view.moves;
    const cell = rendered.cells[1];
    if (cell !== undefined && view.lastMove !== 'flat') {
      const flash = `flash-${view.lastMove}`;
      if (rendered.flash !== flash) {
        if (rendered.flash !== '') cell.classList.remove(rendered.flash);
        cell.classList.add(flash);
        rendered.flash = flash;
      }
      rendered.flashUntilMs = nowMs + FLASH_MS;
    }
  }
}
