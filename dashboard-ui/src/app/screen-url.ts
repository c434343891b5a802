/**
 * The live screen in the page's address, so that a link opens the same screen:
 * `?symbol=AAPL&interval=5m&layout=2!5m~vwap_volume,1h~sma~MSFT` — the selected symbol, the active
 * pane's interval and the chart layout (see model/layout.ts; a replay adds its own parameters, see
 * replay-url.ts). A link with only `symbol` and `interval` sets the interval of the active pane.
 */
import { formatLayoutParam, parseLayoutParam, withInterval, type Layout } from '../model/layout.js';
import { intervalByKey } from '../protocol/intervals.js';

export interface ScreenLink {
  readonly symbol?: string;
  readonly layout?: Layout;
}

const SYMBOL = /^[A-Za-z0-9._:\-/]{1,32}$/;

/** The screen a query string asks for, on top of `base`; a parameter that is not valid is left out. */
export function parseScreenLink(search: string, base: Layout): ScreenLink {
  const params = new URLSearchParams(search);
  const symbol = params.get('symbol');
  const interval = intervalByKey(params.get('interval') ?? '')?.key;
  const layoutText = params.get('layout');
  const layout =
    layoutText !== null ? parseLayoutParam(layoutText, base) : interval !== undefined ? withInterval(base, base.active, interval) : undefined;
  return {
    ...(symbol !== null && SYMBOL.test(symbol) ? { symbol } : {}),
    ...(layout !== undefined ? { layout } : {}),
  };
}

/** The query string with the screen written in; other parameters are kept. */
export function formatScreenLink(search: string, link: ScreenLink): string {
  const params = new URLSearchParams(search);
  params.delete('symbol');
  params.delete('interval');
  params.delete('layout');
  if (link.symbol !== undefined) params.set('symbol', link.symbol);
  const layout = link.layout;
  if (layout !== undefined) {
    const interval = layout.panes[layout.active]?.interval;
    if (interval !== undefined) params.set('interval', interval);
    params.set('layout', formatLayoutParam(layout));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
