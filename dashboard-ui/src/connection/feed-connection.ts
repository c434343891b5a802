/**
 * One logical connection to the market-data stream, kept up across socket failures: it opens the
 * socket, watches that the server's heartbeats keep arriving, and reconnects with backoff when the
 * socket closes or goes silent.
 */
import type { Backoff } from './backoff.js';
import type { Clock } from './clock.js';
import type { Transport, TransportFactory } from './transport.js';

export type ConnectionState =
  /**
   * A socket is opening, or open and waiting for the server's first message. `attempt` counts
   * the retries since the last connection that worked (0: the first try).
   */
  | { readonly kind: 'connecting'; readonly attempt: number }
  /** Heartbeats are arriving. */
  | { readonly kind: 'live' }
  /** The socket is open but no heartbeat has arrived for longer than the stale limit. */
  | { readonly kind: 'stale'; readonly lastMessageAtMs: number }
  /** No socket; the next attempt is at `retryAtMs` (on the connection's clock). */
  | {
      readonly kind: 'disconnected';
      readonly retryAtMs: number;
      readonly code: number;
      readonly reason: string;
    };

export interface FeedConnectionOptions {
  readonly url: string;
  readonly transport: TransportFactory;
  readonly clock: Clock;
  readonly backoff: Backoff;
  /** Time without a heartbeat after which the connection is stale (the server beats every ~1 s). */
  readonly staleAfterMs?: number;
  /** Time without a heartbeat after which the socket is given up and a new one opened. */
  readonly deadAfterMs?: number;
  /** The socket is open: subscribe here. */
  readonly onOpen: (send: (bytes: Uint8Array) => void) => void;
  readonly onMessage: (bytes: Uint8Array) => void;
  readonly onState: (state: ConnectionState) => void;
}

/** Close code sent when the connection gives up on a silent socket. */
export const CLOSE_SILENT = 4000;

/** Close code of a connection dropped on purpose (e.g. by a test), to see it recover. */
export const CLOSE_DROPPED = 4001;

export class FeedConnection {
  private readonly staleAfterMs: number;
  private readonly deadAfterMs: number;
  private transport: Transport | undefined;
  /** Identifies the current socket; callbacks of older sockets are dropped. */
  private generation = 0;
  private receivedOnSocket = false;
  private lastMessageAtMs = 0;
  private watchdog: number | undefined;
  private retryTimer: number | undefined;
  private running = false;
  private current: ConnectionState = { kind: 'connecting', attempt: 0 };
  private liveConnections = 0;

  constructor(private readonly options: FeedConnectionOptions) {
    this.staleAfterMs = options.staleAfterMs ?? 3000;
    this.deadAfterMs = options.deadAfterMs ?? 10_000;
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Connections that worked after the first one: how often the stream was re-established. */
  get reconnects(): number {
    return Math.max(0, this.liveConnections - 1);
  }

  /** A heartbeat arrived: the server is alive. */
  noteHeartbeat(): void {
    this.lastMessageAtMs = this.options.clock.now();
    if (this.current.kind === 'stale') {
      this.setState({ kind: 'live' });
      this.armWatchdog(this.staleAfterMs);
    }
  }

  /** Closes the current socket as a network failure would; the connection recovers by itself. */
  drop(): void {
    this.transport?.close(CLOSE_DROPPED, 'dropped by the dashboard');
  }

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.connect();
  }

  /** Closes the socket for good. */
  stop(): void {
    this.running = false;
    this.generation++;
    this.clearTimers();
    const transport = this.transport;
    this.transport = undefined;
    transport?.close(1000, 'closed by the dashboard');
  }

  private connect(): void {
    this.retryTimer = undefined;
    const generation = ++this.generation;
    this.receivedOnSocket = false;
    this.setState({ kind: 'connecting', attempt: this.options.backoff.attempts });
    const current = () => generation === this.generation;
    try {
      this.transport = this.options.transport(this.options.url, {
        onOpen: () => {
          if (current()) this.onOpen();
        },
        onMessage: (bytes) => {
          if (current()) this.onMessage(bytes);
        },
        onTextMessage: () => {
          if (current()) this.noteActivity();
        },
        onClose: (code, reason) => {
          if (current()) this.onClosed(code, reason);
        },
      });
    } catch (error) {
      this.onClosed(0, error instanceof Error ? error.message : String(error));
    }
  }

  private onOpen(): void {
    this.lastMessageAtMs = this.options.clock.now();
    this.armWatchdog(this.staleAfterMs);
    const transport = this.transport;
    this.options.onOpen((bytes) => transport?.send(bytes));
  }

  private onMessage(bytes: Uint8Array): void {
    this.noteActivity();
    this.options.onMessage(bytes);
  }

  /** The socket's first message makes it live; after that only heartbeats keep it so. */
  private noteActivity(): void {
    if (!this.receivedOnSocket) {
      this.receivedOnSocket = true;
      this.liveConnections++;
      this.options.backoff.reset();
      this.lastMessageAtMs = this.options.clock.now();
      this.setState({ kind: 'live' });
      this.armWatchdog(this.staleAfterMs);
    }
  }

  /** Checks for silence at `lastMessageAt + limit`; the check re-arms itself while data flows. */
  private armWatchdog(afterMs: number): void {
    if (this.watchdog !== undefined) {
      this.options.clock.clearTimeout(this.watchdog);
    }
    const dueAt = this.lastMessageAtMs + afterMs;
    const delay = Math.max(0, dueAt - this.options.clock.now());
    this.watchdog = this.options.clock.setTimeout(() => this.checkSilence(), delay);
  }

  private checkSilence(): void {
    this.watchdog = undefined;
    const silentFor = this.options.clock.now() - this.lastMessageAtMs;
    if (silentFor >= this.deadAfterMs) {
      const transport = this.transport;
      this.onClosed(CLOSE_SILENT, `no message for ${Math.round(silentFor / 1000)} s`);
      transport?.close(CLOSE_SILENT, 'silent');
    } else if (silentFor >= this.staleAfterMs) {
      if (this.current.kind !== 'stale') {
        this.setState({ kind: 'stale', lastMessageAtMs: this.lastMessageAtMs });
      }
      this.armWatchdog(this.deadAfterMs);
    } else {
      this.armWatchdog(this.staleAfterMs);
    }
  }

  private onClosed(code: number, reason: string): void {
    this.generation++;
    this.transport = undefined;
    this.clearTimers();
    if (!this.running) {
      return;
    }
    const delay = this.options.backoff.next();
    this.setState({
      kind: 'disconnected',
      retryAtMs: this.options.clock.now() + delay,
      code,
      reason,
    });
    this.retryTimer = this.options.clock.setTimeout(() => this.connect(), delay);
  }

  private clearTimers(): void {
    if (this.watchdog !== undefined) {
      this.options.clock.clearTimeout(this.watchdog);
      this.watchdog = undefined;
    }
    if (this.retryTimer !== undefined) {
      this.options.clock.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.options.onState(state);
  }
}
