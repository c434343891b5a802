/** The text and styling of the dashboard's figures, derived from the model; no DOM here. */
import { TradingStatus } from '../gen/ticker/v1/market_pb.js';
import type { InstrumentRow } from '../model/market-model.js';
import { formatChange, formatChangePercent, formatPrice, type PriceScale } from '../model/price.js';

/** Shown where a value is not known yet. */
export const NO_VALUE = '—';

export type Trend = 'up' | 'down' | 'flat';

export interface RowView {
  readonly symbol: string;
  readonly name: string;
  readonly last: string;
  readonly change: string;
  readonly changePercent: string;
  readonly volume: string;
  /** The volume only counts what was seen live: the day's is at least this. */
  readonly volumePartial: boolean;
  /** The last price against the previous close. */
  readonly trend: Trend;
  /** Which way the last price moved most recently, and how many moves there were so far. */
  readonly lastMove: Trend;
  readonly moves: number;
  /** "HALTED" or "CLOSED" when the instrument is not trading; "" otherwise. */
  readonly status: StatusLabel;
  readonly quote: QuoteView;
}

/** The best bid and offer as shown: prices, the spread, and the sizes. */
export interface QuoteView {
  readonly bid: string;
  readonly ask: string;
  readonly spread: string;
  readonly bidSize: string;
  readonly askSize: string;
  /** "300 × 500": the bid's size, then the offer's. */
  readonly sizes: string;
}

export type StatusLabel = 'HALTED' | 'CLOSED' | '';

/** The label of a trading status that a trader must see: halted or closed. */
export function statusLabel(status: TradingStatus | undefined): StatusLabel {
  return status === TradingStatus.HALTED ? 'HALTED' : status === TradingStatus.CLOSED ? 'CLOSED' : '';
}

const FALLBACK_SCALE: PriceScale = { decimals: 0, displayDecimals: 0 };

/** The change of the last price against the day's base, in price units. */
export function changeOf(row: InstrumentRow): bigint | undefined {
  const base = row.day.previousClose ?? row.instrument?.referencePrice ?? 0n;
  return row.lastPrice !== undefined && base !== 0n ? row.lastPrice - base : undefined;
}

/** The row's best quote for display; every part "—" until a quote is known. */
export function presentQuote(row: InstrumentRow): QuoteView {
  const scale = row.scale ?? FALLBACK_SCALE;
  const bid = row.bidPrice;
  const ask = row.askPrice;
  // 0 is proto3's "not set": a side with no price has no quote
  const hasBid = bid !== undefined && bid !== 0n;
  const hasAsk = ask !== undefined && ask !== 0n;
  const bidSize = hasBid ? formatSize(row.bidSize ?? 0n) : NO_VALUE;
  const askSize = hasAsk ? formatSize(row.askSize ?? 0n) : NO_VALUE;
  return {
    bid: hasBid ? formatPrice(bid, scale) : NO_VALUE,
    ask: hasAsk ? formatPrice(ask, scale) : NO_VALUE,
    spread: hasBid && hasAsk ? formatPrice(ask - bid, scale) : NO_VALUE,
    bidSize,
    askSize,
    sizes: hasBid || hasAsk ? `${bidSize} \u00d7 ${askSize}` : NO_VALUE,
  };
}

export function presentRow(row: InstrumentRow): RowView {
  const instrument = row.instrument;
  const scale = row.scale ?? FALLBACK_SCALE;
  const base = row.day.previousClose ?? instrument?.referencePrice ?? 0n;
  const last = row.lastPrice;
  const change = changeOf(row);
  const hasVolume = row.lastPrice !== undefined || row.day.volume > 0n;
  return {
    symbol: instrument?.symbol ?? `#${row.id}`,
    name: instrument?.name ?? '',
    last: last !== undefined ? formatPrice(last, scale) : NO_VALUE,
    change: change !== undefined ? formatChange(change, scale) : NO_VALUE,
    changePercent: change !== undefined ? formatChangePercent(change, base) : NO_VALUE,
    volume: hasVolume ? (row.day.volumePartial ? '≥' : '') + formatVolume(row.day.volume) : NO_VALUE,
    volumePartial: row.day.volumePartial,
    trend: change === undefined || change === 0n ? 'flat' : change > 0n ? 'up' : 'down',
    lastMove: row.lastMove > 0 ? 'up' : row.lastMove < 0 ? 'down' : 'flat',
    moves: row.moves,
    status: statusLabel(row.status),
    quote: presentQuote(row),
  };
}

/** A quote's size in at most five characters: 950 / 2.5K / 12.3K / 1.23M (truncated, as volumes). */
export function formatSize(size: bigint): string {
  if (size >= 1_000n && size < 10_000n) {
    const tenths = (size * 10n) / 1_000n;
    return `${tenths / 10n}.${tenths % 10n}K`;
  }
  return formatVolume(size);
}

/**
 * A volume in a few characters: 9,876 / 123.4K / 12.35M / 1.23B. Below 10,000 it is exact;
 * above it is truncated (never rounded up past what traded).
 */
export function formatVolume(volume: bigint): string {
  if (volume < 0n) return `-${formatVolume(-volume)}`;
  if (volume < 10_000n) return groupThousands(volume);
  const units: ReadonlyArray<readonly [bigint, string, number]> = [
    [1_000_000_000n, 'B', 2],
    [1_000_000n, 'M', 2],
    [1_000n, 'K', 1],
  ];
  for (const [size, suffix, decimals] of units) {
    if (volume >= size) {
      const scaled = (volume * 10n ** BigInt(decimals)) / size;
      const digits = scaled.toString();
      const whole = digits.slice(0, digits.length - decimals);
      const fraction = digits.slice(digits.length - decimals);
      return `${whole}.${fraction}${suffix}`;
    }
  }
  return groupThousands(volume);
}

/** 1234567 as "1,234,567". */
export function groupThousands(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return (negative ? '-' : '') + out;
}
