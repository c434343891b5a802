import { describe, expect, it } from 'vitest';
import { formatScreenLink, parseScreenLink } from '../src/app/screen-url.js';

describe('screen link', () => {
  it('shouldReadTheChartOfALink', () => {
    expect(parseScreenLink('?symbol=AAPL&interval=5m')).toEqual({ symbol: 'AAPL', interval: '5m' });
    expect(parseScreenLink('?symbol=AAPL')).toEqual({ symbol: 'AAPL' });
    expect(parseScreenLink('?symbol=%3Cb%3E&interval=7m')).toEqual({});
    expect(parseScreenLink('')).toEqual({});
  });

  it('shouldWriteTheChartKeepingTheOtherParameters', () => {
    expect(formatScreenLink('?hooks=1&replay=2026-11-20T14:30:00Z', { symbol: 'MSFT', interval: '1m' })).toBe('?hooks=1&replay=2026-11-20T14%3A30%3A00Z&symbol=MSFT&interval=1m');
    expect(formatScreenLink('?symbol=AAPL&interval=1m', {})).toBe('');
  });
});
