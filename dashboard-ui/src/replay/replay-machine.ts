/**
 * The replay as the page sees it: what was asked of the server, what the server says
 * (ReplayStatus), and the replay clock in between. It sends ReplayStart and ReplayControl and
 * reads ReplayStatus and errors; it never touches the market state itself. It tells the page
 * when a new segment begins (a start or a seek: the state is rebuilt from the replay snapshot and
 * continuity restarts at `segment_first_sequence`) and when the connection is back to live.
 *
 * A server that does not answer a ReplayStart within a few seconds (one without replay) or that
 * refuses it leaves the page live, with the reason shown. A connection lost during a replay is
 * resumed live by the session; the replay then starts again where it was.
 */
import type { Clock } from '../connection/clock.js';
import { BarInterval } from '../gen/ticker/v1/market_pb.js';
import {
  ErrorCode,
  ReplayAction,
  ReplayState,
  type Error as ErrorMessage,
  type ReplayStatus,
} from '../gen/ticker/v1/stream_pb.js';
import { encodeReplayControl, encodeReplayStart, type ReplayStartSpec } from '../protocol/codec.js';
import type { ReplayLink } from './replay-url.js';

/** How long a replay request may go unanswered. */
export const REPLAY_ANSWER_TIMEOUT_MS = 5_000;

/** Replay request ids are apart from subscription ids, so errors are told apart. */
const FIRST_REQUEST_ID = 1_000_000;
/** The slowest replay speed the server takes (ReplayClock.MIN_SPEED). */
export const MIN_REPLAY_SPEED = 0.01;

/** Every interval, so the chart can switch interval during a replay. */
export const REPLAY_BAR_INTERVALS: readonly BarInterval[] = [
  BarInterval.BAR_INTERVAL_1S,
  BarInterval.BAR_INTERVAL_5S,
  BarInterval.BAR_INTERVAL_1M,
  BarInterval.BAR_INTERVAL_5M,
  BarInterval.BAR_INTERVAL_15M,
  BarInterval.BAR_INTERVAL_1H,
  BarInterval.BAR_INTERVAL_1D,
];

/**
 * - `live`: no replay;
 * - `starting`: a ReplayStart is on its way;
 * - `playing`, `paused`, `ended`: as the server says;
 * - `returning`: back to live was asked;
 * - `interrupted`: the connection dropped during a replay, which starts again once reconnected.
 */
type RequestKind = 'start' | 'widen' | 'seek' | 'live' | 'control';

export type ReplayPhase = 'live' | 'starting' | 'playing' | 'paused' | 'ended' | 'returning' | 'interrupted';

/** A new segment of the replay: the state as of its start comes in the replay snapshot. */
export interface ReplaySegment {
  /** The first sequence of the segment's frames: continuity restarts here. */
  readonly firstSequence: bigint;
  /** The replay clock at the segment's start, epoch nanoseconds. */
  readonly positionNs: bigint;
  /** The segment goes on from where the last one stopped (symbols were added), not from a seek. */
  readonly continued?: boolean;
}

export interface ReplayStartRequest {
  readonly fromMs: number;
  readonly toMs?: number;
  readonly speed: number;
  readonly paused: boolean;
  readonly symbols: readonly string[];
}

export interface ReplayMachineOptions {
  readonly clock: Clock;
  /** Sends a client message; false when there is no connection. */
  readonly send: (bytes: Uint8Array) => boolean;
  readonly onSegment: (segment: ReplaySegment) => void;
  /** The connection is back on live data (the live stream continues with no gap). */
  readonly onLive: () => void;
  /** The server did not confirm back-to-live: the page must reconnect to be live for sure. */
  readonly onStuck: () => void;
  readonly onChange: () => void;
  readonly answerTimeoutMs?: number;
}

export class ReplayMachine {
  phase: ReplayPhase = 'live';
  /** The speed in effect (0: as fast as possible). */
  speed = 0;
  /** The server's last word on the position, epoch nanoseconds and sequence. */
  positionNs = 0n;
  positionSequence = 0n;
  segmentFirstSequence = 0n;
  /** The last sequence of the window (ReplayStatus.to_sequence; 0: not known). */
  toSequence = 0n;
  /** The window replayed, epoch nanoseconds (0: not known). */
  fromNs = 0n;
  toNs = 0n;
  /** Segments begun (starts and seeks answered). */
  segments = 0;
  /** Why the last replay request failed; cleared by the next one. */
  error: string | undefined;
  /** The server did not answer a ReplayStart at all: it has no replay. */
  unsupported = false;
  private request: ReplayStartRequest | undefined;
  private nextRequestId = FIRST_REQUEST_ID;
  private readonly ownIds = new Set<number>();
  /** The request whose answer is awaited, and what it was. */
  private pending: { id: number; kind: RequestKind } | undefined;
  /** The request a widening replaced, restored when the server refuses the wider one. */
  private beforeWiden: ReplayStartRequest | undefined;
  private timer: number | undefined;
  private pauseOnStart = false;
  /**
   * The speed asked for by a replay started paused, which starts at the slowest speed (the
   * protocol has no paused start: it plays until the PAUSE arrives, a few ms of recorded time at
   * 0.01x) and gets its speed back once paused.
   */
  private speedAfterPause: number | undefined;
  /** When the position was last set, on the monotonic clock. */
  private positionAtMs = 0;
  private readonly timeoutMs: number;

