import { describe, expect, it } from 'vitest';
import type { ChartBar } from '../src/model/bar-store.js';
import { exponentialMovingAverage, sessionVwap, simpleMovingAverage } from '../src/model/indicators.js';

function bar(time: number, close: number, volume = 100, high = close, low = close): ChartBar {
  return { time, open: close, high, low, close, volume, lastSequence: 0n };
}

const CLOSES = [10, 11, 12, 13, 14, 15];
const BARS = CLOSES.map((c, i) => bar(60 * i, c));

describe('indicators', () => {
  it('shouldAverageTheLastCloses', () => {
    expect(simpleMovingAverage(BARS, 3)).toEqual([
      { time: 120, value: 11 }, // (10 + 11 + 12) / 3
      { time: 180, value: 12 },
      { time: 240, value: 13 },
      { time: 300, value: 14 },
    ]);
    expect(simpleMovingAverage(BARS.slice(0, 2), 3)).toEqual([]);
  });

  it('shouldStartTheExponentialAverageFromTheSimpleOneAndWeighTwoOverPeriodPlusOne', () => {
    // period 3: alpha 0.5; starts at (10 + 11 + 12) / 3 = 11
    // 13: 0.5 × 13 + 0.5 × 11 = 12; 14: 13; 15: 14
    expect(exponentialMovingAverage(BARS, 3)).toEqual([
      { time: 120, value: 11 },
      { time: 180, value: 12 },
      { time: 240, value: 13 },
      { time: 300, value: 14 },
    ]);
    expect(exponentialMovingAverage(BARS.slice(0, 2), 3)).toEqual([]);
  });

  it('shouldWeighTypicalPricesByVolumeAndStartAgainEachDay', () => {
    const day = (t: number): string => (t < 1_000 ? 'd1' : 'd2');
    const bars = [
      bar(0, 10, 100, 12, 8), // typical (12 + 8 + 10) / 3 = 10
      bar(60, 13, 300, 14, 12), // typical 13
      bar(120, 0, 0), // no volume: the average holds
      bar(1_000, 20, 50, 21, 19), // a new day: typical 20
    ];
    expect(sessionVwap(bars, day)).toEqual([
      { time: 0, value: 10 },
      { time: 60, value: (10 * 100 + 13 * 300) / 400 },
      { time: 120, value: (10 * 100 + 13 * 300) / 400 },
      { time: 1_000, value: 20 },
    ]);
  });

  it('shouldHaveNoVwapBeforeTheDaysFirstVolume', () => {
    expect(sessionVwap([bar(0, 10, 0)], () => 'd')).toEqual([]);
  });
});
