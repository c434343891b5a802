/**
 * How the stream is doing, for the status bar: message and tick rates, end-to-end lag, the skew
 * between the server's clock and the browser's (from heartbeats), and conflation.
 */
import { RateMeter } from './rate-meter.js';

export interface HeartbeatInfo {
  readonly serverTimeNs: bigint;
  readonly headSequence: bigint;
  readonly scannedSequence: bigint;
  /** When it arrived, on the monotonic clock. */
  readonly receivedAtMs: number;
}

/** How long conflation stays marked after the last conflated batch. */
export const CONFLATION_MARK_MS = 5_000;

export class StreamStats {
  private readonly messageRate = new RateMeter();
  private readonly tickRate = new RateMeter();
  messagesTotal = 0;
  ticksTotal = 0;
  heartbeat: HeartbeatInfo | undefined;
  /** Browser wall clock minus server clock, ms (positive: the browser is ahead). */
  skewMs: number | undefined;
  /** Server time now minus the newest tick's event time, as of the latest batch, ms. */
  lagMs: number | undefined;
  conflatedTotal = 0n;
  private conflatedAtMs = Number.NEGATIVE_INFINITY;
  private conflatedRecent = 0n;

  onMessage(nowMs: number): void {
    this.messagesTotal++;
    this.messageRate.add(1, nowMs);
  }

  onTicks(count: number, nowMs: number): void {
    this.ticksTotal += count;
    this.tickRate.add(count, nowMs);
  }

  onHeartbeat(
    serverTimeNs: bigint,
    headSequence: bigint,
    scannedSequence: bigint,
    nowMs: number,
    wallMs: number,
  ): void {
    this.heartbeat = { serverTimeNs, headSequence, scannedSequence, receivedAtMs: nowMs };
    if (serverTimeNs > 0n) {
      this.skewMs = wallMs - Number(serverTimeNs / 1_000_000n);
    }
  }

  /** The newest event time of a batch just applied, at browser wall time `wallMs`. */
  onEventTime(eventTimeNs: bigint, wallMs: number): void {
    if (eventTimeNs <= 0n) return;
    const serverNowMs = wallMs - (this.skewMs ?? 0);
    this.lagMs = serverNowMs - Number(eventTimeNs / 1_000_000n);
  }

  onConflated(count: bigint, nowMs: number): void {
    if (count <= 0n) return;
    this.conflatedTotal += count;
    if (nowMs - this.conflatedAtMs > CONFLATION_MARK_MS) this.conflatedRecent = 0n;
    this.conflatedRecent += count;
    this.conflatedAtMs = nowMs;
  }

  /** Ticks merged away in the last few seconds (0: no conflation lately). */
  recentlyConflated(nowMs: number): bigint {
    return nowMs - this.conflatedAtMs <= CONFLATION_MARK_MS ? this.conflatedRecent : 0n;
  }

  messagesPerSecond(nowMs: number): number {
    return this.messageRate.rate(nowMs);
  }

  ticksPerSecond(nowMs: number): number {
    return this.tickRate.rate(nowMs);
  }
}
