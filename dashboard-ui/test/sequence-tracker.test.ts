import { describe, expect, it } from 'vitest';
import { SequenceTracker } from '../src/model/sequence-tracker.js';

describe('SequenceTracker', () => {
  it('shouldContinueACoveredRangeAcrossAResumedConnection', () => {
    const tracker = new SequenceTracker();
    tracker.beginConnection();
    tracker.onSubscribed(101n, 'fresh');
    tracker.onBatch(101n, 150n);
    tracker.onHeartbeat(170n);

    tracker.beginConnection();
    tracker.onHeartbeat(900n); // before the resume took effect: says nothing
    expect(tracker.lastSequence).toBe(170n);
    expect(tracker.onSubscribed(171n, 'resume')).toBeUndefined();
    expect(tracker.onBatch(171n, 180n)).toBeUndefined();
    expect(tracker.gaps).toBe(0);
    expect(tracker.lastSequence).toBe(180n);
  });

  it('shouldCountAResumedFirstBatchThatStartsLateAsAGap', () => {
    const tracker = new SequenceTracker();
    tracker.beginConnection();
    tracker.onSubscribed(1n, 'fresh');
    tracker.onBatch(1n, 10n);
    tracker.beginConnection();
    tracker.onSubscribed(11n, 'resume');
    expect(tracker.onBatch(14n, 20n)).toEqual({ expected: 11n, received: 14n, missed: 3n });
  });

  it('shouldCountAResumedFirstBatchThatStartsEarlyAsAnOverlap', () => {
    const tracker = new SequenceTracker();
    tracker.beginConnection();
    tracker.onSubscribed(1n, 'fresh');
    tracker.onBatch(1n, 10n);
    tracker.beginConnection();
    tracker.onSubscribed(11n, 'resume');
    tracker.onBatch(9n, 20n);
    expect(tracker.gaps).toBe(0);
    expect(tracker.overlaps).toBe(1);
  });

  it('shouldReportAResumeThatTheServerStartedLaterThanAsked', () => {
    const tracker = new SequenceTracker();
    tracker.beginConnection();
    tracker.onSubscribed(1n, 'fresh');
    tracker.onBatch(1n, 10n);
    tracker.beginConnection();
    expect(tracker.onSubscribed(15n, 'resume')).toEqual({ expected: 11n, received: 15n, missed: 4n });
    expect(tracker.gaps).toBe(1);
  });

  it('shouldIgnoreLaterAcksOnTheSameConnection', () => {
    const tracker = new SequenceTracker();
    tracker.beginConnection();
    tracker.onSubscribed(101n, 'fresh');
    tracker.onBatch(101n, 200n);
    tracker.onSubscribed(201n, 'fresh'); // more symbols: coverage goes on
    tracker.onBatch(201n, 210n);
    expect(tracker.gaps).toBe(0);
    expect(tracker.lastSequence).toBe(210n);
  });
});
