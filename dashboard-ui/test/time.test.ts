import { describe, expect, it } from 'vitest';
import { DayClock, formatClockTime, formatDateTime, parseDateTimeInput, zonedDay } from '../src/view/time.js';

describe('time', () => {
  it('shouldFormatClockTimeWithMilliseconds', () => {
    // 2023-11-14T22:13:20.123Z; the tests run in UTC
    expect(formatClockTime(1_700_000_000_123_000_000n)).toBe('22:13:20.123');
    expect(formatClockTime(1_700_000_000_123_000_000n, 'America/New_York')).toBe('17:13:20.123');
    expect(formatClockTime(1_700_000_000_123_000_000n, 'Asia/Tokyo')).toBe('07:13:20.123');
  });

  it('shouldFallBackToLocalTimeForAZoneItDoesNotKnow', () => {
    expect(formatClockTime(1_700_000_000_000_000_000n, 'Mars/Olympus')).toBe('22:13:20.000');
  });

  it('shouldFindTheTradingDayAndItsStartInTheExchangesZone', () => {
    const ms = 1_700_000_000_000; // Tuesday 22:13 UTC = 17:13 in New York, Wednesday 07:13 in Tokyo
    expect(zonedDay(ms, 'America/New_York')).toEqual({ key: '2023-11-14', startMs: Date.UTC(2023, 10, 14, 5) });
    expect(zonedDay(ms, 'Asia/Tokyo')).toEqual({ key: '2023-11-15', startMs: Date.UTC(2023, 10, 14, 15) });
    // a day of 23 hours: New York springs forward on 2024-03-10
    expect(zonedDay(Date.UTC(2024, 2, 10, 12), 'America/New_York')).toEqual({ key: '2024-03-10', startMs: Date.UTC(2024, 2, 10, 5) });
  });

  it('shouldRecomputeTheDayOnlyWhenATimestampLeavesIt', () => {
    const clock = new DayClock('Europe/London');
    const monday = Date.UTC(2023, 10, 13, 9);
    expect(clock.dayOf(monday).key).toBe('2023-11-13');
    expect(clock.dayOf(monday + 14 * 3_600_000).key).toBe('2023-11-13'); // 23:00
    expect(clock.dayOf(monday + 15 * 3_600_000).key).toBe('2023-11-14'); // past midnight
  });
});

describe('the page\'s one date-time format', () => {
  it('shouldReadBackTheFormatThePageShowsTimesIn', () => {
    const ms = Date.UTC(2026, 10, 20, 14, 30, 5);
    expect(formatDateTime(ms, 'America/New_York')).toBe('2026-11-20 09:30:05');
    expect(parseDateTimeInput('2026-11-20 09:30:05', 'America/New_York')).toBe(ms);
    expect(parseDateTimeInput(' 2026-11-20T09:30:05 ', 'America/New_York')).toBe(ms);
    expect(parseDateTimeInput('11/20/2026, 09:30:05 AM', 'America/New_York')).toBeUndefined();
  });
});
