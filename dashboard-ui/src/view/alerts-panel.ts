/**
 * The alerts panel above the tape: a form for an alert on the charted symbol (above or below a
 * price, or a move from the previous close), the alerts waiting, the ones fired; and a banner in
 * the top bar when one fires. It shows the AlertBook and reports what the user did.
 */
import { describeAlert, type AlertBook, type AlertKind } from '../model/alerts.js';
import { formatHms, type Zone } from './time.js';

export interface AlertCallbacks {
  readonly onAdd: (kind: AlertKind, level: number) => void;
  readonly onRemove: (id: number) => void;
}

/** How long the banner of a fired alert stays. */
const BANNER_MS = 8_000;

export class AlertsPanel {
  private readonly kind: HTMLSelectElement;
  private readonly level: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly message: HTMLElement;
  private readonly title: HTMLElement;
  private drawnVersion = -1;
  private drawnSymbol = '';
  private bannerUntilMs = 0;

  constructor(
    container: HTMLElement,
    private readonly banner: HTMLElement,
    callbacks: AlertCallbacks,
  ) {
    container.replaceChildren();
    const head = document.createElement('div');
    head.className = 'panel-head';
    this.title = document.createElement('h2');
    this.title.textContent = 'Alerts';
    head.appendChild(this.title);
    const form = document.createElement('form');
    form.className = 'alert-form';
    this.kind = document.createElement('select');
    this.kind.className = 'alert-kind';
    for (const [value, label] of [
      ['above', 'Above'],
      ['below', 'Below'],
      ['movePercent', 'Move %'],
    ] as const) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      this.kind.appendChild(option);
    }
    this.level = document.createElement('input');
    this.level.className = 'alert-level';
    this.level.inputMode = 'decimal';
    this.level.placeholder = 'price';
    this.level.setAttribute('aria-label', 'Alert level');
    this.kind.addEventListener('change', () => (this.level.placeholder = this.kind.value === 'movePercent' ? '%' : 'price'));
    const add = document.createElement('button');
    add.type = 'submit';
    add.className = 'alert-add';
    add.textContent = 'Add';
    form.append(this.kind, this.level, add);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const level = Number(this.level.value.trim());
      if (this.level.value.trim() === '' || !Number.isFinite(level) || level <= 0) {
        this.message.textContent = `"${this.level.value}" is not a level: a positive number`;
        this.message.hidden = false;
        return;
      }
      this.message.hidden = true;
      this.level.value = '';
      callbacks.onAdd(this.kind.value as AlertKind, level);
    });
    this.message = document.createElement('div');
    this.message.className = 'alert-message';
    this.message.hidden = true;
    this.list = document.createElement('ul');
    this.list.className = 'alert-list';
    this.list.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-alert]') : null;
      const id = button instanceof HTMLElement ? Number(button.dataset['alert']) : NaN;
      if (Number.isInteger(id)) callbacks.onRemove(id);
    });
    container.append(head, form, this.message, this.list);
  }

  /** Shows a fired alert in the top bar for a few seconds. */
  announce(text: string, nowMs: number): void {
    this.banner.textContent = text;
    this.banner.hidden = false;
    this.bannerUntilMs = nowMs + BANNER_MS;
  }

  render(book: AlertBook, symbol: string, zone: Zone, nowMs: number): void {
    if (!this.banner.hidden && nowMs >= this.bannerUntilMs) this.banner.hidden = true;
    if (book.version === this.drawnVersion && symbol === this.drawnSymbol) return;
    this.drawnVersion = book.version;
    this.drawnSymbol = symbol;
    this.title.textContent = symbol === '' ? 'Alerts' : `Alerts · new for ${symbol}`;
    const items: HTMLLIElement[] = [];
    for (const rule of book.active) {
      const li = document.createElement('li');
      li.className = 'alert-active';
      li.dataset['symbol'] = rule.symbol;
      const text = document.createElement('span');
      text.textContent = describeAlert(rule);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.dataset['alert'] = String(rule.id);
      remove.textContent = '×';
      remove.title = 'Remove this alert';
      li.append(text, remove);
      items.push(li);
    }
    for (const fired of book.fired) {
      const li = document.createElement('li');
      li.className = 'alert-fired';
      li.dataset['symbol'] = fired.rule.symbol;
      li.textContent = `${formatHms(fired.atMs, zone)} ${describeAlert(fired.rule)}: ${fired.price}`;
      items.push(li);
    }
    this.list.replaceChildren(...items);
  }
}
