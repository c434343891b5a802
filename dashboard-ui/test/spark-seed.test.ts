import { describe, expect, it } from 'vitest';
import { sparkSeed } from '../src/model/spark-seed.js';

const NY = 'America/New_York';
// 2026-11-20, New York is UTC-5
const at = (hour: number, minute = 0): number => Date.UTC(2026, 10, 20, hour + 5, minute);
const DAY_START = Date.UTC(2026, 10, 20, 5);

describe('sparkSeed', () => {
  it('shouldSeedAWholeRecordedSessionFromItsOwnDayNotTheBrowsersToday', () => {
    // the journal ends at 16:00 New York; the day began at midnight there
    const seed = sparkSeed(at(16), Date.UTC(2026, 10, 19), NY, 96);
    // 16 hours in 96 points: 15-minute bars, the newest 96 of them (all of the day up to 16:00)
    expect(seed).toEqual({ interval: '15m', bucketMs: 900_000, fromMs: DAY_START, limit: 96 });
  });

  it('shouldSeedAYoungJournalWithFineBarsSoItDrawsALineAtOnce', () => {
    // the journal began at 10:00 and holds ten minutes: 1-minute bars; five minutes: 5-second bars
    const seed = sparkSeed(at(10, 10), at(10), NY, 96);
    expect(seed.interval).toBe('1m');
    expect(seed.fromMs).toBe(at(10));
    const fresh = sparkSeed(at(10, 5), at(10), NY, 96);
    expect([fresh.interval, fresh.bucketMs, fresh.fromMs]).toEqual(['5s', 5_000, at(10)]);
  });

  it('shouldSeedAWholeDayWithTheFinestBarsThatFit', () => {
    const seed = sparkSeed(at(23, 59), Date.UTC(2026, 10, 1), NY, 96);
    expect([seed.interval, seed.fromMs]).toEqual(['15m', DAY_START]);
    expect(sparkSeed(at(23, 59), Date.UTC(2026, 10, 1), NY, 48).interval).toBe('1h');
  });

  it('shouldKeepTheNewestBucketsWhenEvenHourlyBarsAreMoreThanItHolds', () => {
    const seed = sparkSeed(at(16), Date.UTC(2026, 10, 1), NY, 10);
    expect([seed.interval, seed.fromMs]).toEqual(['1h', at(7)]);
  });
});
