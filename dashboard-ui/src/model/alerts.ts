/**
 * Price alerts: a symbol's price crossing a level upward or downward, or its change from the
 * previous close reaching a percentage either way. Each alert fires once, when a live price
 * crosses it (a price already past the level when the alert is made does not fire it), and is
 * then kept among the fired ones. The book is plain data, stored across reloads as JSON.
 */

export type AlertKind = 'above' | 'below' | 'movePercent';

export interface AlertRule {
  readonly id: number;
  readonly symbol: string;
  readonly kind: AlertKind;
  /** The price for above/below; the percentage (of the previous close, either way) for a move. */
  readonly level: number;
}

export interface FiredAlert {
  readonly rule: AlertRule;
  /** The price that crossed it. */
  readonly price: number;
  /** Epoch ms of the trade that crossed it. */
  readonly atMs: number;
}

/** Fired alerts kept for the page. */
export const FIRED_KEPT = 20;

export class AlertBook {
  private readonly bySymbol = new Map<string, AlertRule[]>();
  private nextId = 1;
  /** Fired alerts, newest first. */
  readonly fired: FiredAlert[] = [];
  /** Bumps on every change (for redraws and saving). */
  version = 0;

  constructor(rules: readonly AlertRule[] = []) {
    for (const rule of rules) this.insert(rule);
  }

  /** The alerts waiting to fire, in the order they were made. */
  get active(): AlertRule[] {
    return [...this.bySymbol.values()].flat().sort((a, b) => a.id - b.id);
  }

  add(symbol: string, kind: AlertKind, level: number): AlertRule {
    const rule = { id: this.nextId, symbol, kind, level };
    this.insert(rule);
    this.version++;
    return rule;
  }

  remove(id: number): void {
    for (const [symbol, rules] of this.bySymbol) {
      const kept = rules.filter((r) => r.id !== id);
      if (kept.length !== rules.length) {
        if (kept.length === 0) this.bySymbol.delete(symbol);
        else this.bySymbol.set(symbol, kept);
        this.version++;
      }
    }
  }

  /**
   * A live price of `symbol` moved from `previous` to `price` (`base`: the previous close, for
   * moves). Returns the alerts it fired (none: an empty array that is not kept).
   */
  onPrice(symbol: string, previous: number, price: number, base: number | undefined, atMs: number): FiredAlert[] {
    const rules = this.bySymbol.get(symbol);
    if (rules === undefined) return NONE;
    let fired: FiredAlert[] | undefined;
    for (const rule of rules) {
      if (crossed(rule, previous, price, base)) {
        (fired ??= []).push({ rule, price, atMs });
      }
    }
    if (fired === undefined) return NONE;
    for (const alert of fired) {
      this.remove(alert.rule.id);
      this.fired.unshift(alert);
    }
    this.fired.length = Math.min(this.fired.length, FIRED_KEPT);
    this.version++;
    return fired;
  }

  private insert(rule: AlertRule): void {
    const rules = this.bySymbol.get(rule.symbol);
    if (rules === undefined) this.bySymbol.set(rule.symbol, [rule]);
    else rules.push(rule);
    this.nextId = Math.max(this.nextId, rule.id + 1);
  }
}

const NONE: FiredAlert[] = [];

function crossed(rule: AlertRule, previous: number, price: number, base: number | undefined): boolean {
  switch (rule.kind) {
    case 'above':
      return previous < rule.level && price >= rule.level;
    case 'below':
      return previous > rule.level && price <= rule.level;
    case 'movePercent': {
      if (base === undefined || base === 0) return false;
      const before = Math.abs((previous - base) / base) * 100;
      const now = Math.abs((price - base) / base) * 100;
      return before < rule.level && now >= rule.level;
    }
  }
}

/** What an alert says: "AAPL above 231.00", "MSFT moves 2% from the previous close". */
export function describeAlert(rule: AlertRule): string {
  switch (rule.kind) {
    case 'above':
      return `${rule.symbol} above ${rule.level}`;
    case 'below':
      return `${rule.symbol} below ${rule.level}`;
    case 'movePercent':
      return `${rule.symbol} moves ${rule.level}% from the previous close`;
  }
}

const KINDS: readonly AlertKind[] = ['above', 'below', 'movePercent'];

/** The alerts stored as JSON; anything unreadable is left out. */
export function parseAlerts(text: string | null): AlertRule[] {
  if (text === null) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const rules: AlertRule[] = [];
  for (const item of data as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const r = item as Record<string, unknown>;
    const kind = KINDS.find((k) => k === r['kind']);
    const { id, symbol, level } = r;
    if (kind !== undefined && typeof id === 'number' && Number.isInteger(id) && id > 0 && typeof symbol === 'string' && symbol !== '' && typeof level === 'number' && Number.isFinite(level) && level > 0) {
      rules.push({ id, symbol, kind, level });
    }
  }
  return rules;
}
