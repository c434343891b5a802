import { describe, expect, it } from 'vitest';
import {
  displayDecimalsFor,
  formatChange,
  formatChangePercent,
  formatPrice,
  priceScale,
} from '../src/model/price.js';

describe('displayDecimalsFor', () => {
  it('shows as many decimals as the price increment needs', () => {
    expect(displayDecimalsFor(4, 100n)).toBe(2); // 0.01
    expect(displayDecimalsFor(4, 2500n)).toBe(2); // 0.25
    expect(displayDecimalsFor(4, 50n)).toBe(3); // 0.005
    expect(displayDecimalsFor(4, 1n)).toBe(4); // 0.0001
    expect(displayDecimalsFor(4, 10_000n)).toBe(0); // 1
    expect(displayDecimalsFor(4, 50_000n)).toBe(0); // 5
    expect(displayDecimalsFor(2, 5n)).toBe(2); // 0.05
    expect(displayDecimalsFor(0, 1n)).toBe(0);
  });

  it('shows every decimal when there is no increment', () => {
    expect(displayDecimalsFor(4, 0n)).toBe(4);
    expect(displayDecimalsFor(6, -1n)).toBe(6);
  });
});

describe('formatPrice', () => {
  const cents4 = priceScale(4, 100n);

  it('writes an integer price with the decimals of its increment', () => {
    expect(formatPrice(1_234_500n, cents4)).toBe('123.45');
    expect(formatPrice(1_230_000n, cents4)).toBe('123.00');
    expect(formatPrice(0n, cents4)).toBe('0.00');
    expect(formatPrice(500n, cents4)).toBe('0.05');
    expect(formatPrice(5n, priceScale(4, 1n))).toBe('0.0005');
    expect(formatPrice(108_437n, priceScale(5, 1n))).toBe('1.08437');
    expect(formatPrice(12_345_000n, priceScale(4, 10_000n))).toBe('1234.5');
    expect(formatPrice(12_340_000n, priceScale(4, 10_000n))).toBe('1234');
    expect(formatPrice(42n, priceScale(0, 1n))).toBe('42');
    expect(formatPrice(1_999n, priceScale(2, 5n))).toBe('19.99');
  });

  it('keeps the digits of a price off the increment grid instead of rounding them', () => {
    expect(formatPrice(1_234_567n, cents4)).toBe('123.4567');
    expect(formatPrice(1_234_560n, cents4)).toBe('123.456');
  });

  it('writes negative prices', () => {
    expect(formatPrice(-1_250n, cents4)).toBe('-0.125');
    expect(formatPrice(-1_200n, cents4)).toBe('-0.12');
    expect(formatPrice(-123_450_000n, cents4)).toBe('-12345.00');
  });

  it('is exact beyond the precision of a double', () => {
    // 2^53 + 1 cannot be held by a JavaScript number
    expect(formatPrice(9_007_199_254_740_993n, priceScale(2, 1n))).toBe('90071992547409.93');
    expect(formatPrice(9_223_372_036_854_775_807n, priceScale(4, 100n))).toBe('922337203685477.5807');
  });
});

describe('formatChange', () => {
  const cents4 = priceScale(4, 100n);

  it('signs rises and falls, and leaves no change unsigned', () => {
    expect(formatChange(12_500n, cents4)).toBe('+1.25');
    expect(formatChange(-4_000n, cents4)).toBe('-0.40');
    expect(formatChange(-63n, priceScale(5, 1n))).toBe('-0.00063');
    expect(formatChange(0n, cents4)).toBe('0.00');
  });
});

describe('formatChangePercent', () => {
  it('gives two decimals, signed', () => {
    expect(formatChangePercent(25_000n, 1_900_000n)).toBe('+1.32%'); // 1.3157...
    expect(formatChangePercent(-12_345n, 1_000_000n)).toBe('-1.23%'); // -1.2345
    expect(formatChangePercent(-4_500n, 4_100_000n)).toBe('-0.11%'); // -0.10975...
    expect(formatChangePercent(1_900_000n, 1_900_000n)).toBe('+100.00%');
    expect(formatChangePercent(-950_000n, 1_900_000n)).toBe('-50.00%');
    expect(formatChangePercent(0n, 1_900_000n)).toBe('0.00%');
  });

  it('rounds half away from zero', () => {
    expect(formatChangePercent(1n, 20_000n)).toBe('+0.01%'); // +0.005
    expect(formatChangePercent(-1n, 20_000n)).toBe('-0.01%'); // -0.005
    expect(formatChangePercent(1n, 20_001n)).toBe('0.00%'); // just under 0.005
    expect(formatChangePercent(-1n, 2_000_000n)).toBe('0.00%'); // rounds to zero: unsigned
  });

  it('compares with the size of a negative reference', () => {
    expect(formatChangePercent(100n, -1_000n)).toBe('+10.00%');
  });

  it('is empty without a reference', () => {
    expect(formatChangePercent(100n, 0n)).toBe('');
  });
});