  constructor(private readonly options: ReplayMachineOptions) {
    this.timeoutMs = options.answerTimeoutMs ?? REPLAY_ANSWER_TIMEOUT_MS;
  }

  /** Whether the page shows a replay (including one being started or ended). */
  get active(): boolean {
    return this.phase !== 'live';
  }

  /** Whether replay frames are expected on the connection now. */
  get streaming(): boolean {
    return this.phase === 'playing' || this.phase === 'paused' || this.phase === 'ended' || this.phase === 'returning' || this.phase === 'starting';
  }

  /** The replay clock at `nowMs`: the last position, moved on at the speed while playing. */
  clockNs(nowMs: number): bigint {
    if (this.phase !== 'playing' || this.speed <= 0) return this.positionNs;
    const elapsedNs = BigInt(Math.max(0, Math.round((nowMs - this.positionAtMs) * this.speed * 1_000_000)));
    // never ahead of the next frame by more than a second of recorded time
    const capped = elapsedNs > 1_000_000_000n ? 1_000_000_000n : elapsedNs;
    const clock = this.positionNs + capped;
    return this.toNs > 0n && clock > this.toNs ? this.toNs : clock;
  }

  /** What the address should say now (undefined when live). */
  link(nowMs: number): ReplayLink | undefined {
    const request = this.request;
    if (!this.active || request === undefined) return undefined;
    const position = this.phase === 'starting' || this.positionNs === 0n ? request.fromMs : Number(this.clockNs(nowMs) / 1_000_000n);
    const atMs = Math.floor(position / 1000) * 1000;
    const base = { atMs, speed: this.phase === 'starting' ? request.speed : this.speed, paused: this.phase === 'paused' || (this.phase === 'starting' && request.paused) };
    return request.toMs !== undefined && request.toMs > atMs ? { ...base, toMs: request.toMs } : base;
  }

  start(request: ReplayStartRequest): void {
    this.request = request;
    this.error = undefined;
    this.unsupported = false;
    this.beforeWiden = undefined;
    this.toSequence = 0n;
    this.positionNs = BigInt(Math.round(request.fromMs)) * 1_000_000n;
    const sent = this.sendStart(request, { case: 'fromTimeNs', value: this.positionNs }, request.toMs === undefined ? undefined : { case: 'toTimeNs', value: BigInt(Math.round(request.toMs)) * 1_000_000n }, 'start');
    this.phase = sent ? 'starting' : 'interrupted';
    this.options.onChange();
  }

  /** The symbols the replay was asked for. */
  get symbols(): readonly string[] {
    return this.request?.symbols ?? [];
  }

  /**
   * Adds symbols to the replay shown (a symbol pinned in a pane): the protocol takes no Subscribe
   * during a replay, so a new ReplayStart with the wider set replaces it, from `nextSequence` (the
   * first record not yet covered) to the same end, at the same speed, paused if it was. Returns
   * false when no replay is positioned to widen (a start on its way is widened once it answers).
   */
  widen(symbols: readonly string[], nextSequence: bigint | undefined): boolean {
    const request = this.request;
    if (request === undefined || (this.phase !== 'playing' && this.phase !== 'paused' && this.phase !== 'ended')) return false;
    const wider = [...request.symbols, ...symbols.filter((s) => !request.symbols.includes(s))];
    if (wider.length === request.symbols.length) return false;
    this.beforeWiden = request;
    const nowMs = this.options.clock.now();
    const next: ReplayStartRequest = { ...request, symbols: wider, fromMs: Number(this.clockNs(nowMs) / 1_000_000n), speed: this.speed, paused: this.phase === 'paused' };
    this.request = next;
    this.error = undefined;
    // an ended replay has nothing after its last record: it starts again at that record
    const last = this.toSequence;
    const from =
      nextSequence === undefined
        ? ({ case: 'fromTimeNs', value: BigInt(next.fromMs) * 1_000_000n } as const)
        : ({ case: 'fromSequence', value: last > 0n && nextSequence > last ? last : nextSequence } as const);
    const to =
      last > 0n
        ? ({ case: 'toSequence', value: last } as const)
        : request.toMs === undefined
          ? undefined
          : ({ case: 'toTimeNs', value: BigInt(Math.round(request.toMs)) * 1_000_000n } as const);
    if (!this.sendStart(next, from, to, 'widen')) {
      this.request = request;
      this.beforeWiden = undefined;
      return false;
    }
    this.options.onChange();
    return true;
  }

