import { describe, expect, it } from 'vitest';
import { fitsWithoutScrolling } from '../src/view/chart-fit.js';

describe('fitsWithoutScrolling', () => {
  it('shouldFitAFewBarsToTheWidth', () => {
    // 800 px hold 133 bars at 6 px, 4 of them the right offset
    expect(fitsWithoutScrolling(12, 800)).toBe(true);
    expect(fitsWithoutScrolling(129, 800)).toBe(true);
  });

  it('shouldKeepTheNormalSpacingWhenTheBarsFillTheWidth', () => {
    expect(fitsWithoutScrolling(130, 800)).toBe(false);
    expect(fitsWithoutScrolling(500, 800)).toBe(false);
  });

  it('shouldNotFitAnEmptyChartOrOneNotLaidOutYet', () => {
    expect(fitsWithoutScrolling(0, 800)).toBe(false);
    expect(fitsWithoutScrolling(12, 0)).toBe(false);
  });
});
