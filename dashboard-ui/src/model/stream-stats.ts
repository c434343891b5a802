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

/**
 * Heartbeats whose clock readings estimate the skew. A heartbeat arrives some milliseconds after
 * the server stamped it; the one that arrived soonest of the last few is the closest to the true
 * skew, so the estimate is their minimum (as NTP keeps the sample with the least delay).
 */
export const SKEW_SAMPLES = 16;

/** How long conflation stays marked after the last conflated batch. */
export const CONFLATION_MARK_MS = 5_000;

export class StreamStats {
  private readonly messageRate = new RateMeter();
  private readonly tickRate = new RateMeter();
  messagesTotal = 0;
  ticksTotal = 0;
  heartbeat: HeartbeatInfo | undefined;
  /**
   * Browser wall clock minus server clock, ms (positive: the browser is ahead), plus the least
   * delay of a heartbeat on its way: the minimum over the last SKEW_SAMPLES heartbeats.
   */
  skewMs: number | undefined;
  /**
   * Server time now minus the newest tick's event time, as of the latest batch, ms; never
   * negative (a tick cannot arrive before it happened: less than 0 is the skew estimate's error).
   */
  lagMs: number | undefined;
  private readonly skewSamples: number[] = [];
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
      const samples = this.skewSamples;
      samples.push(wallMs - Number(serverTimeNs / 1_000_000n));
      if (samples.length > SKEW_SAMPLES) samples.shift();
      this.skewMs = Math.min(...samples);
    }
  }

  /** The newest event time of a batch just applied, at browser wall time `wallMs`. */
  onEventTime(eventTimeNs: bigint, wallMs: number): void {
    if (eventTimeNs <= 0n) return;
    const serverNowMs = wallMs - (this.skewMs ?? 0);
    this.lagMs = Math.max(0, serverNowMs - Number(eventTimeNs / 1_000_000n));
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
