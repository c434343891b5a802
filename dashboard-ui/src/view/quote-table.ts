/**
 * The live table: one row per instrument, sorted by symbol. Rows are created once and only the
 * cells whose text changed are written; the last price flashes when it moves.
 */
import type { MarketModel } from '../model/market-model.js';
import { presentRow, type RowView, type Trend } from './present.js';

interface Column {
  readonly label: string;
  readonly className: string;
  readonly text: (view: RowView) => string;
  /** Coloured by the row's trend against the reference price. */
  readonly trend?: boolean;
}

const COLUMNS: readonly Column[] = [
  { label: 'Symbol', className: 'symbol', text: (v) => v.symbol },
  { label: 'Name', className: 'name', text: (v) => v.name },
  { label: 'Last', className: 'num last', text: (v) => v.last },
  { label: 'Chg', className: 'num change', text: (v) => v.change, trend: true },
  { label: 'Chg %', className: 'num change-pct', text: (v) => v.changePercent, trend: true },
  { label: 'Bid', className: 'num bid', text: (v) => v.bid },
  { label: 'Ask', className: 'num ask', text: (v) => v.ask },
  { label: 'Time', className: 'num time', text: (v) => v.time },
];

const LAST_COLUMN = COLUMNS.findIndex((c) => c.className.includes('last'));

interface RenderedRow {
  readonly tr: HTMLTableRowElement;
  readonly cells: HTMLTableCellElement[];
  readonly texts: string[];
  trend: Trend | undefined;
  moves: number;
  /** Alternates so that consecutive flashes restart the animation without a reflow. */
  flashPhase: boolean;
}

export class QuoteTable {
  private readonly tbody: HTMLTableSectionElement;
  private readonly placeholder: HTMLTableRowElement;
  private readonly rendered = new Map<number, RenderedRow>();
  private layoutVersion = -1;

  constructor(table: HTMLTableElement) {
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    for (const column of COLUMNS) {
      const th = document.createElement('th');
      th.className = column.className;
      th.scope = 'col';
      th.textContent = column.label;
      head.appendChild(th);
    }
    this.tbody = table.createTBody();
    this.placeholder = document.createElement('tr');
    this.placeholder.className = 'placeholder';
    const cell = this.placeholder.insertCell();
    cell.colSpan = COLUMNS.length;
    cell.textContent = 'Waiting for the market snapshot…';
    this.tbody.appendChild(this.placeholder);
  }

  render(model: MarketModel): void {
    const dirty = model.takeDirty();
    if (model.layoutVersion !== this.layoutVersion) {
      this.layoutVersion = model.layoutVersion;
      this.relayout(model);
      return;
    }
    for (const id of dirty) {
      const row = model.row(id);
      const rendered = this.rendered.get(id);
      if (row !== undefined && rendered !== undefined) {
        update(rendered, presentRow(row));
      }
    }
  }

  /** Puts the rows in the model's order, creating missing ones, and refreshes every row. */
  private relayout(model: MarketModel): void {
    const rows = model.visibleRows();
    const ordered: HTMLTableRowElement[] = [];
    for (const row of rows) {
      let rendered = this.rendered.get(row.id);
      if (rendered === undefined) {
        rendered = create(row.moves);
        this.rendered.set(row.id, rendered);
      }
      update(rendered, presentRow(row));
      ordered.push(rendered.tr);
    }
    if (ordered.length === 0) {
      this.tbody.replaceChildren(this.placeholder);
    } else {
      this.tbody.replaceChildren(...ordered);
    }
  }
}

function create(moves: number): RenderedRow {
  const tr = document.createElement('tr');
  const cells = COLUMNS.map((column) => {
    const td = tr.insertCell();
    td.className = column.className;
    return td;
  });
  return { tr, cells, texts: COLUMNS.map(() => ''), trend: undefined, moves, flashPhase: false };
}

function update(rendered: RenderedRow, view: RowView): void {
  COLUMNS.forEach((column, i) => {
    const text = column.text(view);
    const cell = rendered.cells[i];
    if (cell !== undefined && rendered.texts[i] !== text) {
      rendered.texts[i] = text;
      cell.textContent = text;
    }
  });
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
    const cell = rendered.cells[LAST_COLUMN];
    if (cell !== undefined && view.lastMove !== 'flat') {
      rendered.flashPhase = !rendered.flashPhase;
      cell.classList.remove('flash-up-a', 'flash-up-b', 'flash-down-a', 'flash-down-b');
      cell.classList.add(`flash-${view.lastMove}-${rendered.flashPhase ? 'a' : 'b'}`);
    }
  }
}
