/** The text and styling of one table row, derived from the model; no DOM here. */
import type { InstrumentRow } from '../model/market-model.js';
import { formatChange, formatChangePercent, formatPrice, type PriceScale } from '../model/price.js';
import { formatClockTime } from './time.js';

/** Shown where a value is not known yet. */
export const NO_VALUE = '—';

export type Trend = 'up' | 'down' | 'flat';

export interface RowView {
  readonly symbol: string;
  readonly name: string;
  readonly last: string;
  readonly change: string;
  readonly changePercent: string;
  readonly bid: string;
  readonly ask: string;
  readonly time: string;
  /** The last price against the reference price. */
  readonly trend: Trend;
  /** Which way the last price moved most recently, and how many moves there were so far. */
  readonly lastMove: Trend;
  readonly moves: number;
}

/** The view of a row whose instrument is known. */
export function presentRow(row: InstrumentRow): RowView {
  const instrument = row.instrument;
  const scale: PriceScale = row.scale ?? { decimals: 0, displayDecimals: 0 };
  const reference = instrument?.referencePrice ?? 0n;
  const last = row.lastPrice;
  const change = last !== undefined && reference !== 0n ? last - reference : undefined;
  return {
    symbol: instrument?.symbol ?? `#${row.id}`,
    name: instrument?.name ?? '',
    last: last !== undefined ? formatPrice(last, scale) : NO_VALUE,
    change: change !== undefined ? formatChange(change, scale) : NO_VALUE,
    changePercent: change !== undefined ? formatChangePercent(change, reference) : NO_VALUE,
    bid: side(row.bidPrice, row.bidSize, scale),
    ask: side(row.askPrice, row.askSize, scale),
    time: row.updatedNs !== undefined ? formatClockTime(row.updatedNs) : NO_VALUE,
    trend: change === undefined || change === 0n ? 'flat' : change > 0n ? 'up' : 'down',
    lastMove: row.lastMove > 0 ? 'up' : row.lastMove < 0 ? 'down' : 'flat',
    moves: row.moves,
  };
}

/** One side of the quote; a zero price with zero size is an empty side. */
function side(price: bigint | undefined, size: bigint | undefined, scale: PriceScale): string {
  if (price === undefined || (price === 0n && (size ?? 0n) === 0n)) {
    return NO_VALUE;
  }
  return formatPrice(price, scale);
}
