import { describe, expect, it } from 'vitest';
import { formatVolume, groupThousands } from '../src/view/present.js';
import { formatDuration } from '../src/view/status-bar.js';

describe('formatVolume', () => {
  it('shouldShowSmallVolumesExactly', () => {
    expect(formatVolume(0n)).toBe('0');
    expect(formatVolume(999n)).toBe('999');
    expect(formatVolume(9_999n)).toBe('9,999');
  });

  it('shouldTruncateLargeVolumesNeverRoundingUp', () => {
    expect(formatVolume(10_000n)).toBe('10.0K');
    expect(formatVolume(123_456n)).toBe('123.4K');
    expect(formatVolume(999_999n)).toBe('999.9K');
    expect(formatVolume(1_000_000n)).toBe('1.00M');
    expect(formatVolume(12_349_999n)).toBe('12.34M');
    expect(formatVolume(1_999_999_999n)).toBe('1.99B');
    expect(formatVolume(123_456_789_012_345n)).toBe('123456.78B');
  });

  it('shouldGroupThousands', () => {
    expect(groupThousands(1_234_567n)).toBe('1,234,567');
    expect(groupThousands(-1_234n)).toBe('-1,234');
    expect(groupThousands(12n)).toBe('12');
  });
});

describe('formatDuration', () => {
  it('shouldShowMillisecondsThenSeconds', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(3.4)).toBe('3 ms');
    expect(formatDuration(-12)).toBe('-12 ms');
    expect(formatDuration(1_450)).toBe('1.4 s');
  });
});
