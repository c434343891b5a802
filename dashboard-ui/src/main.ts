/** The dashboard page's entry: finds its elements, picks the stream, starts the dashboard. */
import './styles.css';
import { Dashboard } from './app/dashboard.js';
import { resolveFeedUrl } from './app/feed-url.js';
import { installHooks } from './app/test-hooks.js';
import { browserClock } from './connection/clock.js';
import { webSocketTransport, type TransportFactory } from './connection/transport.js';

function required<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`the page has no #${id}`);
  }
  return element;
}

async function main(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const bench = params.get('bench');
  let transport: TransportFactory = webSocketTransport;
  let benchSymbols: number | undefined;
  if (bench !== null) {
    // a synthetic feed of real protobuf frames from a worker, for the browser benchmark
    const { benchTransport, parseBenchSpec } = await import('./bench/bench-transport.js');
    const spec = parseBenchSpec(bench);
    benchSymbols = spec.symbols;
    transport = benchTransport(spec);
  }
  let storage: Storage | undefined;
  try {
    storage = bench === null ? window.localStorage : undefined;
  } catch {
    storage = undefined;
  }
  const dashboard = new Dashboard({
    elements: {
      search: required('search', HTMLElement),
      watchlist: required('watchlist-table', HTMLTableElement),
      chart: required('chart', HTMLElement),
      tape: required('tape', HTMLElement),
      status: required('status', HTMLElement),
      banner: required('stale-banner', HTMLElement),
      replay: required('replay', HTMLElement),
      replayBanner: required('replay-banner', HTMLElement),
      alerts: required('alerts', HTMLElement),
      alertBanner: required('alert-banner', HTMLElement),
      theme: required('theme-toggle', HTMLButtonElement),
    },
    feedUrl: resolveFeedUrl(window.location),
    baseUrl: window.location.href,
    transport,
    clock: browserClock,
    wallNow: () => Date.now(),
    fetch: (url) => window.fetch(url, { headers: { accept: 'application/json' } }),
    storage,
    noCatalogue: bench !== null,
    location: {
      get search() {
        return window.location.search;
      },
      replace: (search) => window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`),
    },
    ...(benchSymbols !== undefined ? { defaultWatchlistSize: benchSymbols } : {}),
  });
  if (params.get('hooks') === '1' || bench !== null) {
    installHooks(dashboard);
  }
  await dashboard.start();
}

void main();