  /** Sends a ReplayStart (a paused one starts at the slowest speed and pauses once answered). */
  private sendStart(request: ReplayStartRequest, from: ReplayStartSpec['from'], to: ReplayStartSpec['to'], kind: 'start' | 'widen'): boolean {
    this.pauseOnStart = request.paused;
    this.speedAfterPause = request.paused && request.speed !== MIN_REPLAY_SPEED ? request.speed : undefined;
    this.speed = request.speed;
    this.positionAtMs = this.options.clock.now();
    const id = this.newId();
    const sent = this.options.send(
      encodeReplayStart(id, {
        from,
        ...(to !== undefined ? { to } : {}),
        symbols: request.symbols,
        speed: this.speedAfterPause !== undefined ? MIN_REPLAY_SPEED : request.speed,
        barIntervals: REPLAY_BAR_INTERVALS,
      }),
    );
    if (sent) this.await(id, kind);
    return sent;
  }

  pause(): void {
    if (this.phase === 'playing') this.control(ReplayAction.PAUSE);
  }

  resume(): void {
    if (this.phase === 'paused') this.control(ReplayAction.RESUME);
  }

  setSpeed(speed: number): void {
    if (this.phase === 'playing' || this.phase === 'paused' || this.phase === 'ended') {
      this.speedAfterPause = undefined;
      this.control(ReplayAction.SET_SPEED, { speed });
    } else if (this.request !== undefined) {
      this.request = { ...this.request, speed };
    }
  }

  seek(atMs: number): void {
    if (this.phase !== 'playing' && this.phase !== 'paused' && this.phase !== 'ended') return;
    // the clock shows the target at once; the server's status confirms it
    this.positionNs = BigInt(Math.round(atMs)) * 1_000_000n;
    this.positionAtMs = this.options.clock.now();
    this.control(ReplayAction.SEEK, { seekTimeNs: this.positionNs }, 'seek');
  }

  step(): void {
    if (this.phase === 'playing' || this.phase === 'paused') this.control(ReplayAction.STEP);
  }

  backToLive(): void {
    if (this.phase === 'live' || this.phase === 'returning') return;
    if (this.phase === 'interrupted' || (this.phase === 'starting' && this.pending === undefined)) {
      this.toLive();
      return;
    }
    this.control(ReplayAction.BACK_TO_LIVE, {}, 'live');
    this.phase = 'returning';
    this.options.onChange();
  }

  /** A ReplayStatus from the server. */
  onStatus(status: ReplayStatus): void {
    const answered = this.pending !== undefined && status.requestId === this.pending.id ? this.pending : undefined;
    if (answered !== undefined) this.settle();
    if (status.state === ReplayState.LIVE) {
      this.toLive();
      return;
    }
    if (this.phase === 'live') {
      // a replay this page did not ask for (one given up on): back to live
      this.control(ReplayAction.BACK_TO_LIVE, {}, 'live');
      this.phase = 'returning';
      this.options.onChange();
      return;
    }
    this.phase =
      status.state === ReplayState.PAUSED ? 'paused' : status.state === ReplayState.ENDED ? 'ended' : 'playing';
    this.speed = this.speedAfterPause ?? status.speed;
    this.positionNs = status.positionTimeNs;
    this.positionSequence = status.positionSequence;
    this.positionAtMs = this.options.clock.now();
    if (status.fromTimeNs !== 0n) this.fromNs = status.fromTimeNs;
    if (status.toTimeNs !== 0n) this.toNs = status.toTimeNs;
    if (status.toSequence !== 0n) this.toSequence = status.toSequence;
    if (answered?.kind === 'widen') this.beforeWiden = undefined;
    const newSegment =
      answered?.kind === 'start' || answered?.kind === 'widen' || answered?.kind === 'seek' || status.segmentFirstSequence !== this.segmentFirstSequence;
    if (newSegment) {
      this.segmentFirstSequence = status.segmentFirstSequence;
      this.segments++;
      this.options.onSegment({ firstSequence: status.segmentFirstSequence, positionNs: status.positionTimeNs, continued: answered?.kind === 'widen' });
    }
    if (this.pauseOnStart && this.phase === 'playing') {
      this.pauseOnStart = false;
      this.control(ReplayAction.PAUSE);
    } else if (this.phase === 'paused') {
      this.pauseOnStart = false;
      const speed = this.speedAfterPause;
      this.speedAfterPause = undefined;
      if (speed !== undefined && speed !== status.speed) this.control(ReplayAction.SET_SPEED, { speed });
    }
    this.options.onChange();
  }

