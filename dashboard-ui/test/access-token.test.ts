import { describe, expect, it } from 'vitest';
import {
  forgetToken,
  isExpired,
  loadToken,
  matches,
  notEntitledReason,
  parseToken,
  saveToken,
  TOKEN_STORAGE_KEY,
  webSocketProtocols,
} from '../src/model/access-token.js';
import { MemoryStore } from './support.js';

function token(claims: object): string {
  const encode = (value: object) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
}

describe('access token', () => {
  const raw = token({ sub: 'alice', exp: 2_000_000_000, ticker: { symbols: ['AAPL', '*.DE'], replay: true } });

  it('should read who the token names, until when and what it entitles', () => {
    const parsed = parseToken(raw);
    expect(parsed?.subject).toBe('alice');
    expect(parsed?.expiresAtMs).toBe(2_000_000_000_000);
    expect(parsed?.symbols).toEqual(['AAPL', '*.DE']);
    expect(parsed?.replay).toBe(true);
  });

  it('should refuse text that is not a token with a subject and an expiry', () => {
    expect(parseToken('not a token')).toBeUndefined();
    expect(parseToken(token({ sub: 'alice' }))).toBeUndefined();
    expect(parseToken('a.!!!.c')).toBeUndefined();
  });

  it('should keep the token in the store and forget it on sign-out', () => {
    const store = new MemoryStore();
    const parsed = parseToken(raw)!;
    saveToken(store, parsed);
    expect(store.getItem(TOKEN_STORAGE_KEY)).toBe(raw);
    expect(loadToken(store)?.subject).toBe('alice');
    forgetToken(store);
    expect(loadToken(store)).toBeUndefined();
  });

  it('should grey the symbols the token does not name, with the reason', () => {
    const parsed = parseToken(raw);
    expect(notEntitledReason(parsed, 'AAPL')).toBeUndefined();
    expect(notEntitledReason(parsed, 'SAP.DE')).toBeUndefined();
    expect(notEntitledReason(parsed, 'MSFT')).toBe("Not entitled: alice's token covers AAPL, *.DE");
    expect(notEntitledReason(undefined, 'MSFT')).toBeUndefined();
    expect(notEntitledReason(parseToken(token({ sub: 'a', exp: 1, ticker: { groups: ['sector:Energy'] } })), 'MSFT')).toBeUndefined();
  });

  it('should match patterns as the server does', () => {
    expect(matches('*.DE', 'SAP.DE')).toBe(true);
    expect(matches('*.DE', 'SAP.DEX')).toBe(false);
    expect(matches('EUR*', 'EURUSD')).toBe(true);
    expect(matches('AA*AA', 'AAA')).toBe(false);
    expect(matches('*', 'X')).toBe(true);
  });

  it('should offer the token as a subprotocol beside the protocol name and tell an expired one', () => {
    const parsed = parseToken(raw)!;
    expect(webSocketProtocols(parsed)).toEqual(['ticker', `bearer.${raw}`]);
    expect(webSocketProtocols(undefined)).toBeUndefined();
    expect(isExpired(parsed, 2_000_000_000_000)).toBe(true);
    expect(isExpired(parsed, 1_999_999_999_999)).toBe(false);
  });
});
