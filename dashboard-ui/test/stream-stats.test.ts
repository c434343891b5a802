import { describe, expect, it } from 'vitest';
import { SKEW_SAMPLES, StreamStats } from '../src/model/stream-stats.js';
import { describeConnection } from '../src/view/status-bar.js';

const SERVER_MS = 1_800_000_000_000;
const ns = (ms: number): bigint => BigInt(ms) * 1_000_000n;

describe('StreamStats', () => {
  it('shouldEstimateTheSkewFromTheHeartbeatThatTookTheLeastTimeToArrive', () => {
    const stats = new StreamStats();
    // same clocks; the heartbeats took 15, 2 and 9 ms to arrive
    stats.onHeartbeat(ns(SERVER_MS), 1n, 1n, 0, SERVER_MS + 15);
    stats.onHeartbeat(ns(SERVER_MS + 1_000), 2n, 2n, 1_000, SERVER_MS + 1_002);
    stats.onHeartbeat(ns(SERVER_MS + 2_000), 3n, 3n, 2_000, SERVER_MS + 2_009);

    expect(stats.skewMs).toBe(2);
  });

  it('shouldForgetSkewSamplesOlderThanTheLastFew', () => {
    const stats = new StreamStats();
    stats.onHeartbeat(ns(SERVER_MS), 1n, 1n, 0, SERVER_MS + 1);
    for (let i = 1; i <= SKEW_SAMPLES; i++) {
      stats.onHeartbeat(ns(SERVER_MS + i * 1_000), 1n, 1n, i * 1_000, SERVER_MS + i * 1_000 + 40);
    }
    expect(stats.skewMs).toBe(40);
  });

  it('shouldNeverShowANegativeLag', () => {
    const stats = new StreamStats();
    // the heartbeat was slow (13 ms): the tick, faster, would seem to arrive before it happened
    stats.onHeartbeat(ns(SERVER_MS), 1n, 1n, 0, SERVER_MS + 13);
    stats.onEventTime(ns(SERVER_MS + 500), SERVER_MS + 501);
    expect(stats.lagMs).toBe(0);

    stats.onEventTime(ns(SERVER_MS + 600), SERVER_MS + 650);
    expect(stats.lagMs).toBe(37);
  });
});

describe('describeConnection', () => {
  it('shouldSayReplayNotLiveWhileAReplayIsShown', () => {
    const view = describeConnection({ kind: 'live' }, 0, { phase: 'playing', speed: 60 });
    expect(view).toEqual({ kind: 'replay', label: 'Replay playing, 60×' });
    expect(describeConnection({ kind: 'live' }, 0)).toEqual({ kind: 'live', label: 'Live' });
  });

  it('shouldSayTheConnectionIsDownEvenDuringAReplay', () => {
    const view = describeConnection({ kind: 'stale', lastMessageAtMs: 0 }, 3_500, { phase: 'playing', speed: 60 });
    expect(view.kind).toBe('stale');
  });
});
