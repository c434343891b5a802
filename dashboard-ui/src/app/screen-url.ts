/**
 * The live screen in the page's address, so that a link opens the same chart:
 * `?symbol=AAPL&interval=5m` (a replay adds its own parameters, see replay-url.ts).
 */
import { intervalByKey, type IntervalKey } from '../protocol/intervals.js';

export interface ScreenLink {
  readonly symbol?: string;
  readonly interval?: IntervalKey;
}

const SYMBOL = /^[A-Za-z0-9._:\-/]{1,32}$/;

/** The chart a query string asks for; a parameter that is not valid is left out. */
export function parseScreenLink(search: string): ScreenLink {
  const params = new URLSearchParams(search);
  const symbol = params.get('symbol');
  const interval = intervalByKey(params.get('interval') ?? '')?.key;
  return {
    ...(symbol !== null && SYMBOL.test(symbol) ? { symbol } : {}),
    ...(interval !== undefined ? { interval } : {}),
  };
}

/** The query string with the chart written in; other parameters are kept. */
export function formatScreenLink(search: string, link: ScreenLink): string {
  const params = new URLSearchParams(search);
  params.delete('symbol');
  params.delete('interval');
  if (link.symbol !== undefined) params.set('symbol', link.symbol);
  if (link.interval !== undefined) params.set('interval', link.interval);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
