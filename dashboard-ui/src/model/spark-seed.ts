/**
 * Which bars seed the watchlist's sparklines: the newest trading day of the journal (not the
 * browser's today, which a recorded or imported journal never reaches), at the finest interval
 * whose bars since that day's start (or the journal's first record) fill the sparkline, so a
 * session ten minutes old already draws a line.
 */
import { INTERVALS, type IntervalKey } from '../protocol/intervals.js';
import { zonedDay, type Zone } from './zoned-time.js';

/** The intervals a sparkline is seeded from, finest first. */
const SEED_INTERVALS: readonly IntervalKey[] = ['5s', '1m', '5m', '15m', '1h'];

export interface SparkSeed {
  readonly interval: IntervalKey;
  /** The sparkline's bucket: the interval's length. */
  readonly bucketMs: number;
  /** Bars from here on (the first bucket the sparkline keeps). */
  readonly fromMs: number;
  /** At most this many bars: the sparkline's capacity. */
  readonly limit: number;
}

/**
 * The seed of a sparkline of `capacity` points for the day of `headMs` (the journal's newest
 * record) in `zone`, starting no earlier than `firstMs` (its first record).
 */
export function sparkSeed(headMs: number, firstMs: number, zone: Zone, capacity: number): SparkSeed {
  const startMs = Math.max(zonedDay(headMs, zone).startMs, firstMs);
  const spanMs = Math.max(0, headMs - startMs);
  let chosen = SEED_INTERVALS[SEED_INTERVALS.length - 1] ?? '1h';
  for (const key of SEED_INTERVALS) {
    if (spanMs / lengthMs(key) < capacity) {
      chosen = key;
      break;
    }
  }
  const bucketMs = lengthMs(chosen);
  // the newest `capacity` buckets of the day
  const fromMs = Math.max(startMs, (Math.floor(headMs / bucketMs) - capacity + 1) * bucketMs);
  return { interval: chosen, bucketMs, fromMs, limit: capacity };
}

function lengthMs(key: IntervalKey): number {
  return (INTERVALS.find((i) => i.key === key)?.seconds ?? 3600) * 1000;
}
