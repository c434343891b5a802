import { describe, expect, it } from 'vitest';
import { formatScreenLink, parseScreenLink } from '../src/app/screen-url.js';
import { DEFAULT_LAYOUT, withActive, withCount, withInterval, withPinToggled } from '../src/model/layout.js';

describe('screen link', () => {
  it('shouldReadTheChartOfALinkIntoTheActivePane', () => {
    expect(parseScreenLink('?symbol=AAPL&interval=5m', DEFAULT_LAYOUT)).toEqual({ symbol: 'AAPL', layout: withInterval(DEFAULT_LAYOUT, 0, '5m') });
    const second = withActive(withCount(DEFAULT_LAYOUT, 2), 1);
    expect(parseScreenLink('?interval=1h', second).layout?.panes[1]?.interval).toBe('1h');
    expect(parseScreenLink('?symbol=AAPL', DEFAULT_LAYOUT)).toEqual({ symbol: 'AAPL' });
    expect(parseScreenLink('?symbol=%3Cb%3E&interval=7m', DEFAULT_LAYOUT)).toEqual({});
    expect(parseScreenLink('', DEFAULT_LAYOUT)).toEqual({});
  });

  it('shouldWriteTheScreenKeepingTheOtherParametersAndReadItBack', () => {
    const layout = withPinToggled(withInterval(withCount(DEFAULT_LAYOUT, 4), 0, '15m'), 2, 'MSFT');
    const text = formatScreenLink('?hooks=1&replay=2026-11-20T14:30:00Z', { symbol: 'NVDA', layout });
    expect(text).toBe('?hooks=1&replay=2026-11-20T14%3A30%3A00Z&symbol=NVDA&interval=15m&layout=4%2115m%7Evwap_volume%2C5s%7Evwap_volume%2C5m%7Evwap_volume%7EMSFT%2C1h%7Evwap_volume');
    expect(parseScreenLink(text, DEFAULT_LAYOUT)).toEqual({ symbol: 'NVDA', layout });
    expect(formatScreenLink('?symbol=AAPL&interval=1m&layout=1!1m~', {})).toBe('');
  });
});
