/** The dashboard page: wires the stream connection, the market model and the views. */
import './styles.css';
import { resolveFeedUrl } from './app/feed-url.js';
import { createMarketFeed } from './app/market-feed.js';
import { browserClock } from './connection/clock.js';
import type { ConnectionState } from './connection/feed-connection.js';
import { webSocketTransport } from './connection/transport.js';
import { MarketModel } from './model/market-model.js';
import { FrameScheduler } from './view/frame-scheduler.js';
import { QuoteTable } from './view/quote-table.js';
import { StatusBar } from './view/status-bar.js';

/** How often the status line refreshes while nothing arrives (countdowns, tick rate). */
const STATUS_REFRESH_MS = 250;

function required<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`the page has no #${id}`);
  }
  return element;
}

const model = new MarketModel({ now: () => browserClock.now() });
const table = new QuoteTable(required('quotes', HTMLTableElement));
const statusBar = new StatusBar(required('status', HTMLElement));
let connectionState: ConnectionState = { kind: 'connecting', attempt: 0 };

// Messages only update the model; the DOM is written once per animation frame.
const frames = new FrameScheduler(() => {
  table.render(model);
  statusBar.render(model, connectionState, browserClock.now());
});

const feed = createMarketFeed({
  url: resolveFeedUrl(window.location),
  model,
  transport: webSocketTransport,
  clock: browserClock,
  onChange: (state) => {
    connectionState = state;
    frames.schedule();
  },
});

feed.start();
frames.schedule();
window.setInterval(() => frames.schedule(), STATUS_REFRESH_MS);
