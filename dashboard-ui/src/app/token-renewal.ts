/**
 * Keeps a signed-in page connected past its token's expiry. The token comes from the user (or
 * their identity provider): the page cannot make one, so before the token runs out it asks for a
 * new one, and hands it to the open connection with RefreshToken, to the /api requests and to the
 * next handshake, without a reload. A token the server refuses (INVALID_TOKEN) is asked for again
 * with the server's reason; after the server closed for expiry (4001) the page signs in again.
 */
import type { Clock } from '../connection/clock.js';
import { ErrorCode, type Error as ErrorMessage } from '../gen/ticker/v1/stream_pb.js';
import {
  forgetToken,
  parseToken,
  renewalRefusal,
  renewAtMs,
  saveToken,
  type AccessToken,
  type TokenStore,
} from '../model/access-token.js';
import { encodeRefreshToken } from '../protocol/codec.js';
import { formatHms } from '../view/time.js';

/** RefreshToken request ids, apart from subscription and replay ids. */
const FIRST_REQUEST_ID = 2_000_000;

export interface TokenRenewalOptions {
  readonly clock: Clock;
  /** Epoch milliseconds. */
  readonly wallNow: () => number;
  readonly store: TokenStore | undefined;
  /** Sends a client message on the open connection; false when there is none. */
  readonly send: (bytes: Uint8Array) => boolean;
  /** Asks the user for a token, saying why. */
  readonly ask: (message: string) => void;
  /** Shows who is signed in, until when. */
  readonly signedIn: (token: AccessToken) => void;
  /** Starts the page again signed in with `token` (after the connection was closed for expiry). */
  readonly restart: () => void;
}

export class TokenRenewal {
  private token: AccessToken;
  private timer: number | undefined;
  private nextRequestId = FIRST_REQUEST_ID;
  /** The refresh awaiting the server's word (no answer is an acceptance), with the token it replaced. */
  private sent: { readonly id: number; readonly previous: AccessToken } | undefined;
  private expired = false;
  /** Tokens handed to the connection (browser tests). */
  refreshes = 0;

  constructor(
    private readonly options: TokenRenewalOptions,
    token: AccessToken,
  ) {
    this.token = token;
    this.schedule();
  }

  /** The token in use: for the /api requests and the next handshake. */
  get current(): AccessToken {
    return this.token;
  }

  /** A token the user gave: refused with the reason, or put in use. */
  submit(raw: string): void {
    const fresh = parseToken(raw);
    if (this.expired) {
      // the connection is gone: sign in again from the start with the new token
      if (fresh === undefined) {
        this.options.ask('That is not an access token: paste all of it');
        return;
      }
      saveToken(this.options.store, fresh);
      this.options.restart();
      return;
    }
    const refusal = renewalRefusal(this.token, fresh, this.options.wallNow());
    if (refusal !== undefined || fresh === undefined) {
      this.options.ask(refusal ?? 'That is not an access token');
      return;
    }
    const id = this.nextRequestId++;
    const previous = this.token;
    this.token = fresh;
    saveToken(this.options.store, fresh);
    // with no connection open, the next handshake carries the new token
    if (this.options.send(encodeRefreshToken(id, fresh.raw))) this.sent = { id, previous };
    this.refreshes++;
    this.options.signedIn(fresh);
    this.schedule();
  }

  /** An Error from the server; true when it refuses this page's refresh. */
  onServerError(error: ErrorMessage): boolean {
    const sent = this.sent;
    if (error.code !== ErrorCode.INVALID_TOKEN || sent === undefined || error.requestId !== sent.id) return false;
    this.sent = undefined;
    // the connection keeps the token it had
    this.token = sent.previous;
    saveToken(this.options.store, sent.previous);
    // the question stays on screen until another token comes
    this.cancel();
    this.options.ask(`The server refused the new token (${error.message}): paste another`);
    return true;
  }

  /** The server closed the connection because the token expired. */
  onExpiredClose(): void {
    this.expired = true;
    this.cancel();
    forgetToken(this.options.store);
    this.options.ask('Your session expired: paste a new token to go on');
  }

  private schedule(): void {
    this.cancel();
    const inMs = Math.max(0, renewAtMs(this.token) - this.options.wallNow());
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      const until = formatHms(this.token.expiresAtMs);
      this.options.ask(`Your session ends at ${until}: paste a new token to stay connected`);
    }, inMs);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
