import { describe, expect, it } from 'vitest';
import { RateMeter } from '../src/model/rate-meter.js';

describe('RateMeter', () => {
  it('reports a steady rate exactly, over the last whole second', () => {
    const meter = new RateMeter(1000, 100);
    // 2000 events per second, 2 every millisecond, for three seconds
    for (let ms = 0; ms < 3000; ms++) {
      meter.add(2, ms);
    }
    expect(meter.rate(3000)).toBe(2000);
    expect(meter.rate(2999)).toBe(2000);
  });

  it('does not count the bucket still being filled', () => {
    const meter = new RateMeter(1000, 100);
    meter.add(500, 1050);
    expect(meter.rate(1099)).toBe(0);
    expect(meter.rate(1100)).toBe(500);
  });

  it('forgets what is older than the window', () => {
    const meter = new RateMeter(1000, 100);
    meter.add(100, 0);
    expect(meter.rate(1000)).toBe(100);
    expect(meter.rate(1100)).toBe(0);
  });
});
