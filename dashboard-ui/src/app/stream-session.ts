/**
 * The dashboard's session with the server across connections. The first connection subscribes;
 * every later one first tries to resume from the sequence the previous one covered, so that
 * nothing is missed. A server that cannot resume says so (RESUME_UNAVAILABLE) and sends a fresh
 * snapshot; a server that does not know Resume at all says nothing, and after a short wait (or two
 * heartbeats) the session subscribes afresh. Either way the restart is recorded, never hidden.
 */
import { Backoff } from '../connection/backoff.js';
import type { Clock } from '../connection/clock.js';
import { FeedConnection, type ConnectionState } from '../connection/feed-connection.js';
import type { TransportFactory } from '../connection/transport.js';
import { ErrorCode, type ServerMessage, type SubscriptionAck } from '../gen/ticker/v1/stream_pb.js';
import type { MarketModel } from '../model/market-model.js';
import {
  decodeServerMessage,
  encodeResume,
  encodeSubscribe,
  encodeUnsubscribe,
  type SubscribeSpec,
} from '../protocol/codec.js';
import type { PlanChange } from './subscription-plan.js';

/** How long a Resume may go unanswered before the session subscribes afresh. */
export const RESUME_TIMEOUT_MS = 3_000;

export interface StreamSessionOptions {
  readonly url: string;
  readonly model: MarketModel;
  readonly transport: TransportFactory;
  readonly clock: Clock;
  readonly backoff?: Backoff;
  readonly resumeTimeoutMs?: number;
  /** The whole subscription the page needs now. */
  readonly plan: () => SubscribeSpec[];
  /** The model or the connection state changed. */
  readonly onChange: (state: ConnectionState) => void;
  /** A subscription request was acknowledged (`spec` undefined for a resume). */
  readonly onSubscribed?: (spec: SubscribeSpec | undefined, ack: SubscriptionAck) => void;
  /**
   * Resolves when the plan can be read (e.g. once the catalogue is known); the socket opens
   * meanwhile, and subscribes when both are done.
   */
  readonly ready?: Promise<void>;
  /**
   * Sees every message first (a replay's frames, its status, heartbeats during a replay); true
   * when it took the message, which then does not reach the live model.
   */
  readonly intercept?: (message: ServerMessage) => boolean;
  /** While true, subscription changes wait (e.g. during a replay); `releaseHeld` sends them. */
  readonly holdChanges?: () => boolean;
  /** The connection dropped. */
  readonly onDisconnected?: () => void;
  /** Measures the time spent decoding and applying one frame (the benchmark's probe). */
  readonly onFrameApplied?: (startMs: number) => void;
}

/** How the current connection's stream began. */
export type StartKind = 'none' | 'subscribed' | 'resumed' | 'restarted';

export class StreamSession {
  readonly connection: FeedConnection;
  private readonly model: MarketModel;
  private readonly clock: Clock;
  private readonly resumeTimeoutMs: number;
  private send: ((bytes: Uint8Array) => void) | undefined;
  /** Whether the current socket has sent its opening subscription (or resume). */
  private begun = false;
  private nextRequestId = 1;
  private readonly specs = new Map<number, SubscribeSpec>();
  private resumeRequestId: number | undefined;
  private resumeRefused = false;
  private resumeTimer: number | undefined;
  private heartbeatsWhileResuming = 0;
  private everStarted = false;
  private coveredAtOpen: bigint | undefined;
  /** Changes made while a Resume was pending, sent once it is answered. */
  private queued: PlanChange[] = [];
  /** Connections that continued the previous one with no record missed. */
  resumes = 0;
  /** Connections that had to start again from a fresh snapshot. */
  restarts = 0;
  start: StartKind = 'none';

  constructor(private readonly options: StreamSessionOptions) {
    this.model = options.model;
    this.clock = options.clock;
    this.resumeTimeoutMs = options.resumeTimeoutMs ?? RESUME_TIMEOUT_MS;
    this.connection = new FeedConnection({
      url: options.url,
      transport: options.transport,
      clock: options.clock,
      backoff: options.backoff ?? new Backoff(),
      onOpen: (send) => this.onOpen(send),
      onMessage: (bytes) => this.onMessage(bytes),
      onState: (state) => {
        if (state.kind === 'disconnected') this.onDisconnected();
        options.onChange(state);
      },
    });
  }

  startConnecting(): void {
    this.connection.start();
  }

  stop(): void {
    this.connection.stop();
  }

  /** Applies subscription changes now if connected; a new connection sends the whole plan. */
  apply(changes: readonly PlanChange[]): void {
    const send = this.send;
    if (send === undefined || !this.begun) {
      return; // a new connection reads the whole plan afresh
    }
    if (this.resumeRequestId !== undefined || this.options.holdChanges?.() === true) {
      this.queued.push(...changes);
      return;
    }
    for (const change of changes) {
      const id = this.nextRequestId++;
      if (change.op === 'subscribe') {
        this.specs.set(id, change.spec);
        send(encodeSubscribe(id, change.spec));
      } else {
        send(encodeUnsubscribe(id, change.symbols, change.all ?? false));
      }
    }
  }

