/**
 * The alerts' controller: it keeps the AlertBook (stored across reloads), checks it against every
 * live price change of the live market (never a replay's), and says when one fires: in the page,
 * and through the browser's Notification API when the user allowed it.
 */
import { AlertBook, describeAlert, parseAlerts, type AlertKind, type FiredAlert } from '../model/alerts.js';
import type { InstrumentRow, MarketModel } from '../model/market-model.js';
import type { KeyValueStore } from './preferences.js';

export const ALERTS_STORAGE_KEY = 'ticker.alerts.v1';

export interface AlertsOptions {
  readonly model: MarketModel;
  readonly storage: KeyValueStore | undefined;
  /** Epoch ms now. */
  readonly wallNow: () => number;
  /** An alert fired: the page shows it. */
  readonly onFired: (text: string) => void;
}

export class AlertsController {
  readonly book: AlertBook;

  constructor(private readonly options: AlertsOptions) {
    let stored: string | null = null;
    try {
      stored = options.storage?.getItem(ALERTS_STORAGE_KEY) ?? null;
    } catch {
      stored = null; // storage blocked: alerts last as long as the page
    }
    this.book = new AlertBook(parseAlerts(stored));
    options.model.onPrice = (row, previous, price) => this.onPrice(row, previous, price);
  }

  add(symbol: string, kind: AlertKind, level: number): void {
    this.book.add(symbol, kind, level);
    this.save();
    // asked when the user makes an alert (browsers ask only after a gesture)
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
  }

  remove(id: number): void {
    this.book.remove(id);
    this.save();
  }

  private onPrice(row: InstrumentRow, previous: bigint, price: bigint): void {
    const symbol = row.instrument?.symbol;
    if (symbol === undefined) return;
    const divisor = Math.pow(10, row.instrument?.priceDecimals ?? 0);
    const base = row.day.previousClose;
    const fired = this.book.onPrice(
      symbol,
      Number(previous) / divisor,
      Number(price) / divisor,
      base === undefined ? undefined : Number(base) / divisor,
      this.options.wallNow(),
    );
    if (fired.length === 0) return;
    this.save();
    for (const alert of fired) this.announce(alert);
  }

  private announce(alert: FiredAlert): void {
    const text = `ALERT ${describeAlert(alert.rule)}: ${alert.price}`;
    this.options.onFired(text);
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      try {
        new Notification('Ticker', { body: text, tag: `ticker-alert-${alert.rule.id}` });
      } catch {
        // a browser without page notifications: the page's banner says it
      }
    }
  }

  private save(): void {
    try {
      this.options.storage?.setItem(ALERTS_STORAGE_KEY, JSON.stringify(this.book.active));
    } catch {
      // full or blocked storage: the alerts last as long as the page
    }
  }
}
