import { describe, expect, it } from 'vitest';
import { sparklinePaths } from '../src/view/sparkline-svg.js';

describe('sparklinePaths', () => {
  it('shouldScaleThePricesToTheBoxWithThePreviousCloseAsALevelLine', () => {
    // 16 high with 2 of padding: the range maps to y 14 (low) .. 2 (high)
    expect(sparklinePaths([100, 110, 105], 100)).toEqual({
      line: 'M0.00 14.00L25.00 2.00L50.00 8.00',
      base: 'M0 14.00H50',
    });
  });

  it('shouldDrawOnePointAsALevelLineAndNothingWithoutPoints', () => {
    expect(sparklinePaths([7], undefined)).toEqual({ line: 'M0.00 14.00L50.00 14.00', base: '' });
    expect(sparklinePaths([], 5)).toEqual({ line: '', base: '' });
  });

  it('shouldLeaveOutAPreviousCloseFarFromTheRange', () => {
    expect(sparklinePaths([100, 101], 150).base).toBe('');
  });
});
