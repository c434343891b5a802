import { describe, expect, it } from 'vitest';
import { Backoff } from '../src/connection/backoff.js';

/** A small deterministic PRNG (mulberry32), so the test covers many spread values reproducibly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Backoff', () => {
  it('doubles from 0.5 s up to 10 s', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    expect(backoff.attempts).toBe(8);
  });

  it('spreads each delay by at most 20% either way', () => {
    const low = new Backoff({ random: () => 0 });
    const high = new Backoff({ random: () => 0.999_999_999 });
    expect(Array.from({ length: 7 }, () => low.next())).toEqual([400, 800, 1600, 3200, 6400, 8000, 8000]);
    expect(Array.from({ length: 7 }, () => high.next())).toEqual([600, 1200, 2400, 4800, 9600, 12_000, 12_000]);
  });

  it('keeps random delays within the bounds of their attempt', () => {
    const backoff = new Backoff({ random: seeded(42) });
    const seen = new Set<number>();
    for (let round = 0; round < 200; round++) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const nominal = Math.min(10_000, 500 * 2 ** attempt);
        const delay = backoff.next();
        expect(delay).toBeGreaterThanOrEqual(nominal * 0.8);
        expect(delay).toBeLessThanOrEqual(nominal * 1.2);
        seen.add(delay);
      }
      backoff.reset();
    }
    // the jitter really spreads the delays
    expect(seen.size).toBeGreaterThan(500);
  });

  it('starts again from the shortest delay after a reset', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(500);
  });

  it('clamps a random source that strays outside [0, 1)', () => {
    expect(new Backoff({ random: () => 7 }).next()).toBe(600);
    expect(new Backoff({ random: () => -3 }).next()).toBe(400);
  });
});
