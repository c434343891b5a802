/** The bar intervals of the chart: their query names, protocol values and lengths. */
import { BarInterval } from '../gen/ticker/v1/market_pb.js';

export interface IntervalInfo {
  /** The name in /api/bars queries and in the page: "1s", "5m", ... */
  readonly key: IntervalKey;
  readonly value: BarInterval;
  readonly seconds: number;
}

export type IntervalKey = '1s' | '5s' | '1m' | '5m' | '15m' | '1h' | '1d';

export const INTERVALS: readonly IntervalInfo[] = [
  { key: '1s', value: BarInterval.BAR_INTERVAL_1S, seconds: 1 },
  { key: '5s', value: BarInterval.BAR_INTERVAL_5S, seconds: 5 },
  { key: '1m', value: BarInterval.BAR_INTERVAL_1M, seconds: 60 },
  { key: '5m', value: BarInterval.BAR_INTERVAL_5M, seconds: 300 },
  { key: '15m', value: BarInterval.BAR_INTERVAL_15M, seconds: 900 },
  { key: '1h', value: BarInterval.BAR_INTERVAL_1H, seconds: 3600 },
  { key: '1d', value: BarInterval.BAR_INTERVAL_1D, seconds: 86_400 },
];

export const DEFAULT_INTERVAL: IntervalKey = '1m';

export function intervalByKey(key: string): IntervalInfo | undefined {
  return INTERVALS.find((i) => i.key === key);
}

export function intervalByValue(value: BarInterval): IntervalInfo | undefined {
  return INTERVALS.find((i) => i.value === value);
}
