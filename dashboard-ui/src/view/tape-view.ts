/**
 * The trade tape: the latest trades of the chart's instrument, newest on top. New trades are
 * inserted as rows above the old ones, which are never rewritten; the list is cut at a fixed
 * length, so a busy symbol costs only the rows of its new trades per frame.
 */
import { Side } from '../gen/ticker/v1/market_pb.js';
import type { PriceScale } from '../model/price.js';
import { formatPrice } from '../model/price.js';
import type { TapeEntry, TradeTape } from '../model/trade-tape.js';
import { groupThousands } from './present.js';
import { formatClockTime, type Zone } from './time.js';

/** Rows shown at most. */
export const TAPE_ROWS = 80;

export class TapeView {
  private readonly body: HTMLTableSectionElement;
  private readonly title: HTMLElement;
  private readonly empty: HTMLTableRowElement;
  private seenTotal = 0;
  private seenEpoch = -1;
  private seenTape: TradeTape | undefined;
  private zoneKey = '\u0000';
  private symbol = '';
  private previousPrice: bigint | undefined;

  constructor(container: HTMLElement) {
    container.replaceChildren();
    const head = document.createElement('div');
    head.className = 'panel-head';
    this.title = document.createElement('h2');
    this.title.textContent = 'Trades';
    head.appendChild(this.title);
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    const table = document.createElement('table');
    table.className = 'grid tape';
    const header = table.createTHead().insertRow();
    for (const [label, className] of [
      ['Time', 'time'],
      ['Price', 'num'],
      ['Size', 'num'],
      ['B/S', 'side'],
    ] as const) {
      const th = document.createElement('th');
      th.textContent = label;
      th.className = className;
      header.appendChild(th);
    }
    this.body = table.createTBody();
    this.empty = document.createElement('tr');
    this.empty.className = 'placeholder';
    const cell = this.empty.insertCell();
    cell.colSpan = 4;
    cell.textContent = 'No trades yet';
    this.body.appendChild(this.empty);
    wrap.appendChild(table);
    container.append(head, wrap);
  }

  render(tape: TradeTape, symbol: string, scale: PriceScale | undefined, zone: Zone): void {
    const zoneKey = zone ?? '';
    if (symbol !== this.symbol) {
      this.symbol = symbol;
      this.title.textContent = symbol === '' ? 'Trades' : `Trades · ${symbol}`;
    }
    if (scale === undefined) return;
    const full = tape.epoch !== this.seenEpoch || zoneKey !== this.zoneKey || tape !== this.seenTape;
    this.seenTape = tape;
    if (!full && tape.total === this.seenTotal) return;
    const fresh = full ? Math.min(tape.length, TAPE_ROWS) : Math.min(tape.total - this.seenTotal, tape.length, TAPE_ROWS);
    this.seenEpoch = tape.epoch;
    this.seenTotal = tape.total;
    this.zoneKey = zoneKey;
    if (full) {
      this.body.replaceChildren();
      this.previousPrice = undefined;
    } else if (this.empty.parentNode === this.body) {
      this.empty.remove();
    }
    // oldest of the new entries first, each inserted on top
    const rows: HTMLTableRowElement[] = [];
    for (let i = fresh - 1; i >= 0; i--) {
      rows.push(this.row(tape.at(i), scale, zone));
    }
    rows.reverse();
    this.body.prepend(...rows);
    while (this.body.rows.length > TAPE_ROWS) {
      this.body.lastElementChild?.remove();
    }
    if (this.body.rows.length === 0) this.body.appendChild(this.empty);
  }

  private row(entry: TapeEntry, scale: PriceScale, zone: Zone): HTMLTableRowElement {
    const tr = document.createElement('tr');
    if (entry.kind === 'break') {
      tr.className = 'break';
      const cell = tr.insertCell();
      cell.colSpan = 4;
      cell.textContent = entry.note;
      cell.title = entry.note;
      this.previousPrice = undefined;
      return tr;
    }
    const side = entry.side === Side.BUY ? 'buy' : entry.side === Side.SELL ? 'sell' : '';
    tr.className = side;
    const tick = this.previousPrice === undefined || entry.price === this.previousPrice ? '' : entry.price > this.previousPrice ? ' up' : ' down';
    this.previousPrice = entry.price;
    cell(tr, 'time', formatClockTime(entry.eventTimeNs, zone));
    cell(tr, `num price${tick}`, formatPrice(entry.price, scale));
    cell(tr, 'num', groupThousands(entry.size));
    cell(tr, 'side', side === 'buy' ? 'B' : side === 'sell' ? 'S' : '');
    tr.title = `#${entry.sequence.toString()}`;
    return tr;
  }
}

function cell(tr: HTMLTableRowElement, className: string, text: string): void {
  const td = tr.insertCell();
  td.className = className;
  td.textContent = text;
}
