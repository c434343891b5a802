/** Where the dashboard finds the stream. */

/** The parts of `window.location` the URL is derived from. */
export interface PageLocation {
  readonly protocol: string;
  readonly host: string;
  readonly search: string;
}

/** The server's WebSocket path. */
export const FEED_PATH = '/ws';

/**
 * `ws(s)://<page host>/ws`, the secure scheme on an https page. A `?ws=` parameter overrides it:
 * a full URL (`ws://host:8080/ws`, `http(s)://` is turned into `ws(s)://`), a path on the page's
 * host (`/other/ws`), or a bare `host:port` (the path `/ws` is added).
 */
export function resolveFeedUrl(location: PageLocation): string {
  const secure = location.protocol === 'https:';
  const scheme = secure ? 'wss:' : 'ws:';
  const override = new URLSearchParams(location.search).get('ws')?.trim() ?? '';
  if (override === '') {
    return `${scheme}//${location.host}${FEED_PATH}`;
  }
  const absolute = /^([a-z][a-z0-9+.-]*):\/\//i.exec(override);
  if (absolute !== null) {
    const given = (absolute[1] ?? '').toLowerCase();
    if (given === 'http' || given === 'https') {
      return (given === 'https' ? 'wss' : 'ws') + override.slice(given.length);
    }
    return override;
  }
  if (override.startsWith('/')) {
    return `${scheme}//${location.host}${override}`;
  }
  return `${scheme}//${override}${override.includes('/') ? '' : FEED_PATH}`;
}
