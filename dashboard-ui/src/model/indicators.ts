/**
 * The chart's indicators, computed from the bars the chart holds (the server's bars and the live
 * ones on top): simple and exponential moving averages of the close, and the session's
 * volume-weighted average price. Plain arithmetic over the bars, recomputed when they change.
 *
 * The VWAP weighs each bar's typical price (high + low + close) / 3 by its volume, from the first
 * bar of each trading day: the usual charting VWAP. The exact VWAP of the trades (the sum of price
 * × size) needs that sum in the bars, which the server does not send.
 */
import type { ChartBar } from './bar-store.js';

/** The indicators a chart can show. */
export type IndicatorKey = 'vwap' | 'sma' | 'ema' | 'volume';

export const INDICATOR_KEYS: readonly IndicatorKey[] = ['vwap', 'sma', 'ema', 'volume'];

/** The moving averages' lengths, in bars. */
export const SMA_PERIOD = 20;
export const EMA_PERIOD = 50;

export interface IndicatorPoint {
  /** The bar's start, epoch seconds (the chart's time). */
  readonly time: number;
  readonly value: number;
}

/** The mean close of the last `period` bars, from the `period`-th bar on. */
export function simpleMovingAverage(bars: readonly ChartBar[], period: number): IndicatorPoint[] {
  const out: IndicatorPoint[] = [];
  let sum = 0;
  for (let i = 0; i < bars.length; i++) {
    sum += closeAt(bars, i);
    if (i >= period) sum -= closeAt(bars, i - period);
    if (i >= period - 1) out.push({ time: timeAt(bars, i), value: sum / period });
  }
  return out;
}

/**
 * The exponential moving average of the close with weight 2 / (period + 1), started from the
 * simple average of the first `period` bars (so its first value is that average).
 */
export function exponentialMovingAverage(bars: readonly ChartBar[], period: number): IndicatorPoint[] {
  const out: IndicatorPoint[] = [];
  if (bars.length < period) return out;
  const alpha = 2 / (period + 1);
  let value = 0;
  for (let i = 0; i < period; i++) value += closeAt(bars, i);
  value /= period;
  out.push({ time: timeAt(bars, period - 1), value });
  for (let i = period; i < bars.length; i++) {
    value = alpha * closeAt(bars, i) + (1 - alpha) * value;
    out.push({ time: timeAt(bars, i), value });
  }
  return out;
}

/**
 * The volume-weighted average of the bars' typical prices since the start of each one's trading
 * day (`dayOf` gives a bar's day from its start in epoch seconds); bars before the day's first
 * volume have none.
 */
export function sessionVwap(bars: readonly ChartBar[], dayOf: (timeSeconds: number) => string): IndicatorPoint[] {
  const out: IndicatorPoint[] = [];
  let day = '';
  let priceVolume = 0;
  let volume = 0;
  for (const bar of bars) {
    const barDay = dayOf(bar.time);
    if (barDay !== day) {
      day = barDay;
      priceVolume = 0;
      volume = 0;
    }
    priceVolume += ((bar.high + bar.low + bar.close) / 3) * bar.volume;
    volume += bar.volume;
    if (volume > 0) out.push({ time: bar.time, value: priceVolume / volume });
  }
  return out;
}

function closeAt(bars: readonly ChartBar[], i: number): number {
  return bars[i]?.close ?? 0;
}

function timeAt(bars: readonly ChartBar[], i: number): number {
  return bars[i]?.time ?? 0;
}
