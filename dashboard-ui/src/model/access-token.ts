/**
 * The signed-in user's access token: kept in sessionStorage (gone with the tab, never in a URL),
 * read for who it names, until when it holds and which symbols it entitles, so the page can show
 * them and ask again before it runs out. The server checks the signature; the page only reads the
 * claims to explain itself.
 */

export const TOKEN_STORAGE_KEY = 'ticker.token';
/** Ask for a new token this long before the old one expires (half its life for a shorter one). */
export const RENEW_BEFORE_MS = 60_000;

export interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface AccessToken {
  readonly raw: string;
  readonly subject: string;
  /** Epoch milliseconds. */
  readonly expiresAtMs: number;
  /** Epoch milliseconds (`iat`), when the token says. */
  readonly issuedAtMs?: number;
  /** Symbols and patterns (`*` = any run of characters) the token names. */
  readonly symbols: readonly string[];
  /** Instrument groups (`sector:…`, `currency:…`): the page cannot judge them, the server does. */
  readonly groups: readonly string[];
  readonly replay: boolean;
}

/** The token's claims, or undefined when it is not a JWT with `sub` and `exp`. */
export function parseToken(raw: string): AccessToken | undefined {
  const parts = raw.trim().split('.');
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(base64UrlDecode(parts[1]));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const body = claims as Record<string, unknown>;
  if (typeof body['sub'] !== 'string' || typeof body['exp'] !== 'number') return undefined;
  const ticker = typeof body['ticker'] === 'object' && body['ticker'] !== null ? (body['ticker'] as Record<string, unknown>) : {};
  return {
    raw: raw.trim(),
    subject: body['sub'],
    expiresAtMs: body['exp'] * 1000,
    ...(typeof body['iat'] === 'number' ? { issuedAtMs: body['iat'] * 1000 } : {}),
    symbols: strings(ticker['symbols']),
    groups: strings(ticker['groups']),
    replay: ticker['replay'] === true,
  };
}

export function loadToken(store: TokenStore | undefined): AccessToken | undefined {
  try {
    const raw = store?.getItem(TOKEN_STORAGE_KEY);
    return raw === null || raw === undefined ? undefined : parseToken(raw);
  } catch {
    return undefined; // storage blocked by the browser
  }
}

export function saveToken(store: TokenStore | undefined, token: AccessToken): void {
  try {
    store?.setItem(TOKEN_STORAGE_KEY, token.raw);
  } catch {
    // blocked storage: the token holds for this page only
  }
}

export function forgetToken(store: TokenStore | undefined): void {
  try {
    store?.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // nothing kept
  }
}

export function isExpired(token: AccessToken, nowMs: number): boolean {
  return nowMs >= token.expiresAtMs;
}

/**
 * When to ask for a new token, epoch ms: a minute before the expiry, or half-way through the life
 * of a token that lives less than two minutes (so the user has time to get one).
 */
export function renewAtMs(token: AccessToken): number {
  const life = token.issuedAtMs === undefined ? Number.POSITIVE_INFINITY : token.expiresAtMs - token.issuedAtMs;
  return token.expiresAtMs - Math.min(RENEW_BEFORE_MS, Math.max(0, life / 2));
}

/**
 * Why `fresh` cannot replace `current` on an open connection, or undefined when it can: the
 * server keeps a connection to one subject, and a token that expires no later gains nothing.
 */
export function renewalRefusal(current: AccessToken, fresh: AccessToken | undefined, nowMs: number): string | undefined {
  if (fresh === undefined) return 'That is not an access token: paste all of it';
  if (isExpired(fresh, nowMs)) return 'That token has expired: ask for a new one';
  if (fresh.subject !== current.subject) return `That token is for ${fresh.subject}; this session is ${current.subject}'s`;
  if (fresh.expiresAtMs <= current.expiresAtMs) return 'That token expires no later than the one in use: ask for a new one';
  return undefined;
}

/**
 * Why the symbol is not entitled, or undefined when it is (or the page cannot tell: a token with
 * groups is judged by the server, which leaves such symbols out and says so).
 */
export function notEntitledReason(token: AccessToken | undefined, symbol: string): string | undefined {
  if (token === undefined || token.groups.length > 0) return undefined;
  if (token.symbols.some((pattern) => matches(pattern, symbol))) return undefined;
  return `Not entitled: ${token.subject}'s token covers ${token.symbols.length === 0 ? 'no symbols' : token.symbols.join(', ')}`;
}

/** `*` stands for any run of characters; everything else compares exactly. */
export function matches(pattern: string, symbol: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === symbol;
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!symbol.startsWith(first) || symbol.length < first.length + last.length || !symbol.endsWith(last)) return false;
  let from = first.length;
  for (const part of parts.slice(1, -1)) {
    const at = symbol.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return from <= symbol.length - last.length;
}

/** The WebSocket subprotocols that carry the token: the server answers with `ticker` alone. */
export function webSocketProtocols(token: AccessToken | undefined): string[] | undefined {
  return token === undefined ? undefined : ['ticker', `bearer.${token.raw}`];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function base64UrlDecode(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
