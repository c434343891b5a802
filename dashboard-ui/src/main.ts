/** The dashboard page's entry: finds its elements, picks the stream, starts the dashboard. */
import './styles.css';
import { Dashboard } from './app/dashboard.js';
import { resolveFeedUrl } from './app/feed-url.js';
import { installHooks } from './app/test-hooks.js';
import { browserClock } from './connection/clock.js';
import { webSocketTransportWith, type TransportFactory } from './connection/transport.js';
import {
  forgetToken,
  isExpired,
  loadToken,
  notEntitledReason,
  parseToken,
  saveToken,
  webSocketProtocols,
  type AccessToken,
  type TokenStore,
} from './model/access-token.js';
import { TokenRenewal } from './app/token-renewal.js';
import type { Error as ServerError } from './gen/ticker/v1/stream_pb.js';
import { SignInView } from './view/sign-in-view.js';
import { formatHms } from './view/time.js';

/** The WebSocket close code of a connection whose token expired. */
const CLOSE_TOKEN_EXPIRED = 4001;

function required<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`the page has no #${id}`);
  }
  return element;
}

/** sessionStorage, or nothing when the browser blocks it. */
function sessionStore(): TokenStore | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** What signing in gave: the token to use now (or none), and what keeps it fresh. */
interface SignedIn {
  readonly token: () => AccessToken | undefined;
  readonly renewal: TokenRenewal | undefined;
}

/**
 * Signs in when the server asks for a token (its /api answers 401): shows who is signed in, asks
 * for a new token before this one runs out and hands it to the open connection (TokenRenewal),
 * asks again after the server closes for expiry, and greys the watchlist's symbols the token does
 * not cover. Resolves with the token to use (or none), or undefined when the page must wait for a
 * sign-in. `send` reaches the connection once it exists.
 */
async function signIn(store: TokenStore | undefined, send: (bytes: Uint8Array) => boolean): Promise<SignedIn | undefined> {
  let token = loadToken(store);
  let renewal: TokenRenewal | undefined;
  const view = new SignInView(required('sign-in', HTMLElement), {
    onSignIn: (raw) => {
      if (renewal !== undefined) {
        renewal.submit(raw);
        return;
      }
      const parsed = parseToken(raw);
      if (parsed === undefined) {
        view.askForToken('That is not an access token: paste all of it');
      } else if (isExpired(parsed, Date.now())) {
        view.askForToken('That token has expired: ask for a new one');
      } else {
        saveToken(store, parsed);
        window.location.reload();
      }
    },
    onSignOut: () => {
      forgetToken(store);
      window.location.reload();
    },
  });
  if (token !== undefined && isExpired(token, Date.now())) {
    forgetToken(store);
    token = undefined;
  }
  const probe = await window
    .fetch(new URL('api/instruments', window.location.href).toString(), {
      headers: token === undefined ? { accept: 'application/json' } : { accept: 'application/json', authorization: `Bearer ${token.raw}` },
    })
    .catch(() => undefined);
  if (probe?.status === 401) {
    forgetToken(store);
    view.askForToken(token === undefined ? 'This server needs an access token' : 'The server refused the token: sign in again');
    return undefined;
  }
  if (token === undefined) return { token: () => undefined, renewal: undefined };
  const showSignedIn = (shown: AccessToken): void => view.showSignedIn(shown, formatHms(shown.expiresAtMs));
  showSignedIn(token);
  renewal = new TokenRenewal(
    {
      clock: browserClock,
      wallNow: () => Date.now(),
      store,
      send,
      ask: (message) => view.askForToken(message),
      signedIn: showSignedIn,
      restart: () => window.location.reload(),
    },
    token,
  );
  greyNotEntitled(required('watchlist-table', HTMLTableElement), () => renewal?.current);
  const kept = renewal;
  return { token: () => kept.current, renewal: kept };
}

/** Marks the watchlist's rows whose symbol the token does not cover, whenever rows are drawn. */
function greyNotEntitled(table: HTMLTableElement, token: () => AccessToken | undefined): void {
  const mark = (): void => {
    for (const row of table.querySelectorAll<HTMLTableRowElement>('tr[data-symbol]')) {
      const reason = notEntitledReason(token(), row.dataset['symbol'] ?? '');
      row.classList.toggle('not-entitled', reason !== undefined);
      if (reason !== undefined) row.title = reason;
    }
  };
  new MutationObserver(mark).observe(table, { childList: true, subtree: true });
  mark();
}

async function main(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const bench = params.get('bench');
  const tokenStore = bench === null ? sessionStore() : undefined;
  let send: (bytes: Uint8Array) => boolean = () => false;
  const access: SignedIn | undefined = bench === null ? await signIn(tokenStore, (bytes) => send(bytes)) : { token: () => undefined, renewal: undefined };
  if (access === undefined) {
    return; // waits for a token; signing in reloads the page
  }
  const token = access.token;
  const socket = webSocketTransportWith(() => webSocketProtocols(token()));
  let transport: TransportFactory = (url, handlers) =>
    socket(url, {
      ...handlers,
      onClose: (code, reason) => {
        if (code === CLOSE_TOKEN_EXPIRED) access.renewal?.onExpiredClose();
        handlers.onClose(code, reason);
      },
    });
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
    fetch: (url) => {
      const current = token();
      return window.fetch(url, {
        headers: current === undefined ? { accept: 'application/json' } : { accept: 'application/json', authorization: `Bearer ${current.raw}` },
      });
    },
    storage,
    noCatalogue: bench !== null,
    location: {
      get search() {
        return window.location.search;
      },
      replace: (search) => window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`),
    },
    ...(benchSymbols !== undefined ? { defaultWatchlistSize: benchSymbols } : {}),
    ...(access.renewal !== undefined ? { onServerError: (error: ServerError) => void access.renewal?.onServerError(error) } : {}),
  });
  send = (bytes) => dashboard.session.sendRaw(bytes);
  if (params.get('hooks') === '1' || bench !== null) {
    installHooks(dashboard);
  }
  await dashboard.start();
}

void main();
