import { create, fromBinary } from '@bufbuild/protobuf';
import { beforeEach, describe, expect, it } from 'vitest';
import { TokenRenewal } from '../src/app/token-renewal.js';
import { ClientMessageSchema, ErrorCode, ErrorSchema, type ClientMessage } from '../src/gen/ticker/v1/stream_pb.js';
import { parseToken, renewAtMs, TOKEN_STORAGE_KEY, type AccessToken } from '../src/model/access-token.js';
import { ManualClock, MemoryStore } from './support.js';

/** Epoch ms the test starts at; the manual clock's 0. */
const T0 = Date.UTC(2026, 11, 5, 9, 0);

function raw(subject: string, issuedAtMs: number, expiresAtMs: number): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: subject, iat: issuedAtMs / 1000, exp: expiresAtMs / 1000, ticker: { symbols: ['AAPL'] } })}.c2ln`;
}

function token(subject: string, issuedAtMs: number, expiresAtMs: number): AccessToken {
  const parsed = parseToken(raw(subject, issuedAtMs, expiresAtMs));
  if (parsed === undefined) throw new Error('not a token');
  return parsed;
}

describe('token renewal', () => {
  let clock: ManualClock;
  let store: MemoryStore;
  let sent: ClientMessage[];
  let asked: string[];
  let shown: AccessToken[];
  let restarts: number;
  let connected: boolean;
  let renewal: TokenRenewal;
  /** A token of 40 s: asked for again half-way, at 20 s. */
  const short = token('alice', T0, T0 + 40_000);

  beforeEach(() => {
    clock = new ManualClock();
    store = new MemoryStore();
    sent = [];
    asked = [];
    shown = [];
    restarts = 0;
    connected = true;
    renewal = new TokenRenewal(
      {
        clock,
        wallNow: () => T0 + clock.now(),
        store,
        send: (bytes) => {
          if (connected) sent.push(fromBinary(ClientMessageSchema, bytes));
          return connected;
        },
        ask: (message) => asked.push(message),
        signedIn: (t) => shown.push(t),
        restart: () => restarts++,
      },
      short,
    );
  });

  it('shouldAskForANewTokenAMinuteBeforeExpiryOrHalfWayThroughAShortLife', () => {
    expect(renewAtMs(token('alice', T0, T0 + 3_600_000))).toBe(T0 + 3_540_000);
    expect(renewAtMs(token('alice', T0, T0 + 40_000))).toBe(T0 + 20_000);
    clock.advance(19_999);
    expect(asked).toEqual([]);
    clock.advance(1);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^Your session ends at .*: paste a new token to stay connected$/);
  });

  it('shouldHandTheNewTokenToTheOpenConnectionWithRefreshTokenWithoutRestarting', () => {
    clock.advance(20_000);
    const fresh = raw('alice', T0 + 20_000, T0 + 3_620_000);
    renewal.submit(fresh);

    expect(sent).toHaveLength(1);
    const body = sent[0]?.body;
    expect(body?.case).toBe('refreshToken');
    if (body?.case !== 'refreshToken') return;
    expect(body.value.token).toBe(fresh);
    expect(renewal.current.raw).toBe(fresh);
    expect(store.getItem(TOKEN_STORAGE_KEY)).toBe(fresh);
    expect(shown.map((t) => t.expiresAtMs)).toEqual([T0 + 3_620_000]);
    expect([restarts, renewal.refreshes]).toEqual([0, 1]);
    // asked again a minute before the new expiry, not at the old one
    clock.advance(3_000_000);
    expect(asked).toHaveLength(1);
    clock.advance(540_000);
    expect(asked).toHaveLength(2);
  });

  it('shouldRefuseATokenOfAnotherSubjectOrNoLaterExpiryWithoutSendingIt', () => {
    renewal.submit(raw('bob', T0, T0 + 3_600_000));
    renewal.submit(raw('alice', T0, T0 + 40_000));
    renewal.submit('not a token');
    expect(sent).toEqual([]);
    expect(asked).toEqual([
      "That token is for bob; this session is alice's",
      'That token expires no later than the one in use: ask for a new one',
      'That is not an access token: paste all of it',
    ]);
    expect(renewal.current).toBe(short);
  });

  it('shouldKeepTheOldTokenAndAskAgainWithTheServersReasonWhenItRefusesTheNewOne', () => {
    renewal.submit(raw('alice', T0, T0 + 3_600_000));
    const body = sent[0]?.body;
    if (body?.case !== 'refreshToken') throw new Error('no RefreshToken sent');
    const refused = renewal.onServerError(create(ErrorSchema, { code: ErrorCode.INVALID_TOKEN, message: 'token refused: bad signature', requestId: body.value.requestId }));

    expect(refused).toBe(true);
    expect(renewal.current).toBe(short);
    expect(store.getItem(TOKEN_STORAGE_KEY)).toBe(short.raw);
    expect(asked).toEqual(['The server refused the new token (token refused: bad signature): paste another']);
    // another request's error is not this one's
    expect(renewal.onServerError(create(ErrorSchema, { code: ErrorCode.INVALID_TOKEN, message: 'x', requestId: 7 }))).toBe(false);
  });

  it('shouldUseTheNewTokenAtTheNextHandshakeWhenNoConnectionIsOpen', () => {
    connected = false;
    const fresh = raw('alice', T0, T0 + 3_600_000);
    renewal.submit(fresh);
    expect(renewal.current.raw).toBe(fresh);
    expect(store.getItem(TOKEN_STORAGE_KEY)).toBe(fresh);
  });

  it('shouldSignInAgainFromTheStartAfterTheServerClosedForExpiry', () => {
    clock.advance(40_000);
    renewal.onExpiredClose();
    expect(asked.at(-1)).toBe('Your session expired: paste a new token to go on');
    expect(store.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    const fresh = raw('alice', T0 + 40_000, T0 + 3_640_000);
    renewal.submit(fresh);
    expect([restarts, sent.length]).toEqual([1, 0]);
    expect(store.getItem(TOKEN_STORAGE_KEY)).toBe(fresh);
  });
});