  /** The replay clock of a replay frame (DataBatch.replay_time_ns). */
  onReplayTime(replayTimeNs: bigint): void {
    if (replayTimeNs <= 0n || !this.streaming) return;
    this.positionNs = replayTimeNs;
    this.positionAtMs = this.options.clock.now();
  }

  /** An Error from the server; true when it answers a replay request. */
  onError(error: ErrorMessage): boolean {
    const replayCode = error.code === ErrorCode.INVALID_REPLAY || error.code === ErrorCode.TOO_MANY_REPLAYS;
    if (!this.ownIds.has(error.requestId) && !(replayCode && this.active)) return false;
    const pending = this.pending;
    this.error = `${ErrorCode[error.code] ?? error.code}: ${error.message}`;
    if (pending !== undefined && pending.id === error.requestId) {
      this.settle();
      if (pending.kind === 'widen') {
        // the replay running goes on unchanged, with the symbols it had
        if (this.beforeWiden !== undefined) this.request = this.beforeWiden;
        this.beforeWiden = undefined;
        this.pauseOnStart = false;
        this.speedAfterPause = undefined;
      } else if (pending.kind === 'start') {
        this.phase = 'live';
        this.request = undefined;
        this.positionNs = 0n;
      } else if (pending.kind === 'live') {
        this.toLive();
        this.options.onStuck();
        return true;
      }
    }
    this.options.onChange();
    return true;
  }

  /** The connection dropped: a replay in progress starts again on the next one. */
  onDisconnected(): void {
    this.settle();
    if (this.phase === 'returning') {
      // the new connection resumes live anyway
      this.toLive();
      return;
    }
    if (this.active) {
      if (this.request !== undefined && this.positionNs > 0n) {
        this.request = { ...this.request, fromMs: Number(this.clockNs(this.options.clock.now()) / 1_000_000n), speed: this.speed, paused: this.phase === 'paused' };
      }
      this.phase = 'interrupted';
      this.options.onChange();
    }
  }

  /** The live stream runs on a (new) connection: an interrupted replay starts again. */
  onStreamStarted(symbols: readonly string[]): void {
    if (this.phase === 'interrupted' && this.request !== undefined) {
      this.start({ ...this.request, symbols });
    }
  }

  private control(action: ReplayAction, options: { speed?: number; seekTimeNs?: bigint } = {}, kind: 'seek' | 'live' | 'control' = 'control'): void {
    const id = this.newId();
    if (!this.options.send(encodeReplayControl(id, action, options))) return;
    this.await(id, kind);
  }

  private newId(): number {
    const id = this.nextRequestId++;
    this.ownIds.add(id);
    if (this.ownIds.size > 64) this.ownIds.delete(id - 64);
    return id;
  }

  private await(id: number, kind: RequestKind): void {
    this.settle();
    this.pending = { id, kind };
    this.timer = this.options.clock.setTimeout(() => this.onTimeout(), this.timeoutMs);
  }

  private settle(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private onTimeout(): void {
    const pending = this.pending;
    this.timer = undefined;
    this.pending = undefined;
    if (pending === undefined) return;
    const seconds = (this.timeoutMs / 1000).toFixed(0);
    if (pending.kind === 'start') {
      this.unsupported = true;
      this.error = `the server did not answer the replay request within ${seconds} s; it may not offer replay`;
      this.phase = 'live';
      this.request = undefined;
      this.positionNs = 0n;
      // in case it answers late, it is told to stop
      this.options.send(encodeReplayControl(0, ReplayAction.BACK_TO_LIVE));
    } else if (pending.kind === 'live') {
      this.error = `the server did not confirm back to live within ${seconds} s; reconnecting`;
      this.toLive();
      this.options.onStuck();
      return;
    } else if (pending.kind === 'widen') {
      this.error = `the server did not answer the replay of the added symbols within ${seconds} s`;
      if (this.beforeWiden !== undefined) this.request = this.beforeWiden;
      this.beforeWiden = undefined;
    } else {
      this.error = `the server did not answer a replay control within ${seconds} s`;
    }
    this.options.onChange();
  }

  private toLive(): void {
    this.settle();
    const was = this.phase;
    this.phase = 'live';
    this.request = undefined;
    this.pauseOnStart = false;
    this.speedAfterPause = undefined;
    this.segmentFirstSequence = 0n;
    this.toSequence = 0n;
    this.beforeWiden = undefined;
    this.positionNs = 0n;
    this.fromNs = 0n;
    this.toNs = 0n;
    if (was !== 'live') this.options.onLive();
    this.options.onChange();
  }
}
