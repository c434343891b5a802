import { describe, expect, it } from 'vitest';
import { formatClockTime } from '../src/view/time.js';

describe('formatClockTime', () => {
  it('runs in UTC here (vite.config.ts sets TZ)', () => {
    expect(new Date(0).getTimezoneOffset()).toBe(0);
  });

  it('writes HH:MM:SS.mmm, truncating below the millisecond', () => {
    expect(formatClockTime(1_700_000_000_123_999_999n)).toBe('22:13:20.123');
    expect(formatClockTime(1_700_006_405_007_000_000n)).toBe('00:00:05.007');
  });
});