  /** Sends the changes held back (see `holdChanges`). */
  releaseHeld(): void {
    if (this.resumeRequestId !== undefined || this.queued.length === 0) return;
    const queued = this.queued;
    this.queued = [];
    this.apply(queued);
  }

  /** Sends a client message on the current connection; false when there is none. */
  sendRaw(bytes: Uint8Array): boolean {
    const send = this.send;
    if (send === undefined || !this.begun) return false;
    send(bytes);
    return true;
  }

  private onOpen(send: (bytes: Uint8Array) => void): void {
    this.send = send;
    const ready = this.options.ready;
    if (ready === undefined) {
      this.begin(send);
    } else {
      void ready.then(() => {
        if (this.send === send) this.begin(send);
      });
    }
  }

  private begin(send: (bytes: Uint8Array) => void): void {
    this.begun = true;
    this.model.beginConnection();
    this.start = 'none';
    this.resumeRefused = false;
    this.heartbeatsWhileResuming = 0;
    const covered = this.model.sequence.lastSequence;
    this.coveredAtOpen = covered;
    const plan = this.options.plan();
    if (this.everStarted && covered !== undefined && plan.length > 0) {
      const id = this.nextRequestId++;
      this.resumeRequestId = id;
      send(encodeResume(id, covered, plan));
      this.resumeTimer = this.clock.setTimeout(() => this.resumeUnanswered(), this.resumeTimeoutMs);
    } else {
      this.subscribeAll(plan);
    }
  }

  private subscribeAll(plan: readonly SubscribeSpec[]): void {
    const send = this.send;
    this.queued = [];
    if (send === undefined) return;
    for (const spec of plan) {
      const id = this.nextRequestId++;
      this.specs.set(id, spec);
      send(encodeSubscribe(id, spec));
    }
  }

  /** The server ignored the Resume (it does not know it): subscribe afresh. */
  private resumeUnanswered(): void {
    this.resumeTimer = undefined;
    if (this.resumeRequestId === undefined) return;
    this.resumeRequestId = undefined;
    this.subscribeAll(this.options.plan());
  }

  private onDisconnected(): void {
    this.options.onDisconnected?.();
    this.send = undefined;
    this.begun = false;
    this.queued = [];
    this.resumeRequestId = undefined;
    if (this.resumeTimer !== undefined) {
      this.clock.clearTimeout(this.resumeTimer);
      this.resumeTimer = undefined;
    }
  }

  private onMessage(bytes: Uint8Array): void {
    const startMs = this.options.onFrameApplied !== undefined ? performance.now() : 0;
    let message;
    try {
      message = decodeServerMessage(bytes);
    } catch {
      this.model.malformedMessages++;
      return;
    }
    const body = message.body;
    if (body.case === 'heartbeat') {
      this.connection.noteHeartbeat();
      if (this.resumeRequestId !== undefined && ++this.heartbeatsWhileResuming >= 2) {
        // two heartbeats and no answer: the server does not know Resume
        if (this.resumeTimer !== undefined) this.clock.clearTimeout(this.resumeTimer);
        this.resumeUnanswered();
      }
    } else if (body.case === 'error') {
      if (
        body.value.code === ErrorCode.RESUME_UNAVAILABLE &&
        body.value.requestId === this.resumeRequestId
      ) {
        this.resumeRefused = true;
      }
    } else if (body.case === 'subscribed') {
      this.onAck(body.value);
    }
    if (this.options.intercept?.(message) !== true) {
      this.model.apply(message);
    }
    this.options.onFrameApplied?.(startMs);
    this.options.onChange(this.connection.state);
  }

  private onAck(ack: SubscriptionAck): void {
    this.model.onSubscriptionChanged();
    const isResume = ack.requestId === this.resumeRequestId && this.resumeRequestId !== undefined;
    if (isResume) {
      this.resumeRequestId = undefined;
      if (this.resumeTimer !== undefined) {
        this.clock.clearTimeout(this.resumeTimer);
        this.resumeTimer = undefined;
      }
    }
    const wasStarted = this.model.sequence.isStarted;
    if (!wasStarted) {
      const resumed = isResume && !this.resumeRefused;
      this.model.sequence.onSubscribed(ack.effectiveSequence, resumed ? 'resume' : 'fresh');
      if (resumed) {
        this.start = 'resumed';
        this.resumes++;
      } else if (this.everStarted) {
        this.start = 'restarted';
        this.restarts++;
        const from = this.coveredAtOpen;
        this.model.onRestarted(
          from === undefined
            ? 'reconnected from a fresh snapshot'
            : `reconnected from a fresh snapshot: trades after #${from.toString()} up to #${(ack.effectiveSequence - 1n).toString()} not shown`,
        );
      } else {
        this.start = 'subscribed';
      }
      this.everStarted = true;
    }
    this.options.onSubscribed?.(isResume ? undefined : this.specs.get(ack.requestId), ack);
    this.specs.delete(ack.requestId);
    if (isResume && this.queued.length > 0) {
      const queued = this.queued;
      this.queued = [];
      this.apply(queued);
    }
  }
}
